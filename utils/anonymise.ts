// Audit → anonymised report (schema vigie.report/1): only the allow-listed fields of REPORTING.md, built field by
// field, so nothing of the audit can slip through by accident (no URL, path, query, cookie value, IP, time).
import type { Category, Gafam } from './types';
import type { Audit } from './audit';
import type { FindingCode, Grade } from './methodology';

export const REPORT_SCHEMA = 'vigie.report/1';

export type RequestBucket = '1' | '2-5' | '6-20' | '>20';

export interface Report {
  schema: typeof REPORT_SCHEMA;
  methodology: string;
  lists: string;
  client: { extension: string; engine: 'chromium' | 'gecko'; major: number };
  /** ISO week of the visit, e.g. 2026-W48: no finer time. */
  week: string;
  /** Host name of the public site, nothing else of its URL. */
  site: string;
  public_body: { source: string; id?: string };
  https: boolean;
  hosting: { asn: number | null; provider: string | null; country: string | null } | null;
  third_parties: Array<{
    domain: string;
    organisation: string | null;
    parent: string | null;
    country: string | null;
    category: Category | null;
    gafam: Gafam | null;
    tracker: boolean;
    requests: RequestBucket;
    before_interaction: boolean;
    cookies: number;
  }>;
  cookies: { third_party: number; tracking_first_party: number; long_lived: number; tracking_names: string[] };
  score: number;
  grade: Grade;
  deductions: Array<{ code: FindingCode; points: number }>;
}

export interface ReportContext {
  client: Report['client'];
  /** The visit's ISO week; defaults to the week of the audit's visit date. */
  week?: string;
}

export type AnonymiseResult = { report: Report } | { refused: string };

export function requestBucket(count: number): RequestBucket {
  if (count <= 1) return '1';
  if (count <= 5) return '2-5';
  if (count <= 20) return '6-20';
  return '>20';
}

/** ISO 8601 week of a date (UTC), e.g. "2026-W48"; null for an unreadable date. */
export function isoWeek(date: string | Date): string | null {
  const d = typeof date === 'string' ? new Date(date) : new Date(date.getTime());
  if (Number.isNaN(d.getTime())) return null;
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  // The week belongs to the year of its Thursday.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
// A host name as the report may carry it: letters, digits, dots and hyphens only (punycode for IDN).
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function anonymise(audit: Audit, context: ReportContext): AnonymiseResult {
  const body = audit.page.publicSector;
  if (!body) return { refused: 'not a public-sector site: Vigie only reports on public sites' };
  if (!HOST.test(audit.page.host)) return { refused: `site host "${audit.page.host}" is not a plain host name` };
  const week = context.week ?? (audit.page.visitedAt ? isoWeek(audit.page.visitedAt) : null);
  if (!week || !WEEK.test(week)) return { refused: 'no valid ISO week for the visit' };

  const cookiesByDomain = new Map<string, number>();
  for (const c of audit.cookies) {
    if (c.party !== 'third') continue;
    for (const d of audit.thirdPartyDomains) {
      if (c.domain === d.domain || c.domain.endsWith('.' + d.domain)) {
        cookiesByDomain.set(d.domain, (cookiesByDomain.get(d.domain) ?? 0) + 1);
        break;
      }
    }
  }
  const services = new Map(audit.thirdParties.map((s) => [s.key, s]));

  const report: Report = {
    schema: REPORT_SCHEMA,
    methodology: audit.methodology,
    lists: audit.lists,
    client: { extension: context.client.extension, engine: context.client.engine, major: context.client.major },
    week,
    site: audit.page.host,
    public_body: { source: body.source, ...(body.id !== undefined ? { id: body.id } : {}) },
    https: audit.page.https,
    hosting: audit.hosting
      ? { asn: audit.hosting.asn, provider: audit.hosting.provider, country: audit.hosting.country }
      : null,
    third_parties: audit.thirdPartyDomains
      // An IP literal or a malformed host could carry something of the visitor's; only host names pass.
      .filter((d) => HOST.test(d.domain))
      .map((d) => {
        const s = services.get(d.service);
        return {
          domain: d.domain,
          organisation: s?.organisation ?? null,
          parent: s?.parent ?? null,
          country: s?.country ?? null,
          category: s?.category ?? null,
          gafam: s?.gafam ?? null,
          tracker: d.tracker,
          requests: requestBucket(d.requests),
          before_interaction: d.beforeInteraction,
          cookies: cookiesByDomain.get(d.domain) ?? 0,
        };
      }),
    cookies: {
      third_party: audit.cookies.filter((c) => c.party === 'third').length,
      tracking_first_party: audit.cookies.filter((c) => c.party === 'first' && c.knownTracker).length,
      long_lived: audit.cookies.filter((c) => c.longLived).length,
      // Only Vigie's own names of known tracking cookies (`_ga_*` for a prefix rule): a site's cookie name,
      // even a known one's full name, is never copied.
      tracking_names: [...new Set(audit.cookies.flatMap((c) => (c.rule ? [c.rule] : [])))].sort(),
    },
    score: audit.score.score,
    grade: audit.score.grade,
    deductions: audit.score.deductions.map((d) => ({ code: d.code, points: d.points })),
  };
  return { report };
}
