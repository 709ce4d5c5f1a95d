// summary.csv and index.html of an output folder, always rebuilt from every row in it (so a resumed run, a
// merge and a single run over the same sites write the same files).
import type { Lang } from '../../utils/texts';
import { indexHtml } from './index-html';
import { sortRows, type ResultsDir, type SiteRow } from './results-dir';
import { summaryCsv } from './summary-csv';

export async function writeSummaries(results: ResultsDir, lang: Lang): Promise<SiteRow[]> {
  const rows = sortRows((await results.rows()).values());
  await results.writeTop('summary.csv', summaryCsv(rows));
  await results.writeTop('index.html', indexHtml(rows, lang));
  return rows;
}
