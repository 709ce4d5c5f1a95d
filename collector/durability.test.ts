// A 202 is a promise: reports are sent under load, the collector is killed with SIGKILL mid-stream, restarted on
// the same store, and every id it acknowledged must be there, with the aggregates matching the raw reports.
import { Agent } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { postReport, send, spawnCollector } from './test-support/server';
import { SQLITE_FILE } from './storage/open';
import type { Grade } from '../utils/methodology';
import { weeksAgo } from './weeks';

const CLIENTS = 16;

/** Every stored id, and the sum of the sites' report counters, read straight from the database. */
async function readBack(setting: StoreSetting): Promise<{ ids: Set<string>; counted: number }> {
  if (setting.databaseUrl) {
    const client = new pg.Client({ connectionString: setting.databaseUrl });
    await client.connect();
    try {
      const ids = (await client.query('SELECT id FROM reports')).rows.map((r) => r.id as string);
      const counted = Number((await client.query('SELECT COALESCE(SUM(reports), 0) AS n FROM sites')).rows[0].n);
      return { ids: new Set(ids), counted };
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(setting.dataDir, SQLITE_FILE), { readonly: true });
  try {
    const ids = db.prepare('SELECT id FROM reports').pluck().all() as string[];
    const counted = Number(db.prepare('SELECT COALESCE(SUM(reports), 0) FROM sites').pluck().get());
    return { ids: new Set(ids), counted };
  } finally {
    db.close();
  }
}

describe.each(storeCases())('durability on $name', (storeCase) => {
  let setting: StoreSetting | undefined;
  afterAll(() => setting?.cleanup());

  it('keeps every acknowledged report through kill -9', { timeout: 120_000 }, async () => {
    setting = await storeCase.fresh();
    const env = {
      DATA_DIR: setting.dataDir,
      ...(setting.databaseUrl ? { DATABASE_URL: setting.databaseUrl } : {}),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_REPORTS: '1000000000',
    };
    const first = await spawnCollector(env);
    const acknowledged: string[] = [];
    let failures = 0;
    let sent = 0;
    let killed = false;
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const grades: Grade[] = ['A', 'B', 'C', 'D', 'E'];

    const client = async (n: number) => {
      for (let i = 0; !killed; i++) {
        const report = makeReport({ site: `site-${(n * 7 + i) % 40}.example.fr`, week: weeksAgo(1 + (i % 9)), grade: grades[i % 5], variant: i });
        sent++;
        try {
          const answer = await postReport(first.url, report, { agent });
          if (answer.status === 202) acknowledged.push(JSON.parse(answer.body).id);
          else failures++;
        } catch {
          // The connection died with the server: this report was never acknowledged.
          failures++;
          if (killed) return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // Kill once the load is well under way, while requests are in flight.
    while (acknowledged.length < 1500) await new Promise((r) => setTimeout(r, 20));
    await first.kill();
    killed = true;
    await Promise.all(clients);
    agent.destroy();
    // Requests were in flight when it died: the kill did cut the load.
    expect(failures).toBeGreaterThan(0);
    expect(sent).toBeGreaterThan(acknowledged.length);

    const second = await spawnCollector(env);
    try {
      expect((await send(`${second.url}/healthz`)).status).toBe(200);
      const { ids, counted } = await readBack(setting);
      const lost = acknowledged.filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      // Counters and raw reports were written in one transaction: they agree, whatever the moment of the kill.
      expect(counted).toBe(ids.size);
      // And the restarted collector takes reports again.
      expect((await postReport(second.url, makeReport({ site: 'after-restart.example.fr' }))).status).toBe(202);
    } finally {
      await second.stop();
    }
  });
});
