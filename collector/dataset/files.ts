// The open dataset's files: each is declared once (name, fields, how a row is made from a report or a site) and
// produced as a stream of chunks, page after page of the database, so memory does not grow with the dataset.
import type { Report } from '../../utils/anonymise';
import { GRADES } from '../../utils/methodology';
import { siteAggregates, type SiteAggregate } from '../site-view';
import type { Store, StoredReport } from '../storage/store';

export interface Field {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  constraints?: Record<string, unknown>;
}

interface Column<T> extends Field {
  value: (item: T) => unknown;
}

export interface DatasetFile {
  /** Frictionless resource name. */
  name: string;
  /** File name under /api/v1/dataset/. */
  path: string;
  format: 'csv' | 'jsonl';
  mediatype: string;
  title: string;
  description: string;
  /** CSV files: the table schema. */
  fields?: Field[];
  primaryKey?: string[];
  chunks(store: Store): AsyncGenerator<string>;
}

interface PublishedReport {
  id: string;
  report: Report;
}

type ThirdPartyRow = { id: string; report: Report; tp: Report['third_parties'][number] };
type SiteThirdPartyRow = { site: SiteAggregate; tp: SiteAggregate['third_parties'][number] };

const REPORT_PAGE = 500;
const SITE_PAGE = 100;

async function* storedReports(store: Store): AsyncGenerator<StoredReport[]> {
  for (let id = ''; ; ) {
    const rows = await store.publishedReportsAfter(id, REPORT_PAGE);
    if (!rows.length) return;
    id = rows[rows.length - 1]!.id;
    yield rows;
  }
}

async function* publishedReports(store: Store): AsyncGenerator<PublishedReport[]> {
  for await (const rows of storedReports(store)) yield rows.map((r) => ({ id: r.id, report: JSON.parse(r.body) as Report }));
}

async function* publishedSites(store: Store): AsyncGenerator<SiteAggregate[]> {
  for (let host = ''; ; ) {
    const rows = await store.publishedSitesAfter(host, SITE_PAGE);
    if (!rows.length) return;
    host = rows[rows.length - 1]!.host;
    yield siteAggregates(store, rows);
  }
}

/** RFC 4180, as Frictionless reads it by default: commas, CRLF, double quotes doubled. */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvValue).join(',') + '\r\n';
}

function fieldsOf<T>(columns: ReadonlyArray<Column<T>>): Field[] {
  return columns.map(({ value: _value, ...field }) => field);
}

function csvFile<S, T>(
  meta: Omit<DatasetFile, 'format' | 'mediatype' | 'fields' | 'chunks'>,
  columns: ReadonlyArray<Column<T>>,
  source: (store: Store) => AsyncGenerator<S[]>,
  rowsOf: (item: S) => T[],
): DatasetFile {
  return {
    ...meta,
    format: 'csv',
    mediatype: 'text/csv',
    fields: fieldsOf(columns),
    async *chunks(store) {
      yield csvLine(columns.map((c) => c.name));
      for await (const page of source(store)) {
        let chunk = '';
        for (const item of page) for (const row of rowsOf(item)) chunk += csvLine(columns.map((c) => c.value(row)));
        if (chunk) yield chunk;
      }
    },
  };
}

function jsonlFile<S>(meta: Omit<DatasetFile, 'format' | 'mediatype' | 'chunks'>, source: (store: Store) => AsyncGenerator<S[]>, line: (item: S) => unknown): DatasetFile {
  return {
    ...meta,
    format: 'jsonl',
    mediatype: 'application/x-ndjson',
    async *chunks(store) {
      for await (const page of source(store)) {
        if (page.length) yield page.map((item) => JSON.stringify(line(item))).join('\n') + '\n';
      }
    },
  };
}

const WEEK = { pattern: '^\\d{4}-W\\d{2}$' };
const GRADE = { enum: [...GRADES] };

const label = <T>(pick: (row: T) => SiteAggregate['third_parties'][number] | Report['third_parties'][number]): Array<Column<T>> => [
  { name: 'organisation', type: 'string', description: 'Organisation behind the domain, when known.', value: (r) => pick(r).organisation },
  { name: 'parent', type: 'string', description: 'Its ultimate parent organisation, when known.', value: (r) => pick(r).parent },
  { name: 'country', type: 'string', description: "Country of the parent's headquarters (ISO 3166-1 alpha-2, or EU).", value: (r) => pick(r).country },
  { name: 'category', type: 'string', description: 'What the third party does (analytics, fonts, video…).', value: (r) => pick(r).category },
  { name: 'gafam', type: 'string', description: 'google, apple, meta, amazon or microsoft when one of them is the parent.', value: (r) => pick(r).gafam },
  { name: 'tracker', type: 'boolean', description: 'A known tracker.', value: (r) => pick(r).tracker },
];

const REPORT_COLUMNS: Array<Column<PublishedReport>> = [
  { name: 'id', type: 'string', description: 'Random identifier the collector gave the report.', value: (r) => r.id, constraints: { required: true, unique: true } },
  { name: 'week', type: 'string', description: 'ISO week of the visit (no finer time is ever sent).', value: (r) => r.report.week, constraints: WEEK },
  { name: 'site', type: 'string', description: 'Host name of the public site.', value: (r) => r.report.site },
  { name: 'public_body_source', type: 'string', description: 'Which list says the site is public (suffix rule, registry).', value: (r) => r.report.public_body.source },
  { name: 'public_body_id', type: 'string', description: "The body's identifier in that list, when it gives one.", value: (r) => r.report.public_body.id },
  { name: 'https', type: 'boolean', description: 'The page was served over HTTPS.', value: (r) => r.report.https },
  { name: 'hosting_asn', type: 'integer', description: 'Autonomous system serving the page.', value: (r) => r.report.hosting?.asn },
  { name: 'hosting_provider', type: 'string', description: 'Hosting provider, when known.', value: (r) => r.report.hosting?.provider },
  { name: 'hosting_country', type: 'string', description: "Country of the provider's parent.", value: (r) => r.report.hosting?.country },
  { name: 'third_parties', type: 'integer', description: 'Third-party registrable domains contacted.', value: (r) => r.report.third_parties.length },
  { name: 'gafam_third_parties', type: 'integer', description: 'Of which owned by Google, Apple, Meta, Amazon or Microsoft.', value: (r) => r.report.third_parties.filter((t) => t.gafam).length },
  { name: 'trackers', type: 'integer', description: 'Of which known trackers.', value: (r) => r.report.third_parties.filter((t) => t.tracker).length },
  {
    name: 'trackers_before_interaction',
    type: 'integer',
    description: 'Known trackers contacted before the first click, key press or scroll.',
    value: (r) => r.report.third_parties.filter((t) => t.tracker && t.before_interaction).length,
  },
  { name: 'cookies_third_party', type: 'integer', description: 'Third-party cookies.', value: (r) => r.report.cookies.third_party },
  { name: 'cookies_tracking_first_party', type: 'integer', description: 'Known tracking cookies set on the site itself.', value: (r) => r.report.cookies.tracking_first_party },
  { name: 'cookies_long_lived', type: 'integer', description: 'Cookies living more than 13 months.', value: (r) => r.report.cookies.long_lived },
  { name: 'tracking_cookie_names', type: 'string', description: 'Known tracking cookie names, separated by spaces.', value: (r) => r.report.cookies.tracking_names.join(' ') },
  { name: 'score', type: 'integer', description: 'Score out of 100.', value: (r) => r.report.score, constraints: { minimum: 0, maximum: 100 } },
  { name: 'grade', type: 'string', description: 'Grade, A (best) to E.', value: (r) => r.report.grade, constraints: GRADE },
  { name: 'deductions', type: 'string', description: 'Deductions as code:points, separated by spaces.', value: (r) => r.report.deductions.map((d) => `${d.code}:${d.points}`).join(' ') },
  { name: 'methodology', type: 'string', description: 'Scoring methodology.', value: (r) => r.report.methodology },
  { name: 'lists', type: 'string', description: 'Version of the lists the extension classified with.', value: (r) => r.report.lists },
  { name: 'client_extension', type: 'string', description: 'Extension version.', value: (r) => r.report.client.extension },
  { name: 'client_engine', type: 'string', description: 'Browser engine.', value: (r) => r.report.client.engine, constraints: { enum: ['chromium', 'gecko'] } },
  { name: 'client_major', type: 'integer', description: 'Major version of the browser engine (0: unknown).', value: (r) => r.report.client.major },
];

const REPORT_THIRD_PARTY_COLUMNS: Array<Column<ThirdPartyRow>> = [
  { name: 'report_id', type: 'string', description: 'The report (reports.csv id).', value: (r) => r.id },
  { name: 'week', type: 'string', description: 'ISO week of the visit.', value: (r) => r.report.week, constraints: WEEK },
  { name: 'site', type: 'string', description: 'Host name of the public site.', value: (r) => r.report.site },
  { name: 'domain', type: 'string', description: 'Third-party registrable domain.', value: (r) => r.tp.domain },
  ...label<ThirdPartyRow>((r) => r.tp),
  { name: 'requests', type: 'string', description: 'Requests to it, as a bucket: 1, 2-5, 6-20, >20.', value: (r) => r.tp.requests, constraints: { enum: ['1', '2-5', '6-20', '>20'] } },
  { name: 'before_interaction', type: 'boolean', description: 'Contacted before the first click, key press or scroll.', value: (r) => r.tp.before_interaction },
  { name: 'cookies', type: 'integer', description: 'Cookies it set.', value: (r) => r.tp.cookies },
];

const SITE_COLUMNS: Array<Column<SiteAggregate>> = [
  { name: 'host', type: 'string', description: 'Host name of the public site.', value: (s) => s.host, constraints: { required: true, unique: true } },
  { name: 'public_body_source', type: 'string', description: 'Which list says the site is public (the one most reports give).', value: (s) => s.public_body?.source },
  { name: 'public_body_id', type: 'string', description: "The body's identifier in that list.", value: (s) => s.public_body?.id },
  { name: 'reports', type: 'integer', description: 'Reports received, all weeks (including reports past retention).', value: (s) => s.reports },
  { name: 'median_score', type: 'number', description: 'Median score of those reports.', value: (s) => s.median_score },
  { name: 'grade', type: 'string', description: 'The grade at least 3 reports from at least 2 weeks agree on (the most common such grade).', value: (s) => s.grade, constraints: GRADE },
  { name: 'first_week', type: 'string', description: 'ISO week of the first report.', value: (s) => s.first_week, constraints: WEEK },
  { name: 'last_week', type: 'string', description: 'ISO week of the last report.', value: (s) => s.last_week, constraints: WEEK },
  ...GRADES.map((g): Column<SiteAggregate> => ({ name: `reports_${g.toLowerCase()}`, type: 'integer', description: `Reports grading it ${g}.`, value: (s) => s.grades[g] })),
  { name: 'third_parties', type: 'integer', description: 'Third-party domains seen by at least one report.', value: (s) => s.third_parties.length },
];

const SITE_THIRD_PARTY_COLUMNS: Array<Column<SiteThirdPartyRow>> = [
  { name: 'host', type: 'string', description: 'Host name of the public site (sites.csv host).', value: (r) => r.site.host },
  { name: 'domain', type: 'string', description: 'Third-party registrable domain.', value: (r) => r.tp.domain },
  ...label<SiteThirdPartyRow>((r) => r.tp),
  { name: 'reports', type: 'integer', description: "Reports of the site that saw it.", value: (r) => r.tp.reports },
  { name: 'share', type: 'number', description: "Share of the site's reports that saw it (0 to 1).", value: (r) => r.tp.share, constraints: { minimum: 0, maximum: 1 } },
  { name: 'first_week', type: 'string', description: 'First ISO week a report saw it.', value: (r) => r.tp.first_week, constraints: WEEK },
  { name: 'last_week', type: 'string', description: 'Last ISO week a report saw it.', value: (r) => r.tp.last_week, constraints: WEEK },
];

export const DATASET_FILES: readonly DatasetFile[] = [
  csvFile(
    {
      name: 'sites',
      path: 'sites.csv',
      title: 'Published public sites',
      description: 'One row per public site whose grade at least 3 reports from at least 2 different ISO weeks agree on.',
      primaryKey: ['host'],
    },
    SITE_COLUMNS,
    publishedSites,
    (site) => [site],
  ),
  csvFile(
    {
      name: 'site-third-parties',
      path: 'site-third-parties.csv',
      title: 'Third parties of published sites',
      description: "One row per published site and third-party domain, with the share of the site's reports that saw it.",
      primaryKey: ['host', 'domain'],
    },
    SITE_THIRD_PARTY_COLUMNS,
    publishedSites,
    (site) => site.third_parties.map((tp) => ({ site, tp })),
  ),
  csvFile(
    {
      name: 'reports',
      path: 'reports.csv',
      title: 'Reports of published sites',
      description: 'One row per anonymised report (vigie.report/1) of a published site, within the retention period.',
      primaryKey: ['id'],
    },
    REPORT_COLUMNS,
    publishedReports,
    (r) => [r],
  ),
  csvFile(
    {
      name: 'report-third-parties',
      path: 'report-third-parties.csv',
      title: 'Third parties in each report',
      description: 'One row per report and third-party domain it saw.',
      primaryKey: ['report_id', 'domain'],
    },
    REPORT_THIRD_PARTY_COLUMNS,
    publishedReports,
    (r) => r.report.third_parties.map((tp) => ({ ...r, tp })),
  ),
  jsonlFile(
    {
      name: 'sites-jsonl',
      path: 'sites.jsonl',
      title: 'Published public sites, with history and third parties (JSON Lines)',
      description: 'One JSON object per published site: the aggregate of GET /api/v1/sites/{host}.',
    },
    publishedSites,
    (site) => site,
  ),
  {
    name: 'reports-jsonl',
    path: 'reports.jsonl',
    format: 'jsonl',
    mediatype: 'application/x-ndjson',
    title: 'Reports of published sites (JSON Lines)',
    description: 'One vigie.report/1 per line, with the id the collector gave it, as the extension sent it.',
    // The stored body is the canonical JSON of a validated report: the id is spliced in, nothing is re-encoded.
    async *chunks(store) {
      for await (const rows of storedReports(store)) {
        let chunk = '';
        for (const r of rows) chunk += `{"id":${JSON.stringify(r.id)},${r.body.slice(1)}\n`;
        yield chunk;
      }
    },
  },
];
