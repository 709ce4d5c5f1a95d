// Batch-audit benchmarks (issue 5): `vigie audit` as people run it (the built command line, Debian's Chromium,
// the built extension) against the fixture sites: time per site against the observation window and sites per
// minute at concurrency 1, 2 and 4; what one fresh browser costs; memory of the CLI and its browsers over 1,000
// sites. VIGIE_BENCH_AUDIT_WAIT (seconds) shortens the observation window of the first part for a quick run.
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFreshBrowser, snapshotExtension } from '../cli/audit/fresh-browser';
import { startFixtureServer, type FixtureServer } from '../tests/e2e/support/fixture-server';
import { buildCli, ROOT, startVigie } from '../tests/e2e/support/vigie-cli';
import { SITES } from '../tests/e2e/sites/manifest';
import { median, printFigures, type Figure } from './measure';

const SPEED_SITES = 50;
const MEMORY_SITES = 1_000;
/** Short on purpose for the memory run: what grows with the list, not with each visit, is measured. */
const MEMORY_WAIT_S = 1;
const MEMORY_CONCURRENCY = 4;

/** The realistic fixture sites in turn, each address made distinct so that every one is a site of its own. */
function speedList(): string[] {
  const pages = [SITES.lyon, SITES.numerique, SITES.parisCarte, SITES.marseille, SITES.servicePublic];
  return Array.from({ length: SPEED_SITES }, (_, i) => `${pages[i % pages.length]!.url}?visite=${i + 1}`);
}

/** Generated sites under a thousand host names: a page with 20 third-party requests over 10 hosts each. */
function memoryList(): string[] {
  return Array.from({ length: MEMORY_SITES }, (_, i) => `https://commune-${String(i + 1).padStart(4, '0')}.example.fr/__fixture/many?n=20&hosts=10`);
}

function fixtureArgs(server: FixtureServer): string[] {
  return ['--host-rules', `MAP * 127.0.0.1:${server.port}`, '--ignore-certificate-errors'];
}

/** Resident memory of a process and all its descendants (Chromium's browser, renderer, GPU … processes), bytes. */
function treeRss(root: number): { tree: number; own: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096); // rss in pages
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // gone meanwhile
    }
  }
  let tree = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    tree += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return { tree, own: rss.get(root) ?? 0 };
}

async function timedRun(list: string[], args: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-audit-'));
  const file = join(dir, 'sites.txt');
  writeFileSync(file, list.join('\n') + '\n');
  const start = performance.now();
  const run = await startVigie(['audit', '--input', file, '--out', join(dir, 'out'), ...args], { timeoutMs: 3 * 3600_000 }).done;
  const elapsed = performance.now() - start;
  if (run.code !== 0) throw new Error(`vigie audit failed (${run.code}): ${run.err.slice(-500)}`);
  const failed = readFileSync(join(dir, 'out/summary.csv'), 'utf8').trimEnd().split('\r\n').slice(1).filter((l) => !l.endsWith(',')).length;
  if (failed) throw new Error(`${failed} sites failed in the benchmark run: ${join(dir, 'out/summary.csv')}`);
  return elapsed;
}

/** One fresh browser: started until the extension answers, a tab opened in it (the alternative), closed. */
async function freshBrowserCosts(server: FixtureServer): Promise<{ start: number; close: number; newTab: number }> {
  const snapshot = await snapshotExtension(join(ROOT, '.output/chrome-mv3'));
  const starts: number[] = [];
  const closes: number[] = [];
  const tabs: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      const browser = await launchFreshBrowser({
        chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        extensionDir: snapshot.dir,
        hostRules: `MAP * 127.0.0.1:${server.port}`,
        ignoreCertificateErrors: true,
      });
      starts.push(performance.now() - t);
      t = performance.now();
      const tab = await browser.page.context().newPage();
      await tab.close();
      tabs.push(performance.now() - t);
      t = performance.now();
      await browser.close();
      closes.push(performance.now() - t);
    }
  } finally {
    await snapshot.remove();
  }
  return { start: median(starts), close: median(closes), newTab: median(tabs) };
}

export async function benchAudit(): Promise<Figure[]> {
  buildCli();
  const server = await startFixtureServer();
  const figures: Figure[] = [];
  try {
    const costs = await freshBrowserCosts(server);
    figures.push(
      { name: 'fresh browser: start with the extension until it answers (ms, median)', value: costs.start.toFixed(0) },
      { name: 'fresh browser: close and remove its profile (ms, median)', value: costs.close.toFixed(0) },
      { name: 'alternative, a new tab in a running browser (ms, median)', value: costs.newTab.toFixed(0) },
    );

    const wait = Number(process.env.VIGIE_BENCH_AUDIT_WAIT ?? 10);
    for (const concurrency of [1, 2, 4]) {
      const ms = await timedRun(speedList(), ['--wait', String(wait), '--concurrency', String(concurrency), ...fixtureArgs(server)]);
      const perSite = ms / SPEED_SITES;
      const overhead = (perSite * concurrency) / (wait * 1000) - 1;
      figures.push({ name: `${SPEED_SITES} sites, --wait ${wait}, concurrency ${concurrency}: seconds per site`, value: (perSite / 1000).toFixed(2) });
      figures.push({
        name: `  time per site per worker over the observation window`,
        value: `+${(overhead * 100).toFixed(1)} %`,
        ...(concurrency === 1 ? { target: '< 20 %', ok: overhead < 0.2 } : {}),
      });
      figures.push({ name: `  sites per minute`, value: (60_000 / perSite).toFixed(1) });
    }

    // Memory over a long list: sampled every 250 ms, the peak over the first 100 sites and over all of them.
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-memory-'));
    const file = join(dir, 'sites.txt');
    writeFileSync(file, memoryList().join('\n') + '\n');
    const run = startVigie(
      ['audit', '--input', file, '--out', join(dir, 'out'), '--wait', String(MEMORY_WAIT_S), '--concurrency', String(MEMORY_CONCURRENCY), ...fixtureArgs(server)],
      { timeoutMs: 3 * 3600_000 },
    );
    let done = 0;
    run.child.stderr!.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('utf8').matchAll(/^\[(\d+)\/\d+\]/gm)) done = Math.max(done, Number(match[1]));
    });
    const peak = { first: { tree: 0, own: 0 }, all: { tree: 0, own: 0 } };
    const start = performance.now();
    const sampler = setInterval(() => {
      const now = treeRss(run.child.pid!);
      for (const [key, bucket] of [['all', peak.all], ['first', peak.first]] as const) {
        if (key === 'first' && done > 100) continue;
        bucket.tree = Math.max(bucket.tree, now.tree);
        bucket.own = Math.max(bucket.own, now.own);
      }
    }, 250);
    const result = await run.done;
    clearInterval(sampler);
    if (result.code !== 0) throw new Error(`vigie audit (memory run) failed: ${result.err.slice(-500)}`);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    const growth = peak.all.tree / peak.first.tree;
    figures.push(
      { name: `${MEMORY_SITES} sites, --wait ${MEMORY_WAIT_S}, concurrency ${MEMORY_CONCURRENCY}: sites per minute`, value: ((MEMORY_SITES * 60_000) / (performance.now() - start)).toFixed(1) },
      { name: '  peak RSS, CLI and its browsers, first 100 sites (MB)', value: mb(peak.first.tree) },
      { name: `  peak RSS, CLI and its browsers, all ${MEMORY_SITES} sites (MB)`, value: mb(peak.all.tree) },
      { name: `  peak at ${MEMORY_SITES} / peak at 100`, value: `${growth.toFixed(2)}×`, target: '≤ 1.2× (flat)', ok: growth <= 1.2 },
      { name: '  peak RSS of the CLI process alone, first 100 / all (MB)', value: `${mb(peak.first.own)} / ${mb(peak.all.own)}` },
    );
  } finally {
    await server.close();
  }
  printFigures('Batch audits (issue 5)', figures);
  return figures;
}
