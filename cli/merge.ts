// `vigie merge --out DIR DIR ...`: combines the output folders of several `vigie audit` runs (the shards of one
// list, run on several machines) into one, with the summary.csv and index.html one run would have written.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Lang } from '../utils/texts';
import { CliError, parseOptions, type Io } from './io';
import { ResultsDir, type SiteRow } from './audit/results-dir';
import { writeSummaries } from './audit/summaries';

/** Of two results for one site, an audit beats a failure (a site that failed on one machine may work on another). */
function better(candidate: SiteRow, current: SiteRow | undefined): boolean {
  return !current || (current.error !== null && candidate.error === null);
}

export async function runMerge(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, { out: { type: 'string' }, lang: { type: 'string', default: 'en' } });
  if (values.lang !== 'en' && values.lang !== 'fr') throw new CliError('--lang must be en or fr', 2);
  if (values.out === undefined) throw new CliError('give the folder to merge into with --out DIR', 2);
  if (!positionals.length) throw new CliError('give the output folders of the runs to merge', 2);
  const target = new ResultsDir(resolve(values.out));
  const sources = positionals.map((dir) => resolve(dir)).filter((dir) => dir !== target.dir);

  await target.open();
  try {
    const chosen = await target.rows();
    let copied = 0;
    for (const dir of sources) {
      const source = new ResultsDir(dir);
      const rows = await source.rows();
      if (!rows.size) throw new CliError(`${dir}: no audit results (not an output folder of vigie audit?)`);
      for (const [key, row] of rows) {
        if (!better(row, chosen.get(key))) continue;
        const files: { audit?: string; report?: string } = {};
        if (row.audit_file) files.audit = await readFile(join(dir, row.audit_file), 'utf8');
        if (row.report_file) files.report = await readFile(join(dir, row.report_file), 'utf8');
        await target.save(key, row, files);
        chosen.set(key, row);
        copied++;
      }
    }
    const rows = await writeSummaries(target, values.lang as Lang);
    const audited = rows.filter((r) => r.error === null).length;
    io.out(`${rows.length} sites in ${target.dir} (${copied} taken from ${sources.length} folders): ${audited} audited, ${rows.length - audited} could not be audited — summary.csv, index.html\n`);
    return 0;
  } finally {
    await target.close();
  }
}
