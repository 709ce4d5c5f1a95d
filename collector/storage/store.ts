// What the collector needs from a database, whichever it is: SQLite on one machine, PostgreSQL for several.
import type { Grade } from '../../utils/methodology';
import type { BodyCount, Incoming, ScoreCount, SiteSummary, ThirdPartyCount } from '../aggregate';

/** One row of the sites table: the aggregate as of the last report, published or not. */
export interface SiteRow extends Omit<SiteSummary, 'grades'> {
  host: string;
  body_source: string | null;
  body_id: string | null;
}

/** A sites row as either driver returns it (SQLite integers for booleans, PostgreSQL strings for bigints). */
export function siteRow(r: Record<string, unknown>): SiteRow {
  return {
    host: r.host as string,
    reports: Number(r.reports),
    median_score: r.median_score === null ? null : Number(r.median_score),
    grade: (r.grade as Grade | null) ?? null,
    published: Boolean(r.published),
    first_week: (r.first_week as string | null) ?? null,
    last_week: (r.last_week as string | null) ?? null,
    body_source: (r.body_source as string | null) ?? null,
    body_id: (r.body_id as string | null) ?? null,
  };
}

export const SITE_SORTS = ['host', '-host', 'score', '-score', 'reports', '-reports', 'last_week', '-last_week'] as const;
export type SiteSort = (typeof SITE_SORTS)[number];

/** A page of published sites. */
export interface SiteQuery {
  /** Host equals it or ends with "." + it (gouv.fr). */
  suffix?: string;
  grades?: Grade[];
  /** Public-body source, exactly (fr-dinum, suffix:gouv.fr…). */
  source?: string;
  /** Part of the host name. */
  q?: string;
  sort: SiteSort;
  limit: number;
  offset: number;
}

export interface StoredReport {
  id: string;
  body: string;
}

export interface TopThirdParty {
  domain: string;
  /** Published sites whose reports saw it. */
  sites: number;
  reports: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Write transactions worth running at once (see IngestQueue). */
  readonly writeConcurrency: number;
  /**
   * Stores the reports and updates their sites' counters and aggregates in one transaction; resolves only once
   * the transaction is durable (SQLite synchronous=FULL, PostgreSQL committed).
   */
  insertReports(batch: readonly Incoming[]): Promise<void>;
  findSites(query: SiteQuery): Promise<{ total: number; sites: SiteRow[] }>;
  site(host: string): Promise<SiteRow | null>;
  scoreCounts(hosts: readonly string[]): Promise<Map<string, ScoreCount[]>>;
  thirdPartyCounts(hosts: readonly string[]): Promise<ThirdPartyCount[]>;
  bodyCounts(hosts: readonly string[]): Promise<BodyCount[]>;
  /**
   * Raw reports of published sites whose id sorts after `id` (keyset paging: streams of any size). In id order:
   * ids are random, so the published order says nothing of the order of arrival.
   */
  publishedReportsAfter(id: string, limit: number): Promise<StoredReport[]>;
  publishedSitesAfter(host: string, limit: number): Promise<SiteRow[]>;
  gradeDistribution(): Promise<Record<Grade, number>>;
  totals(): Promise<{ published_sites: number; published_reports: number }>;
  topThirdParties(limit: number): Promise<TopThirdParty[]>;
  /** Descriptions of these domains, with how many reports gave each, across published sites. */
  thirdPartyLabels(domains: readonly string[]): Promise<Array<{ domain: string; label: string; reports: number }>>;
  /** Drops raw reports of weeks before `week`; the counters they fed stay. Returns how many were dropped. */
  purgeBefore(week: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** LIKE pattern text with its wildcards escaped (the escape character is a backslash in both stores). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const ORDER_BY: Record<SiteSort, string> = {
  host: 'host ASC',
  '-host': 'host DESC',
  score: 'median_score ASC, host ASC',
  '-score': 'median_score DESC, host ASC',
  reports: 'reports ASC, host ASC',
  '-reports': 'reports DESC, host ASC',
  last_week: 'last_week ASC, host ASC',
  '-last_week': 'last_week DESC, host ASC',
};

/** The WHERE clause of a site query, with placeholders made by `param` (? or $n) and their values. */
export function siteFilter(query: SiteQuery, param: (value: unknown) => string, published: string): string {
  const where = [`published = ${published}`];
  if (query.suffix) where.push(`(host = ${param(query.suffix)} OR host LIKE ${param(`%.${likeEscape(query.suffix)}`)} ESCAPE '\\')`);
  if (query.q) where.push(`host LIKE ${param(`%${likeEscape(query.q)}%`)} ESCAPE '\\'`);
  if (query.source) where.push(`body_source = ${param(query.source)}`);
  if (query.grades?.length) where.push(`grade IN (${query.grades.map((g) => param(g)).join(', ')})`);
  return where.join(' AND ');
}
