// Scaling past one machine: two collector processes on one PostgreSQL, started together (migrations race), fed
// the same sites at the same time (writers race), must end up with one consistent set of aggregates that either
// instance serves identically.
import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { Grade } from '../utils/methodology';
import { weeksAgo } from './weeks';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { postReport, send, spawnCollector, type ChildCollector } from './test-support/server';

const postgres = storeCases().find((c) => c.name === 'postgres');

describe.skipIf(!postgres)('two instances on one PostgreSQL', () => {
  let setting: StoreSetting | undefined;
  const instances: ChildCollector[] = [];
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    setting?.cleanup();
  });

  it('share one consistent state', { timeout: 120_000 }, async () => {
    setting = await postgres!.fresh();
    const env = { DATABASE_URL: setting.databaseUrl!, DATA_DIR: setting.dataDir, RATE_LIMIT_REPORTS: '1000000000', RATE_LIMIT_READS: '1000000000' };
    instances.push(...(await Promise.all([spawnCollector(env), spawnCollector(env)])));
    const [a, b] = instances as [ChildCollector, ChildCollector];

    // 20 sites, each reported 12 times over 4 weeks, alternately through each instance, 8 requests at a time.
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const jobs: Array<() => Promise<number>> = [];
    const grades: Grade[] = ['A', 'B', 'C', 'D', 'E'];
    for (let site = 0; site < 20; site++) {
      for (let n = 0; n < 12; n++) {
        const report = makeReport({
          site: `site-${site}.example.fr`,
          week: weeksAgo(4 - (n % 4)),
          grade: grades[site % 5],
          variant: n,
          thirdParties: ['fonts.googleapis.com', `cdn-${n % 3}.example.net`],
        });
        const target = (site + n) % 2 ? a : b;
        jobs.push(async () => (await postReport(target.url, report, { agent })).status);
      }
    }
    const statuses: number[] = [];
    const workers = Array.from({ length: 8 }, async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) statuses.push(await job());
    });
    await Promise.all(workers);
    agent.destroy();
    expect(statuses.filter((s) => s === 202)).toHaveLength(240);

    const read = async (instance: ChildCollector, path: string) => JSON.parse((await send(`${instance.url}${path}`)).body);
    const listA = await read(a, '/api/v1/sites?per_page=200');
    const listB = await read(b, '/api/v1/sites?per_page=200');
    expect(listA).toEqual(listB);
    expect(listA.total).toBe(20);
    for (const site of listA.sites) {
      expect(site.reports).toBe(12);
      expect(site.first_week).toBe(weeksAgo(4));
      expect(site.last_week).toBe(weeksAgo(1));
    }
    const oneA = await read(a, '/api/v1/sites/site-7.example.fr');
    expect(oneA).toEqual(await read(b, '/api/v1/sites/site-7.example.fr'));
    expect(oneA.grade).toBe('C');
    expect(oneA.history.map((h: { reports: number }) => h.reports)).toEqual([3, 3, 3, 3]);
    expect(oneA.third_parties.map((t: { domain: string; share: number }) => [t.domain, t.share])).toEqual([
      ['fonts.googleapis.com', 1],
      ['cdn-0.example.net', 0.3333],
      ['cdn-1.example.net', 0.3333],
      ['cdn-2.example.net', 0.3333],
    ]);
    const datasetA = (await send(`${a.url}/api/v1/dataset/reports.csv`)).body;
    expect(datasetA.trim().split('\r\n')).toHaveLength(241);
    expect((await send(`${b.url}/api/v1/dataset/reports.csv`)).body).toBe(datasetA);
  });
});
