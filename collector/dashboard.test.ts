// The dashboard as served by the collector: built with Vite, served under the collector's security headers, then
// used in real Chromium (French and English, keyboard, filters, a site's page) and checked with axe-core.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from './test-support/reports';
import { storeCases, type StoreSetting } from './test-support/stores';
import { ROOT, postReport, send, startApp, type TestApp } from './test-support/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NOW = Date.UTC(2026, 11, 2, 12);
const [sqlite] = storeCases();

describe('the dashboard', () => {
  let out: string;
  let setting: StoreSetting;
  let t: TestApp;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'vigie-dashboard-'));
    await build({ configFile: join(ROOT, 'collector/dashboard/vite.config.ts'), build: { outDir: out, emptyOutDir: true }, logLevel: 'silent' });
    setting = await sqlite!.fresh();
    t = await startApp(setting, { now: () => NOW, config: { dashboardDir: out } });
    const sites: Array<[string, 'A' | 'B' | 'C' | 'D' | 'E']> = [['www.interieur.gouv.fr', 'A'], ['www.lyon.fr', 'C'], ['www.ville-exemple.fr', 'E']];
    for (const [site, grade] of sites) {
      for (const week of ['2026-W45', '2026-W46', '2026-W47']) {
        await postReport(t.url, makeReport({ site, week, grade, source: site.endsWith('gouv.fr') ? 'suffix:gouv.fr' : undefined }));
      }
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    setting?.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it('is built into static files that need no inline script', async () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toMatch(/<html lang="en">/);
    const scripts = [...index.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/ src="\/assets\/[^"]+\.js"/);
    const bundle = [...index.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => readFileSync(join(out, m[1]!), 'utf8')).join('');
    // Both languages ship.
    expect(bundle).toContain('Published sites');
    expect(bundle).toContain('Sites publiés');
  });

  it('is served on every page path, with its assets cached for good', async () => {
    for (const path of ['/', '/sites', '/sites/www.lyon.fr', '/about']) {
      const page = await send(`${t.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const index = (await send(`${t.url}/`)).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    const js = await send(`${t.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await send(`${t.url}/assets/nope.js`)).status).toBe(404);
    const methodology = await send(`${t.url}/methodology.md`);
    expect(methodology.body).toContain('SN-1');
  });

  describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('in Chromium', { timeout: 90_000 }, () => {
    let browser: Browser;
    const problems: string[] = [];
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    });
    afterAll(async () => browser?.close());

    async function open(path: string, locale: string): Promise<Page> {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      // CSP violations and script errors show up on the console.
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${t.url}${path}`);
      return page;
    }

    async function axe(page: Page): Promise<string[]> {
      // Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline script) stays on.
      await page.evaluate(axeSource);
      const violations = (await page.evaluate(async () => {
        const run = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run;
        return (await run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })).violations;
      })) as Array<{ id: string; nodes: unknown[] }>;
      return violations.map((v) => `${v.id} (${v.nodes.length})`);
    }

    it('speaks the browser’s language, switches on request, and passes axe', async () => {
      const page = await open('/', 'fr-FR');
      await page.getByRole('heading', { level: 1, name: 'Les sites publics et leurs tiers' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.getByText('3 sites publiés').waitFor();
      expect(await page.getByRole('list', { name: 'Sites par note' }).innerText()).toMatch(/A\s+1 site\s+Note\s+B\s+0 site\s+Note\s+C\s+1 site/);
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: 'Read in English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Public websites and their third parties' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // The choice is kept.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Public websites and their third parties' }).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.context().close();
    });

    it('can be used from the keyboard: skip link, filters, a site page', async () => {
      const page = await open('/sites', 'en-GB');
      await page.getByText('3 sites match').waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.getByLabel('Search a host name').fill('lyon');
      await page.getByLabel('Search a host name').press('Enter');
      await page.getByText('1 site matches').waitFor();
      expect(new URL(page.url()).search).toBe('?q=lyon');
      expect(await axe(page)).toEqual([]);
      await page.getByLabel('Grade').selectOption('E');
      await page.getByLabel('Search a host name').fill('');
      await page.getByRole('button', { name: 'Show' }).press('Enter');
      await page.getByRole('link', { name: 'www.ville-exemple.fr' }).waitFor();
      await page.getByRole('link', { name: 'www.ville-exemple.fr' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /www\.ville-exemple\.fr/ }).waitFor();
      // Focus follows the navigation to the new page's heading.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.getByRole('table', { name: /Reports per ISO week/ }).waitFor();
      expect(await page.getByRole('table', { name: /Third-party domains/ }).innerText()).toContain('fonts.googleapis.com');
      expect(await axe(page)).toEqual([]);
      await page.goBack();
      await page.getByText('1 site matches').waitFor();
      await page.context().close();
    });

    it('says when a site is not published, and explains the data', async () => {
      const page = await open('/sites/unknown.example.fr', 'en-US');
      await page.getByText('This site is not published').waitFor();
      await page.getByRole('link', { name: 'About the data' }).click();
      await page.getByRole('heading', { level: 1, name: 'About the data' }).waitFor();
      const main = page.getByRole('main');
      expect(await main.getByRole('link', { name: 'Read the full methodology' }).getAttribute('href')).toBe('/methodology.md');
      expect(await main.getByRole('link', { name: /datapackage\.json/ }).getAttribute('href')).toBe('/api/v1/dataset/datapackage.json');
      expect(await axe(page)).toEqual([]);
      await page.context().close();
      // Nothing was refused by the Content-Security-Policy, nothing threw.
      expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    });
  });
});
