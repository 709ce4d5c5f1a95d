// Retention as the running collector applies it: at start (and hourly), raw reports older than RETENTION_WEEKS
// leave the store, and stay in the site aggregates.
import { afterAll, describe, expect, it } from 'vitest';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { postReport, send, spawnCollector } from './test-support/server';
import { weeksAgo } from './weeks';

describe.each(storeCases())('retention on $name', (storeCase) => {
  let setting: StoreSetting | undefined;
  afterAll(() => setting?.cleanup());

  it('drops old raw reports at start and keeps their aggregates', { timeout: 120_000 }, async () => {
    setting = await storeCase.fresh();
    const env = { DATA_DIR: setting.dataDir, ...(setting.databaseUrl ? { DATABASE_URL: setting.databaseUrl } : {}), RETENTION_WEEKS: '12' };
    const site = 'www.old-reports.example.fr';
    const weeks = [weeksAgo(30), weeksAgo(29), weeksAgo(20), weeksAgo(2)];
    const first = await spawnCollector(env);
    for (const week of weeks) expect((await postReport(first.url, makeReport({ site, week }))).status).toBe(202);
    const before = JSON.parse((await send(`${first.url}/api/v1/sites/${site}`)).body);
    await first.stop();

    const second = await spawnCollector(env);
    try {
      const after = JSON.parse((await send(`${second.url}/api/v1/sites/${site}`)).body);
      expect(after).toEqual(before);
      expect(after).toMatchObject({ reports: 4, first_week: weeks[0] });
      const raw = (await send(`${second.url}/api/v1/dataset/reports.jsonl`)).body.trim().split('\n').map((l) => JSON.parse(l));
      expect(raw.map((r) => r.week)).toEqual([weeks[3]]);
      expect(second.output()).toContain('"msg":"retention: raw reports dropped"');
    } finally {
      await second.stop();
    }
  });
});
