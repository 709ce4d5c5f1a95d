// summary.csv: one line per site, stable column names, the same quoting and formula guard as the extension's
// CSV export (site addresses and error texts come from the web).
import { csvCell } from '../../components/export-csv';
import type { SiteRow } from './results-dir';

export const SUMMARY_COLUMNS = [
  'site',
  'final_url',
  'grade',
  'score',
  'third_parties',
  'gafam_services',
  'trackers_before_interaction',
  'hosting',
  'error',
] as const;

export function summaryCsv(rows: SiteRow[]): string {
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (const row of rows) lines.push(SUMMARY_COLUMNS.map((column) => csvCell(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}
