// Load generator for the collector benchmark, run as its own process (so that client and server do not share a
// CPU's event loop): Node's http.Agent with keep-alive, no other package. Prints one JSON line of results.
//   node --import tsx collector/bench-support/load.ts '{"mode":"max","url":…}'
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeReport } from '../test-support/reports';
import { weeksAgo } from '../weeks';
import type { Grade } from '../../utils/methodology';

export interface LoadOptions {
  url: string;
  /** max: as fast as the server answers, `concurrency` requests in flight; rate: a fixed number per second. */
  mode: 'max' | 'rate';
  concurrency?: number;
  rate?: number;
  durationMs: number;
  warmupMs?: number;
  /** reports: distinct valid reports; empty: "{}" (for a route that ignores its body). */
  body: 'reports' | 'empty';
}

export interface LoadResult {
  /** Every request sent, warm-up included (to divide the server's CPU time by). */
  sent: number;
  /** Requests answered within the measured window. */
  completed: number;
  perSecond: number;
  statuses: Record<string, number>;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

/** Distinct reports: 1,000 sites, the last 8 weeks, grades varying by site (so sites get published). */
function bodies(kind: LoadOptions['body']): Buffer[] {
  if (kind === 'empty') return [Buffer.from('{}')];
  const grades: Grade[] = ['A', 'B', 'C', 'D', 'E'];
  return Array.from({ length: 4000 }, (_, i) =>
    Buffer.from(JSON.stringify(makeReport({ site: `site-${i % 1000}.bench.example.fr`, week: weeksAgo(1 + (i % 8)), grade: grades[i % 5], variant: i }))),
  );
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = bodies(options.body);
  const target = new URL('/api/v1/reports', options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.mode === 'max' ? (options.concurrency ?? 32) : 256 });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;

  const post = (): Promise<number> =>
    new Promise((done) => {
      const body = pool[next++ % pool.length]!;
      const req = request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? 0));
          res.on('error', () => done(0));
        },
      );
      req.on('error', () => done(0));
      req.end(body);
    });

  const record = (status: number, ms: number) => {
    if (status === 0) errors++;
    statuses[status] = (statuses[status] ?? 0) + 1;
    latencies.push(ms);
  };

  const warmup = options.warmupMs ?? 1000;
  let measuredMs = options.durationMs;
  if (options.mode === 'max') {
    const concurrency = options.concurrency ?? 32;
    const start = performance.now();
    const from = start + warmup;
    const until = from + options.durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const sent = performance.now();
          const status = await post();
          const done = performance.now();
          if (sent >= from && done <= until) record(status, done - sent);
        }
      }),
    );
  } else {
    // Open loop: requests leave on schedule whether or not earlier ones are answered, and latency counts from the
    // scheduled time, so a stalled server cannot hide its queue (no coordinated omission).
    const rate = options.rate ?? 500;
    const interval = 1000 / rate;
    const warmupCount = Math.round((warmup / 1000) * rate);
    const total = warmupCount + Math.round((options.durationMs / 1000) * rate);
    const start = performance.now();
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const counted = i >= warmupCount;
      pending.push(post().then((status) => void (counted && record(status, performance.now() - due))));
    }
    await Promise.all(pending);
    measuredMs = options.durationMs;
  }
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return {
    sent: next,
    completed: latencies.length,
    perSecond: ok / (measuredMs / 1000),
    statuses,
    errors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runLoad(JSON.parse(process.argv[2] ?? '{}') as LoadOptions);
  process.stdout.write(JSON.stringify(result) + '\n');
}
