// Fuzzing the report endpoint: 10,000 random and mutated bodies (broken JSON, wrong types, huge values, unknown
// fields, odd content types, oversize bodies) on each store. Only 4xx or 202 may come back, never a 5xx, and the
// server must still be healthy; a 202 only ever for what the shared schema accepts.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../utils/report-schema';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { send, startApp, type TestApp } from './test-support/server';
import type { Grade } from '../utils/methodology';

const BODIES = Number(process.env.FUZZ_BODIES ?? 10_000);
const CONCURRENCY = 16;
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

/** mulberry32: small, seeded, good enough to vary inputs reproducibly (set FUZZ_SEED to replay). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

type Random = ReturnType<typeof prng>;

const STRINGS = ['', ' ', 'A', 'a'.repeat(300), '2026-W48', '2025-W53', 'www.lyon.fr', '203.0.113.7', 'https://x.example/?q=1', '\u0000', '\ud800', 'é', '🙂', '__proto__', 'constructor', 'null', '1e999', '<script>', "'; DROP TABLE reports; --", '%00', 'C1-gafam', 'google'];
const NUMBERS = [0, -1, 1, 2.5, 100, 101, 1e308, -1e308, 4294967296, Number.MAX_SAFE_INTEGER + 2, 1e-7];

function randomValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 3 ? 5 : 7)) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick(NUMBERS);
    case 3: return r.pick(STRINGS);
    case 4: return r.int(1000);
    case 5: return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(STRINGS), randomValue(r, depth + 1)]));
  }
}

/** All the places in a value where a mutation can land: [parent, key] pairs. */
function slots(value: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

function mutate(r: Random, report: unknown): unknown {
  const copy = structuredClone(report) as Record<string, unknown>;
  for (let n = 1 + r.int(3); n > 0; n--) {
    const places = slots(copy);
    const [parent, key] = r.pick(places);
    switch (r.int(6)) {
      case 0:
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 1:
        (parent as Record<string, unknown>)[key as string] = randomValue(r);
        break;
      case 2:
        if (!Array.isArray(parent)) parent[r.pick(STRINGS) || 'extra'] = randomValue(r);
        break;
      case 3:
        if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
        break;
      case 4:
        (parent as Record<string, unknown>)[key as string] = r.pick(STRINGS);
        break;
      default:
        (parent as Record<string, unknown>)[key as string] = r.pick(NUMBERS);
    }
  }
  return copy;
}

interface Case {
  body: string | Buffer;
  type?: string;
}

function makeCase(r: Random, n: number): Case {
  const grades: Grade[] = ['A', 'B', 'C', 'D', 'E'];
  const valid = () => makeReport({ site: `fuzz-${r.int(50)}.example.fr`, week: `2026-W${String(30 + r.int(18))}`, grade: r.pick(grades), variant: r.int(3) });
  const kind = n % 10;
  if (kind <= 4) return { body: JSON.stringify(mutate(r, valid())) };
  if (kind === 5) return { body: JSON.stringify(randomValue(r)) };
  if (kind === 6) {
    const text = JSON.stringify(valid());
    return { body: text.slice(0, r.int(text.length)) };
  }
  if (kind === 7) {
    // Raw bytes, invalid UTF-8 included.
    return { body: Buffer.from(Array.from({ length: r.int(300) }, () => r.int(256))) };
  }
  if (kind === 8) {
    // Built only when picked: some are large.
    const odd: Array<() => string> = [
      () => '['.repeat(20_000) + ']'.repeat(20_000),
      () => `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`,
      () => `{"score": 1e999}`,
      () => `\ufeff${JSON.stringify(valid())}`,
      () => JSON.stringify(valid()).replace('"schema"', '"__proto__":{"polluted":1},"schema"'),
      () => JSON.stringify(valid()).replace('"schema"', '"constructor":{"prototype":{"polluted":1}},"schema"'),
      () => JSON.stringify(valid()) + 'garbage',
      () => JSON.stringify({ ...valid(), site: 'x'.repeat(70_000) }),
      () => JSON.stringify(Array.from({ length: 3000 }, (_, i) => `site-${i}.example.fr`)),
      () => {
        const report = valid();
        const template = report.third_parties[0]!;
        return JSON.stringify({ ...report, third_parties: Array.from({ length: 600 }, (_, i) => ({ ...template, domain: `d${i}.example.com` })) });
      },
      () => '',
      () => 'null',
      () => '"just a string"',
    ];
    return { body: r.pick(odd)() };
  }
  const types = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/jsonx', '', 'APPLICATION/JSON', 'application/json;charset="utf-8"', 'multipart/form-data'];
  return { body: JSON.stringify(valid()), type: r.pick(types) };
}

describe.each(storeCases())('fuzzing POST /api/v1/reports on $name', (storeCase) => {
  let setting: StoreSetting;
  let t: TestApp;
  beforeAll(async () => {
    setting = await storeCase.fresh();
    // A fixed clock: the reports' weeks (2026-W30 to W47) are in the past whatever the machine's date.
    t = await startApp(setting, { now: () => Date.UTC(2026, 11, 2) });
  });
  afterAll(async () => {
    await t?.close();
    setting?.cleanup();
  });

  it(`answers ${BODIES} hostile bodies with 4xx (or 202 for valid ones), never 5xx`, async () => {
    const r = prng(SEED);
    const cases = Array.from({ length: BODIES }, (_, n) => makeCase(r, n));
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const headers: Record<string, string> = {};
        if (c.type !== '') headers['content-type'] = c.type ?? 'application/json';
        const answer = await send(`${t.url}/api/v1/reports`, { method: 'POST', headers, body: c.body, agent });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const accepted = answer.status === 202;
        if (answer.status >= 500 || ![202, 400, 413, 415].includes(answer.status)) wrong.push(`${answer.status} for ${String(c.body).slice(0, 200)}`);
        // The oracle: a JSON body is accepted exactly when the shared schema accepts it.
        if (c.type === undefined && typeof c.body === 'string' && Buffer.byteLength(c.body) <= 64 * 1024) {
          let parsed: unknown;
          let parses = true;
          try {
            parsed = JSON.parse(c.body);
          } catch {
            parses = false;
          }
          const valid = parses && 'report' in validateReport(parsed);
          if (valid !== accepted) wrong.push(`${answer.status} but schema says ${valid ? 'valid' : 'invalid'}: ${c.body.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    expect(wrong.slice(0, 5)).toEqual([]);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    // The mix did exercise every path.
    for (const status of [202, 400, 413, 415]) expect(statuses.get(status), `status ${status}`).toBeGreaterThan(0);
    expect((await send(`${t.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
