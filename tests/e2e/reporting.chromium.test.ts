// Anonymised reporting, end to end in Chromium: a person opts in on the options page, visits a public fixture
// site, and the report reaches a collector started as `npm run collector` starts it; once the publication
// threshold is met the site shows in the collector's API, dataset files and dashboard.
import { mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../utils/anonymise';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { extensionBuildDir } from './support/extension-build';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { SITES } from './sites/manifest';
import { postReport, send, spawnCollector, type ChildCollector } from '../../collector/test-support/server';

const root = resolve(import.meta.dirname, '../..');
/** The reporter's observation window (entrypoints/background/reporter.ts) plus margin. */
const WINDOW_MS = 10_000 + 3_000;

let server: FixtureServer;
let collector: ChildCollector;
let session: ChromiumSession;

beforeAll(async () => {
  // What `npm run collector` does: build the dashboard, then start the server (here on a free port).
  const dashboard = mkdtempSync(join(tmpdir(), 'vigie-dashboard-'));
  execFileSync('npx', ['vite', 'build', '--config', 'collector/dashboard/vite.config.ts', '--outDir', dashboard, '--emptyOutDir', '--logLevel', 'error'], { cwd: root });
  server = await startFixtureServer();
  collector = await spawnCollector({ DATA_DIR: mkdtempSync(join(tmpdir(), 'vigie-reporting-')), DASHBOARD_DIR: dashboard });
  // The collector listens on its own port of 127.0.0.1: that address bypasses the fixture server.
  session = await launchChromium({ extensionDir: extensionBuildDir('chrome-mv3'), port: server.port, exclude: ['127.0.0.1'] });
  const warmUp = await session.newPage();
  await warmUp.goto(SITES.numerique.url);
  await warmUp.goto(SITES.numerique.url);
  await warmUp.close();
}, 180_000);

afterAll(async () => {
  await session?.close();
  await collector?.stop();
  await server?.close();
});

async function rows(options: Page): Promise<Array<{ site: string; status: string; text: string }>> {
  return options.$$eval('[data-testid="report-queue"] tbody tr', (trs) =>
    trs.map((tr) => ({ site: tr.getAttribute('data-site')!, status: tr.getAttribute('data-status')!, text: tr.textContent ?? '' })),
  );
}

async function waitForRow(options: Page, site: string, status: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = (await rows(options)).find((r) => r.site === site && r.status === status);
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no ${status} report for ${site}: ${JSON.stringify(await rows(options))}`);
    await options.waitForTimeout(300);
  }
}

describe('anonymised reporting', () => {
  it('is off by default and shows the exact report before the person agrees', async () => {
    const page = await session.newPage();
    await page.goto(SITES.lyon.url);
    await page.waitForTimeout(1_500);
    const tabId = await session.tabIdOf(page);
    const options = await session.openExtensionPage(`options.html?tabId=${tabId}`);
    await options.waitForSelector('[data-testid="report-preview"]');
    expect(await options.isChecked('[data-testid="reporting-enabled"]')).toBe(false);
    const preview = await options.textContent('[data-testid="report-preview"]');
    expect(preview).toContain('www.lyon.fr');
    const report = JSON.parse((await options.textContent('[data-testid="report-json"]'))!) as Report;
    expect(report).toMatchObject({ schema: 'vigie.report/1', site: 'www.lyon.fr', grade: 'D' });
    expect(JSON.stringify(report)).not.toMatch(/https?:\/\/|\?|#/);
    await options.close();
    await page.close();
  }, 60_000);

  it('queues a public site once observed, sends it without credentials, and the collector publishes it', async () => {
    const options = await session.openExtensionPage('options.html');
    await options.fill('#collector', collector.url);
    await options.click('button[type="submit"]');
    await options.waitForSelector(`text=${collector.url}/`);
    await options.check('[data-testid="reporting-enabled"]');

    const page = await session.newPage();
    await page.goto(SITES.lyon.url);
    await page.waitForTimeout(WINDOW_MS);
    await options.reload();
    await waitForRow(options, 'www.lyon.fr', 'queued');
    // Not a public site: never queued.
    await page.goto('https://shop.example-retailer.com/');
    await page.waitForTimeout(WINDOW_MS);
    expect((await rows(options)).map((r) => r.site)).toEqual(['www.lyon.fr']);

    await options.click('[data-testid="send-now"]');
    await waitForRow(options, 'www.lyon.fr', 'sent');
    // One report is not enough to publish a site (threshold: 3 reports from 2 ISO weeks).
    expect((await send(`${collector.url}/api/v1/sites/www.lyon.fr`)).status).toBe(404);

    // Two more reports of the same site from earlier weeks, as other people's would be.
    const tabId = await session.tabIdOf(page);
    await page.goto(SITES.lyon.url);
    await page.waitForTimeout(1_500);
    const preview = await session.openExtensionPage(`options.html?tabId=${await session.tabIdOf(page)}`);
    await preview.waitForSelector('[data-testid="report-json"]', { state: 'attached' });
    const report = JSON.parse((await preview.textContent('[data-testid="report-json"]'))!) as Report;
    for (const week of ['2026-W45', '2026-W46']) expect((await postReport(collector.url, { ...report, week })).status).toBe(202);
    expect(tabId).toBeGreaterThan(0);

    const site = await send(`${collector.url}/api/v1/sites/www.lyon.fr`);
    expect(site.status).toBe(200);
    expect(JSON.parse(site.body)).toMatchObject({ grade: 'D' });
    const dataset = await send(`${collector.url}/api/v1/dataset/reports.csv`);
    expect(dataset.status).toBe(200);
    expect(dataset.body.split('\n').filter((l) => l.includes('www.lyon.fr'))).toHaveLength(3);
    const dashboard = await session.newPage();
    await dashboard.goto(`${collector.url}/sites/www.lyon.fr`);
    await dashboard.waitForSelector('text=www.lyon.fr', { timeout: 15_000 });
    await dashboard.close();
    await preview.close();
    await page.close();
    await options.close();
  }, 120_000);

  it('shows a report the collector refuses with its reason, and turning reporting off empties the queue', async () => {
    const remove = server.addRoute({
      host: 'refusing-collector.example',
      path: '/api/v1/reports',
      handle: () => ({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"message":"site: not a public body"}' }),
    });
    try {
      const options = await session.openExtensionPage('options.html');
      await options.fill('#collector', 'https://refusing-collector.example/');
      await options.click('button[type="submit"]');
      const page = await session.newPage();
      await page.goto(SITES.numerique.url);
      await page.waitForTimeout(WINDOW_MS);
      await options.reload();
      await waitForRow(options, 'www.numerique.gouv.fr', 'queued');
      await options.click('[data-testid="send-now"]');
      const refused = await waitForRow(options, 'www.numerique.gouv.fr', 'dropped');
      expect(refused.text).toContain('HTTP 400: site: not a public body');

      await page.goto(SITES.marseille.url);
      await page.waitForTimeout(WINDOW_MS);
      await waitForRow(options, 'www.marseille.fr', 'queued');
      await options.uncheck('[data-testid="reporting-enabled"]');
      const deadline = Date.now() + 10_000;
      while ((await rows(options)).some((r) => r.status === 'queued') && Date.now() < deadline) await options.waitForTimeout(300);
      expect((await rows(options)).filter((r) => r.status === 'queued')).toEqual([]);
      await page.close();
      await options.close();
    } finally {
      remove();
    }
  }, 120_000);
});
