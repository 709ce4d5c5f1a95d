// Collector benchmarks (issue 6), on loopback with the load generator in a second process: sustained ingest and
// latency at a fixed 500 requests/s on SQLite and PostgreSQL, ingest relative to a bare Fastify route, and the
// server's peak memory while it streams the dataset at 10⁴, 10⁵ and 10⁶ reports.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { printFigures, type Figure } from './measure';
import { cpuSeconds, familyCpuSeconds } from './proc-cpu';
import { freePort, usePostgres } from '../collector/test-support/postgres';
import { send, spawnCollector, type ChildCollector } from '../collector/test-support/server';
import { seedPostgres, seedSqlite } from '../collector/bench-support/seed';
import { SQLITE_FILE } from '../collector/storage/open';
import type { LoadOptions, LoadResult } from '../collector/bench-support/load';

const SERVER_ENV = { LOG_LEVEL: 'warn', RATE_LIMIT_REPORTS: '1000000000', RATE_LIMIT_READS: '1000000000' };
// 64 clients at once: a collector serves many browsers, and each waits for the group commit that makes its report
// durable, so fewer clients leave the cores idle between commits (the SQLite figure at 32 is printed beside it).
const MAX = { mode: 'max', concurrency: 64, durationMs: 8000, warmupMs: 2000 } as const;
const FIXED = { mode: 'rate', rate: 500, durationMs: 10_000, warmupMs: 1000 } as const;

/** CPU of a PostgreSQL cluster: its postmaster and every backend it started. */
function clusterCpuSeconds(dataDir: string): number {
  return familyCpuSeconds(Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]));
}

/**
 * Load on a server, with the CPU time the server (and its database) spent per request: on a shared machine,
 * throughput depends on what else runs; CPU per request much less.
 */
function measured<K extends string>(root: string, options: LoadOptions, cpus: Record<K, () => number>): LoadResult & { cpuUs: Record<K, number> } {
  const names = Object.keys(cpus) as K[];
  const before = names.map((k) => cpus[k]());
  const result = load(root, options);
  const cpuUs = Object.fromEntries(names.map((k, i) => [k, ((cpus[k]() - before[i]!) / result.sent) * 1e6])) as Record<K, number>;
  return { ...result, cpuUs };
}

/** Runs the load generator in its own Node process and returns what it measured. */
function load(root: string, options: LoadOptions): LoadResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'collector/bench-support/load.ts'), JSON.stringify(options)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
}

async function bareServer(root: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'collector/bench-support/bare-server.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await send(`${url}/healthz`).then((a) => a.status === 200, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
  };
}

/** Resident memory of a process, from /proc, in MB: now, and its peak since it started. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Downloads a dataset file to nowhere, sampling the server's memory meanwhile. */
async function exportPeak(collector: ChildCollector, file: string): Promise<{ before: number; peak: number; mb: number; seconds: number }> {
  const pid = collector.process.pid!;
  await send(`${collector.url}/api/v1/stats`);
  const before = memory(pid).rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 25);
  const start = performance.now();
  const bytes = await new Promise<number>((done, fail) => {
    request(`${collector.url}/api/v1/dataset/${file}`, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => (n += chunk.length));
      res.on('end', () => done(n));
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
  clearInterval(timer);
  peak = Math.max(peak, memory(pid).rss);
  return { before, peak, mb: bytes / 1e6, seconds: (performance.now() - start) / 1000 };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function benchCollector(root: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
    dirs.push(dir);
    return dir;
  };
  const loadBefore = loadavg()[0]!;
  const cluster = await usePostgres();
  const peaks: Record<string, number> = {};
  try {
    // The ceiling: Fastify alone.
    const bare = await bareServer(root);
    const ceiling = measured(root, { ...MAX, url: bare.url, body: 'reports' }, { server: () => cpuSeconds(bare.pid) });
    await bare.stop();

    // SQLite.
    const sqlite = await spawnCollector({ ...SERVER_ENV, DATA_DIR: tempDir() });
    // The main thread (HTTP, validation) apart: SQLite writes run in a worker thread, so the process's CPU no longer
    // says what one core could take.
    const sqliteMax = measured(root, { ...MAX, url: sqlite.url, body: 'reports' }, {
      server: () => cpuSeconds(sqlite.process.pid!),
      main: () => cpuSeconds(sqlite.process.pid!, sqlite.process.pid!),
    });
    const sqliteHalf = load(root, { ...MAX, concurrency: 32, url: sqlite.url, body: 'reports' });
    const sqliteFixed = load(root, { ...FIXED, url: sqlite.url, body: 'reports' });
    await sqlite.stop();

    // PostgreSQL (a local cluster on the same two cores).
    const pgCollector = await spawnCollector({ ...SERVER_ENV, DATA_DIR: tempDir(), DATABASE_URL: await cluster.createDatabase() });
    const pgMax = measured(root, { ...MAX, url: pgCollector.url, body: 'reports' }, {
      server: () => cpuSeconds(pgCollector.process.pid!),
      database: () => clusterCpuSeconds(cluster.dataDir),
    });
    const pgFixed = load(root, { ...FIXED, url: pgCollector.url, body: 'reports' });
    await pgCollector.stop();

    const refused = (r: LoadResult) => r.completed - Object.entries(r.statuses).filter(([s]) => s === '202').reduce((n, [, c]) => n + c, 0);
    figures.push(
      { name: 'bare Fastify route (parses JSON, stores nothing), requests/s', value: ceiling.perSecond.toFixed(0) },
      { name: 'bare Fastify route: server CPU per request', value: `${ceiling.cpuUs.server.toFixed(0)} µs` },
      { name: 'SQLite: sustained ingest, reports/s (202, durable)', value: sqliteMax.perSecond.toFixed(0), target: '≥ 2,000', ok: sqliteMax.perSecond >= 2000 },
      { name: 'SQLite: the same with 32 clients instead of 64, reports/s', value: sqliteHalf.perSecond.toFixed(0) },
      { name: 'SQLite: ingest / bare Fastify', value: `${(sqliteMax.perSecond / ceiling.perSecond).toFixed(2)}×` },
      { name: 'SQLite: collector CPU per report, all threads', value: `${sqliteMax.cpuUs.server.toFixed(0)} µs` },
      { name: 'SQLite: of which main thread (HTTP, validation)', value: `${sqliteMax.cpuUs.main.toFixed(0)} µs` },
      { name: 'SQLite: reports/s the main thread could take on one core', value: (1e6 / sqliteMax.cpuUs.main).toFixed(0) },
      { name: 'SQLite at 500 reports/s: p50 latency', value: ms(sqliteFixed.p50) },
      { name: 'SQLite at 500 reports/s: p99 latency', value: ms(sqliteFixed.p99), target: '< 50 ms', ok: sqliteFixed.p99 < 50 },
      { name: 'PostgreSQL: sustained ingest, reports/s (202, committed)', value: pgMax.perSecond.toFixed(0) },
      { name: 'PostgreSQL: ingest / bare Fastify', value: `${(pgMax.perSecond / ceiling.perSecond).toFixed(2)}×` },
      { name: 'PostgreSQL: collector CPU per report', value: `${pgMax.cpuUs.server.toFixed(0)} µs` },
      { name: 'PostgreSQL: database CPU per report (all backends)', value: `${pgMax.cpuUs.database.toFixed(0)} µs` },
      { name: 'PostgreSQL at 500 reports/s: p50 latency', value: ms(pgFixed.p50) },
      { name: 'PostgreSQL at 500 reports/s: p99 latency', value: ms(pgFixed.p99) },
      { name: 'requests not answered 202 in these runs (must be 0)', value: String([sqliteMax, sqliteHalf, sqliteFixed, pgMax, pgFixed].reduce((n, r) => n + refused(r), 0)) },
    );

    // Export memory: the same streams at 10⁴, 10⁵ and 10⁶ reports.
    const LABELS: Record<number, string> = { 10_000: '10⁴', 100_000: '10⁵', 1_000_000: '10⁶' };
    for (const count of [10_000, 100_000, 1_000_000]) {
      const dir = tempDir();
      let seeded = performance.now();
      seedSqlite(join(dir, SQLITE_FILE), count);
      const sqliteSeed = (performance.now() - seeded) / 1000;
      const server = await spawnCollector({ ...SERVER_ENV, DATA_DIR: dir });
      const jsonl = await exportPeak(server, 'reports.jsonl');
      const csv = await exportPeak(server, 'reports.csv');
      // The largest file once more: a stream's memory settles once its buffers and the garbage collector's
      // headroom are in use, so a second pass over the same data must not need more.
      const again = count === 1_000_000 ? await exportPeak(server, 'reports.jsonl') : null;
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      const label = LABELS[count]!;
      peaks[`sqlite ${count}`] = jsonl.peak;
      figures.push(
        { name: `SQLite ${label} reports (seeded in ${sqliteSeed.toFixed(0)} s): reports.jsonl, MB in s`, value: `${jsonl.mb.toFixed(0)} in ${jsonl.seconds.toFixed(1)}` },
        { name: `SQLite ${label} reports: server RSS before → peak, jsonl`, value: `${jsonl.before.toFixed(0)} → ${jsonl.peak.toFixed(0)} MB` },
        { name: `SQLite ${label} reports: server RSS before → peak, csv`, value: `${csv.before.toFixed(0)} → ${csv.peak.toFixed(0)} MB` },
      );
      if (again) figures.push({ name: `SQLite ${label} reports: server RSS before → peak, jsonl again`, value: `${again.before.toFixed(0)} → ${again.peak.toFixed(0)} MB` });

      const url = await cluster.createDatabase();
      seeded = performance.now();
      await seedPostgres(url, count);
      const pgSeed = (performance.now() - seeded) / 1000;
      const pgServer = await spawnCollector({ ...SERVER_ENV, DATA_DIR: tempDir(), DATABASE_URL: url });
      const pgJsonl = await exportPeak(pgServer, 'reports.jsonl');
      await pgServer.stop();
      peaks[`postgres ${count}`] = pgJsonl.peak;
      figures.push(
        { name: `PostgreSQL ${label} reports (seeded in ${pgSeed.toFixed(0)} s): reports.jsonl, MB in s`, value: `${pgJsonl.mb.toFixed(0)} in ${pgJsonl.seconds.toFixed(1)}` },
        { name: `PostgreSQL ${label} reports: server RSS before → peak, jsonl`, value: `${pgJsonl.before.toFixed(0)} → ${pgJsonl.peak.toFixed(0)} MB` },
      );
    }
    for (const store of ['sqlite', 'postgres']) {
      const name = store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const growth = peaks[`${store} 1000000`]! - peaks[`${store} 10000`]!;
      figures.push({ name: `${name}: peak RSS at 10⁶ minus at 10⁴ reports (reports.jsonl)`, value: `${growth.toFixed(0)} MB`, target: '< 100 MB for 100× the data', ok: growth < 100 });
    }
    // The figures are only as good as the machine was quiet: say how busy it was.
    figures.push({ name: 'load average (1 min) before → after, on 2 cores', value: `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}` });
  } finally {
    await cluster.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  printFigures('Collector (issue 6): loopback, load generator in a second process', figures);
  return figures;
}
