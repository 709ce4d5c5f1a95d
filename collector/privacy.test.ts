// No IP address anywhere: a real collector process takes reports, errors and reads from a known client address
// (and a forwarded one, as behind a proxy), then its logs and every file of its database are searched for them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_REPORT } from '../utils/report-schema';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { postReport, send, spawnCollector } from './test-support/server';
import { usePostgres } from './test-support/postgres';
import { weeksAgo } from './weeks';

/** Linux answers on all of 127.0.0.0/8: the client speaks from an address that appears nowhere else. */
const CLIENT = '127.0.0.77';
/** What a reverse proxy would say the client is (the collector trusts it here, as behind a load balancer). */
const FORWARDED = '203.0.113.77';
const PROBE_SITE = 'privacy-probe.example.fr';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Files holding any of the needles, as bytes (latin1 keeps every byte, so binary pages are searched too). */
function filesContaining(files: string[], needles: string[]): string[] {
  return files.filter((file) => {
    const text = readFileSync(file).toString('latin1');
    return needles.some((n) => text.includes(n));
  });
}

describe.each(storeCases())('no IP address stored or logged, on $name', (storeCase) => {
  let setting: StoreSetting | undefined;
  afterAll(() => setting?.cleanup());

  it('keeps the client address out of logs and database files', { timeout: 120_000 }, async () => {
    setting = await storeCase.fresh();
    const collector = await spawnCollector({
      DATA_DIR: setting.dataDir,
      ...(setting.databaseUrl ? { DATABASE_URL: setting.databaseUrl } : {}),
      // The most talkative level, so that nothing hides below the threshold.
      LOG_LEVEL: 'trace',
      TRUST_PROXY: 'true',
      RATE_LIMIT_REPORTS: '12',
    });
    const from = { localAddress: CLIENT, headers: { 'x-forwarded-for': FORWARDED } };
    try {
      // Accepted reports, enough to publish the probe site.
      // Weeks relative to today: the spawned collector uses the real clock (future weeks are refused).
      for (const week of [weeksAgo(3), weeksAgo(2), weeksAgo(1)]) {
        expect((await postReport(collector.url, makeReport({ site: PROBE_SITE, week }), from)).status).toBe(202);
      }
      // Refusals of every kind.
      expect((await postReport(collector.url, { ...EXAMPLE_REPORT, ip: FORWARDED }, from)).status).toBe(400);
      expect((await send(`${collector.url}/api/v1/reports`, { method: 'POST', body: 'x', ...from, headers: { ...from.headers, 'content-type': 'text/plain' } })).status).toBe(415);
      expect((await send(`${collector.url}/api/v1/reports`, { method: 'POST', body: '{'.repeat(70_000), ...from, headers: { ...from.headers, 'content-type': 'application/json' } })).status).toBe(413);
      const statuses = [];
      for (let i = 0; i < 10; i++) statuses.push((await postReport(collector.url, makeReport({ week: weeksAgo(1) }), from)).status);
      expect(statuses).toContain(429);
      // Reads, a missing page, the dataset.
      for (const path of ['/api/v1/sites', `/api/v1/sites/${PROBE_SITE}`, '/api/v1/stats', '/api/v1/dataset/reports.jsonl', '/nowhere', '/']) {
        await send(`${collector.url}${path}`, from);
      }
      // Malformed HTTP straight on the socket, from the same address.
      await new Promise<void>((done) => {
        const { port } = new URL(collector.url);
        const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: CLIENT }, () => socket.end(`BREW / HTCPCP/1.0\r\nX-Forwarded-For: ${FORWARDED}\r\n\r\n`));
        socket.on('close', () => done());
        socket.on('error', () => done());
        socket.resume();
      });
    } finally {
      // SIGTERM: the last minute's traffic line is written on the way out.
      await collector.stop();
    }

    const log = collector.output();
    expect(log).toContain('"msg":"traffic in the last minute"');
    expect(log).not.toContain(CLIENT);
    expect(log).not.toContain(FORWARDED);

    let files = filesUnder(setting.dataDir);
    if (setting.databaseUrl) {
      const cluster = await usePostgres();
      files = [...filesUnder(cluster.dataDir), cluster.logFile];
    }
    // The search does see the data: the probe site is in there.
    expect(filesContaining(files, [PROBE_SITE]).length).toBeGreaterThan(0);
    expect(filesContaining(files, [CLIENT, FORWARDED])).toEqual([]);
  });
});
