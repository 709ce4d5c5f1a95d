// The extension in real Debian Chromium (MV3): the shared scenarios, then the service-worker restart test.
import type { Page as PlaywrightPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDriver } from './support/extension-driver';
import { extensionScenarios } from './extension-scenarios';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { SITES } from './sites/manifest';

extensionScenarios('Chromium', chromiumDriver);

describe('the extension survives its service worker being stopped (Chromium MV3)', () => {
  let server: FixtureServer;
  let driver: Awaited<ReturnType<typeof chromiumDriver>>;

  beforeAll(async () => {
    server = await startFixtureServer();
    driver = await chromiumDriver(server);
    const warmUp = await driver.newPage();
    await driver.goto(warmUp, SITES.numerique.url);
    await driver.goto(warmUp, SITES.numerique.url);
    await warmUp.close();
  }, 120_000);

  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('loses nothing recorded before a stop in the middle of a visit, and records what comes after', async () => {
    const site = SITES.lyon;
    const page = await driver.newPage();
    const since = server.lastSeq();
    await driver.goto(page, site.url);
    await server.waitForHosts(site.thirdPartyHosts, { since, timeoutMs: 30_000 });
    const tabId = await driver.tabIdOf(page);
    // Let the batched write reach storage.session, then stop the worker mid-visit (the page is still open).
    let before = await driver.tabReply(tabId);
    for (let i = 0; i < 20 && (before.status !== 'audited' || before.audit.thirdPartyDomains.length < site.thirdPartyDomains.length); i++) {
      await new Promise((r) => setTimeout(r, 300));
      before = await driver.tabReply(tabId);
    }
    if (before.status !== 'audited') throw new Error(`no audit before the stop: ${before.status}`);
    await new Promise((r) => setTimeout(r, 1_500)); // longer than a write batch (tab-state.ts)
    before = await driver.tabReply(tabId);
    await driver.stopBackground!();
    expect(driver.session.workerVersion()?.runningStatus).toBe('stopped');

    // The page goes on: a new third party while the worker is stopped; its request wakes the worker.
    await (page as PlaywrightPage).evaluate(() => {
      const img = new Image();
      img.src = 'https://tile.openstreetmap.org/12/2100/1460.png';
      document.body.append(img);
    });
    await server.waitForHosts(['tile.openstreetmap.org'], { timeoutMs: 15_000 });
    let after = await driver.tabReply(tabId);
    for (let i = 0; i < 20 && (after.status !== 'audited' || !after.audit.thirdPartyDomains.some((d) => d.domain === 'openstreetmap.org')); i++) {
      await new Promise((r) => setTimeout(r, 300));
      after = await driver.tabReply(tabId);
    }
    if (after.status !== 'audited' || before.status !== 'audited') throw new Error('audit lost across the restart');
    const domains = after.audit.thirdPartyDomains.map((d) => d.domain);
    for (const d of before.audit.thirdPartyDomains) expect(domains).toContain(d.domain);
    expect(domains).toContain('openstreetmap.org');
    expect(after.audit.requests.total).toBe(before.audit.requests.total + 1);
    expect(after.audit.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(before.audit.cookies.map((c) => c.name)));

    // And after the visit: stop again, then the popup still shows the same grade and every third party.
    await new Promise((r) => setTimeout(r, 1_500)); // longer than a write batch (tab-state.ts)
    const complete = await driver.tabReply(tabId);
    await driver.stopBackground!();
    const popup = await driver.popup(tabId);
    if (complete.status !== 'audited') throw new Error('no audit after the visit');
    expect(popup.grade).toBe(complete.audit.score.grade);
    expect([...new Set(popup.domains)].sort()).toEqual(complete.audit.thirdPartyDomains.map((d) => d.domain).sort());
    await page.close();
  }, 120_000);

  it('says "reload to audit" for a page that was open before Vigie was running', async () => {
    // A page restored from the back/forward cache makes no request: the extension cannot have seen it load.
    const page = await driver.newPage();
    await driver.goto(page, SITES.lyon.url);
    await driver.goto(page, SITES.numerique.url);
    await (page as PlaywrightPage).goBack({ waitUntil: 'load' });
    const tabId = await driver.tabIdOf(page);
    const reply = await driver.tabReply(tabId);
    // Either Chromium kept the page in the cache (nothing recorded: reload), or it reloaded it (a fresh audit).
    if (reply.status === 'audited') expect(reply.audit.page.url).toBe(SITES.lyon.url);
    else expect(reply.status).toBe('reload');
    await page.close();
  }, 60_000);
});
