// The CSV export: one row per third-party registrable domain of an audit (audit.thirdPartyDomains). Columns are
// stable field names, not translated words, so scripts can read any export; RFC 4180 quoting; and no cell that
// a spreadsheet would run as a formula, since a site's host names and cookie names are not ours to trust.
import type { Audit } from '../utils/audit';

export const CSV_COLUMNS = [
  'site',
  'visited_at',
  'domain',
  'service',
  'category',
  'organisation',
  'parent',
  'country',
  'country_class',
  'gafam',
  'tracker',
  'requests',
  'resource_types',
  'first_seen_ms',
  'before_interaction',
  'cookies',
  'methodology',
  'lists',
] as const;

/**
 * One cell. Text that starts like a formula (=, +, -, @, or a tab or carriage return, possibly after spaces) gets
 * a leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection); numbers and booleans
 * are written as they are.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^\s*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(audit: Audit): string {
  const services = new Map(audit.thirdParties.map((s) => [s.key, s]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const d of audit.thirdPartyDomains) {
    const s = services.get(d.service);
    const types = Object.entries(d.types)
      .map(([type, count]) => `${type}:${count}`)
      .sort()
      .join(' ');
    const row: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> = {
      site: audit.page.host,
      visited_at: audit.page.visitedAt,
      domain: d.domain,
      service: s?.service ?? null,
      category: s?.category ?? null,
      organisation: s?.organisation ?? null,
      parent: s?.parent ?? null,
      country: s?.country ?? null,
      country_class: s?.countryClass ?? null,
      gafam: s?.gafam ?? null,
      tracker: d.tracker,
      requests: d.requests,
      resource_types: types,
      first_seen_ms: d.firstSeen,
      before_interaction: d.beforeInteraction,
      cookies: d.cookies.join(' '),
      methodology: audit.methodology,
      lists: audit.lists,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  // A byte-order mark so that spreadsheet programs read the UTF-8 names (Société, München) right.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
