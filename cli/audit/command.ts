// `vigie audit`: audit a list of sites with the real extension in headless Chromium, into an output folder that
// a re-run completes and `vigie merge` combines.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Lang } from '../../utils/texts';
import { CliError, parseOptions, projectRoot, type Io } from '../io';
import { runBatch } from './batch';
import { builtExtension, checkChromium, DEFAULT_CHROMIUM, removeStaleProfiles, snapshotExtension } from './fresh-browser';
import { createProgress } from './progress';
import { ResultsDir, siteKey } from './results-dir';
import { buildSiteList, parseShard, shardOf } from './site-list';
import { writeSummaries } from './summaries';

function seconds(text: string, name: string, min: number): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || value < min) {
    throw new CliError(`--${name} must be a number of seconds${min ? ` of at least ${min}` : ''}`, 2);
  }
  return value;
}

async function readList(file: string, io: Io): Promise<string> {
  try {
    return file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`, 2);
  }
}

export async function runAudit(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    input: { type: 'string' },
    out: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    wait: { type: 'string', default: '10' },
    timeout: { type: 'string', default: '30' },
    shard: { type: 'string' },
    chromium: { type: 'string' },
    'host-rules': { type: 'string' },
    'ignore-certificate-errors': { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en' },
    'retry-failed': { type: 'boolean', default: false },
  });
  if (values.lang !== 'en' && values.lang !== 'fr') throw new CliError('--lang must be en or fr', 2);
  const lang = values.lang as Lang;
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new CliError('--concurrency must be a whole number from 1 to 64', 2);
  const waitMs = seconds(values.wait!, 'wait', 0) * 1000;
  const timeoutMs = seconds(values.timeout!, 'timeout', 1) * 1000;
  if (!positionals.length && values.input === undefined) {
    throw new CliError('no site given: pass URLs as arguments or a list with --input FILE', 2);
  }

  const file = values.input === undefined ? null : { text: await readList(values.input, io), source: values.input };
  if (file && !file.text.trim()) throw new CliError(`${file.source}: the list is empty`, 2);
  const list = buildSiteList(positionals, file);
  for (const p of list.problems.slice(0, 20)) io.err(`vigie audit: ${p.at}: ${p.message} (skipped)\n`);
  if (list.problems.length > 20) io.err(`vigie audit: … and ${list.problems.length - 20} more lines skipped\n`);
  if (!list.sites.length) throw new CliError(`no usable URL${file ? ` in ${file.source}${list.format ? ` (read as ${list.format})` : ''}` : ''}`, 2);
  if (list.duplicates) io.err(`vigie audit: ${list.duplicates} duplicate URLs audited once\n`);

  let sites = list.sites;
  if (values.shard !== undefined) {
    const shard = parseShard(values.shard);
    if ('error' in shard) throw new CliError(shard.error, 2);
    sites = shardOf(sites, shard);
    io.err(`vigie audit: shard ${shard.index}/${shard.count}: ${sites.length} of ${list.sites.length} sites\n`);
  }

  // Without --out, one site's audit goes to stdout, as `vigie score` prints one.
  const single = values.out === undefined;
  if (single && list.sites.length !== 1) throw new CliError('give --out DIR for more than one site', 2);

  const chromiumPath = values.chromium ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  checkChromium(chromiumPath);
  const extension = builtExtension(join(projectRoot(), '.output/chrome-mv3'));
  await removeStaleProfiles();

  const snapshot = await snapshotExtension(extension.dir);
  const outDir = single ? await mkdtemp(join(tmpdir(), 'vigie-single-')) : resolve(values.out!);
  const results = new ResultsDir(outDir);
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(130); // a second Ctrl-C: leave now
    io.err('\nvigie audit: stopping (Ctrl-C again to quit at once); finished sites are kept\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await results.open();
    const done = await results.rows();
    const todo = sites.filter((s) => {
      const row = done.get(siteKey(s.url));
      return !row || (values['retry-failed'] && row.error !== null);
    });
    const progress = createProgress({
      write: io.err,
      tty: Boolean(process.stderr.isTTY),
      columns: () => process.stderr.columns ?? 80,
      guessPerSiteMs: waitMs + 4000,
      concurrency,
    });
    progress.start(todo.length, sites.length - todo.length);
    const result = await runBatch(
      todo,
      results,
      { browser: { chromiumPath, extensionDir: snapshot.dir, hostRules: values['host-rules'], ignoreCertificateErrors: values['ignore-certificate-errors']! }, extensionVersion: extension.version, concurrency, waitMs, timeoutMs, lang },
      progress,
      interrupt.signal,
    );
    progress.stop();

    if (single) {
      const row = (await results.rows()).get(siteKey(sites[0]!.url));
      if (row?.audit_file) {
        io.out(await readFile(join(outDir, row.audit_file), 'utf8'));
        return 0;
      }
      throw new CliError(`${sites[0]!.url}: ${row?.error ?? result.fatal ?? result.notDone[0]?.error ?? 'interrupted'}`);
    }

    const rows = await writeSummaries(results, lang);
    const audited = rows.filter((r) => r.error === null).length;
    io.out(
      `${rows.length} sites in ${outDir}: ${audited} audited, ${rows.length - audited} could not be audited` +
        `${result.notDone.length ? `, ${result.notDone.length} left to do (browser problems: run the same command again)` : ''}` +
        ` — summary.csv, index.html\n`,
    );
    if (result.fatal) throw new CliError(result.fatal);
    if (interrupt.signal.aborted) {
      const written = await results.rows();
      const left = sites.filter((s) => !written.has(siteKey(s.url))).length;
      io.err(`vigie audit: interrupted; run the same command again to audit the ${left} sites left\n`);
      return 130;
    }
    // Non-zero only when this run audited nothing at all of what it tried.
    return todo.length && !result.audited && !result.failed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await results.close();
    await snapshot.remove();
    if (single) await rm(outDir, { recursive: true, force: true });
  }
}
