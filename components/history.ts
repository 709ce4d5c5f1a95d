// What the history keeps of a visit besides its full audit, and how the history page searches and groups it.
// Pure: the IndexedDB side is entrypoints/report/history-store.ts.
import type { Audit } from '../utils/audit';
import type { Grade } from '../utils/methodology';
import type { Gafam } from '../utils/types';

/** Language-neutral figures, so a row reads the same whichever language the page is shown in. */
export interface HistorySummary {
  requests: number;
  thirdPartyRequests: number;
  services: number;
  organisations: number;
  gafam: Gafam[];
  /** Organisations whose trackers ran before the first interaction. */
  trackersBeforeInteraction: number;
  cookies: number;
  https: boolean;
  deductions: number;
  publicBody: { source: string; name?: string } | null;
}

export interface HistoryEntry {
  /** The visit id: `${tabId}:${startedAt}`, so repeated saves of one visit update one entry. */
  id: string;
  site: string;
  /** The page without query or fragment: enough to recognise it, less of what a URL can carry. */
  page: string;
  /** Epoch milliseconds when the visit started. */
  date: number;
  score: number;
  grade: Grade;
  methodology: string;
  lists: string;
  summary: HistorySummary;
}

export function visitId(tabId: number, startedAt: number): string {
  return `${tabId}:${startedAt}`;
}

function pageWithoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
}

export function summarise(audit: Audit): HistorySummary {
  const body = audit.page.publicSector;
  return {
    requests: audit.requests.total,
    thirdPartyRequests: audit.requests.thirdParty,
    services: audit.thirdParties.length,
    organisations: audit.organisations.length,
    gafam: [...new Set(audit.organisations.flatMap((o) => (o.gafam ? [o.gafam] : [])))].sort(),
    trackersBeforeInteraction: audit.organisations.filter((o) => o.trackerBeforeInteraction).length,
    cookies: audit.cookies.filter((c) => c.tracking).length,
    https: audit.transport.https,
    deductions: audit.score.deductions.length,
    publicBody: body ? { source: body.source, ...(body.name ? { name: body.name } : {}) } : null,
  };
}

export function historyEntry(id: string, startedAt: number, audit: Audit): HistoryEntry {
  return {
    id,
    site: audit.page.host,
    page: pageWithoutQuery(audit.page.url),
    date: startedAt,
    score: audit.score.score,
    grade: audit.score.grade,
    methodology: audit.methodology,
    lists: audit.lists,
    summary: summarise(audit),
  };
}

export interface SiteHistory {
  site: string;
  /** Newest first. */
  visits: HistoryEntry[];
}

/** Entries whose site or page address contains the query (case-insensitive), by site, most recently visited first. */
export function groupBySite(entries: readonly HistoryEntry[], query = ''): SiteHistory[] {
  const q = query.trim().toLowerCase();
  const sites = new Map<string, HistoryEntry[]>();
  for (const e of [...entries].sort((a, b) => b.date - a.date)) {
    if (q && !e.site.toLowerCase().includes(q) && !e.page.toLowerCase().includes(q)) continue;
    const list = sites.get(e.site);
    if (list) list.push(e);
    else sites.set(e.site, [e]);
  }
  return [...sites].map(([site, visits]) => ({ site, visits }));
}

export interface TrendPoint {
  date: number;
  score: number;
  grade: Grade;
}

/** A site's scores over time, oldest first (what a trend chart draws left to right). */
export function trend(visits: readonly HistoryEntry[]): TrendPoint[] {
  return [...visits].sort((a, b) => a.date - b.date).map((v) => ({ date: v.date, score: v.score, grade: v.grade }));
}

export interface RetentionPlan {
  /** Visits to delete (with their audit). */
  deleteVisits: string[];
  /** Visits that keep their summary but lose their full audit. */
  dropAudits: string[];
}

export interface RetentionLimits {
  /** Visits older than this many days go; 0 keeps nothing. */
  days: number;
  /** At most this many visits are kept. */
  maxVisits: number;
  /** Only the newest this many visits keep their full audit. */
  fullAudits: number;
}

/**
 * What to remove to keep the history within its limits. `visits` and `audits` are ids with dates, in any
 * order; an audit whose visit goes, goes too.
 */
export function retentionPlan(
  visits: ReadonlyArray<{ id: string; date: number }>,
  audits: ReadonlyArray<{ id: string; date: number }>,
  limits: RetentionLimits,
  now: number,
): RetentionPlan {
  const cutoff = now - limits.days * 86_400_000;
  const newestFirst = [...visits].sort((a, b) => b.date - a.date);
  const kept = new Set<string>();
  const deleteVisits: string[] = [];
  newestFirst.forEach((v, i) => {
    if (limits.days > 0 && v.date >= cutoff && i < limits.maxVisits) kept.add(v.id);
    else deleteVisits.push(v.id);
  });
  const deleted = new Set(deleteVisits);
  const dropAudits: string[] = [];
  let withAudit = 0;
  for (const a of [...audits].sort((x, y) => y.date - x.date)) {
    // A deleted visit's audit goes with it; an audit without a visit (an interrupted save) goes alone.
    if (deleted.has(a.id)) continue;
    if (!kept.has(a.id) || ++withAudit > limits.fullAudits) dropAudits.push(a.id);
  }
  return { deleteVisits, dropAudits };
}
