// The report page, history, exports and options in real Chromium with the built extension: open the report of
// the current tab from the popup, read its deductions and diagram, export JSON, CSV and the printable report,
// find the visit in the history after navigating away, delete one and all, switch the UI to French, import the
// DINUM list, and check popup, report and options with axe-core (WCAG 2.1 AA) in light and dark.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../utils/audit';
import type { TabReply } from '../../entrypoints/background/messages';
import { CSV_COLUMNS } from '../../components/export-csv';
import { historyEntry, type HistoryEntry } from '../../components/history';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { extensionBuildDir } from './support/extension-build';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { htmlPage } from './support/bodies';
import { SITES } from './sites/manifest';
import { sharedDataDir } from '../shared-data';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(root, 'docs/screenshots');
const TIMEOUT = 90_000;
/** expect.poll waits one second by default: too little for a page's IndexedDB work on a busy machine. */
const PATIENT = { timeout: 10_000 };
/** A commune in the DINUM list that Vigie's own lists do not know. */
const COMMUNE = 'www.auberives-sur-vareze.fr';

let server: FixtureServer;
let session: ChromiumSession;
/** The browsing tab the tests drive (the popup and report are opened beside it). */
let tab: Page;
let tabId: number;

async function getTab(id: number, lang: 'en' | 'fr' = 'en'): Promise<TabReply> {
  return session.evaluateInExtension(
    (arg) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<TabReply> } } }).chrome.runtime.sendMessage(arg),
    { type: 'vigie/get-tab', tabId: id, lang },
  );
}

/** Polls the background until the tab's audit satisfies `ready`. */
async function waitForAudit(id: number, ready: (audit: Audit) => boolean, timeoutMs = 20_000): Promise<Audit> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await getTab(id);
    if (reply.status === 'audited' && ready(reply.audit)) return reply.audit;
    if (Date.now() > deadline) throw new Error(`tab ${id}: audit not ready (${reply.status})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function visitLyon(): Promise<Audit> {
  await tab.goto(SITES.lyon.url);
  return waitForAudit(tabId, (a) => SITES.lyon.thirdPartyDomains.every((d) => a.thirdPartyDomains.some((x) => x.domain === d)));
}

/** axe-core with the WCAG 2.0 and 2.1 A and AA rules; returns the violations in a readable form. */
async function axeViolations(page: Page): Promise<string[]> {
  const source = await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Extension pages' CSP forbids inline scripts (so page.addScriptTag({ content }) is refused): the DevTools
  // protocol's evaluation is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
  return violations;
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `${what} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Clicks a download button and returns the file's name and text. */
async function downloadOf(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function storedLanguage(): Promise<unknown> {
  return session.evaluateInExtension(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, { lang?: string }>> } } } }).chrome;
    return (await api.storage.local.get('vigie.settings.v1'))['vigie.settings.v1']?.lang;
  });
}

async function setLanguage(choice: 'auto' | 'en' | 'fr'): Promise<void> {
  const options = await session.openExtensionPage('options.html');
  await options.locator(`input[name="lang"][value="${choice}"]`).check();
  // The choice is saved asynchronously: closing the page at once could lose it (and beforeAll has no expect.poll).
  const deadline = Date.now() + PATIENT.timeout;
  while ((await storedLanguage()) !== choice) {
    if (Date.now() > deadline) throw new Error(`the language ${choice} was not saved`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await options.close();
}

beforeAll(async () => {
  server = await startFixtureServer({
    routes: [{ host: COMMUNE, path: '/', handle: () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: htmlPage('Mairie', '<h1>Mairie</h1><p>Bienvenue.</p>') }) }],
  });
  session = await launchChromium({ extensionDir: extensionBuildDir('chrome-mv3'), port: server.port });
  tab = await session.newPage();
  // Warm-up: the extension's listeners may miss the very first page load after install.
  await tab.goto(SITES.numerique.url);
  tabId = await session.tabIdOf(tab);
  await tab.goto(SITES.numerique.url);
  await waitForAudit(tabId, (a) => a.page.host === 'www.numerique.gouv.fr');
  // The tests below read English words; the French UI has its own test.
  await setLanguage('en');
}, TIMEOUT);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('report page', () => {
  let report: Page;
  let audit: Audit;

  it('opens from the popup with the current tab’s deductions and flow diagram', async () => {
    audit = await visitLyon();
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByTestId('grade').waitFor();
    await mkdir(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup.png') });

    // With the keyboard: the report button is the popup's first stop.
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-report');
    // The popup closes itself once the report is open, which may end the key press early.
    const [opened] = await Promise.all([session.context.waitForEvent('page'), popup.keyboard.press('Enter').catch(() => undefined)]);
    report = opened;
    await report.waitForURL(/report\.html\?tabId=\d+/);
    expect(new URL(report.url()).searchParams.get('tabId')).toBe(String(tabId));
    await report.getByTestId('flow-diagram').waitFor();

    // Every deduction of the audit, each with its evidence, reason, legal context and remedy.
    const shown = await report.getByTestId('deduction').evaluateAll((items) =>
      items.map((li) => ({ code: li.getAttribute('data-code'), text: li.textContent ?? '', hasRemedy: !!li.querySelector('.remedy'), hasEvidence: !!li.querySelector('.evidence') })),
    );
    expect(shown.map((d) => d.code).sort()).toEqual(audit.score.deductions.map((d) => d.code).sort());
    expect(shown.map((d) => d.code)).toEqual(expect.arrayContaining(['C1-gafam', 'C2-tracker-first', 'C2-cookie']));
    for (const d of shown) expect(d.hasRemedy && d.hasEvidence, d.code!).toBe(true);
    const gaFonts = audit.score.deductions.find((d) => d.evidence.service === 'Google Fonts')!;
    await expect.poll(() => report.getByText(gaFonts.remedy).count(), PATIENT).toBeGreaterThan(0);
    expect(await report.locator('.law').count()).toBeGreaterThan(0);

    // The diagram: the site, services, organisations and countries, GAFAM and trackers named in words.
    const diagram = report.getByTestId('flow-diagram');
    expect(await diagram.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    const svgText = await diagram.textContent();
    for (const word of ['www.lyon.fr', 'Google Fonts', 'Alphabet', 'GAFAM', 'tracker before consent', 'United States']) expect(svgText).toContain(word);
    expect(await diagram.locator('.is-gafam').count()).toBeGreaterThan(0);
    expect(await diagram.locator('.is-tracker').count()).toBeGreaterThan(0);
    // The same information as tables.
    for (const caption of ['Third-party services', 'Organisations (ultimate parents)', 'Cookies', 'Third parties in the order they first loaded']) {
      await expect.poll(() => report.locator('caption', { hasText: caption }).count(), PATIENT).toBeGreaterThan(0);
    }

    await report.screenshot({ path: join(SCREENSHOTS, 'report.png') });
    await report.locator('#flows').screenshot({ path: join(SCREENSHOTS, 'report-flows.png') });
  }, TIMEOUT);

  it('exports the audit as JSON, CSV, a printable evidence report and a letter', async () => {
    const json = await downloadOf(report, 'export-json');
    expect(json.name).toMatch(/^vigie-www\.lyon\.fr-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(json.text) as Audit;
    expect(exported.schema).toBe('vigie.audit/1');
    expect(exported.page.host).toBe('www.lyon.fr');
    expect(exported.score.deductions.map((d) => d.code).sort()).toEqual(audit.score.deductions.map((d) => d.code).sort());

    const csv = await downloadOf(report, 'export-csv');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const domainColumn = CSV_COLUMNS.indexOf('domain');
    expect(lines.slice(1).map((l) => l.split(',')[domainColumn]).sort()).toEqual([...SITES.lyon.thirdPartyDomains].sort());

    const html = await downloadOf(report, 'export-html');
    expect(html.name).toMatch(/-report\.html$/);
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text).not.toMatch(/(?:src|href)="https?:/);
    for (const fact of ['www.lyon.fr', 'SN-1', exported.lists, 'Chromium', 'Vigie 0.1.0', 'data-testid="flow-diagram"']) expect(html.text).toContain(fact);
    for (const d of exported.score.deductions) expect(html.text).toContain(`data-code="${d.code}"`);

    const letter = await report.locator('#letter-text').inputValue();
    expect(letter).toContain('www.lyon.fr');
    expect(letter).toContain(audit.score.deductions.sort((a, b) => b.points - a.points)[0]!.remedy);
    await report.locator('input[name="letter-lang"][value="fr"]').check();
    await expect.poll(() => report.locator('#letter-text').inputValue(), PATIENT).toContain('Madame, Monsieur');
    const letterFile = await downloadOf(report, 'export-letter');
    expect(letterFile.name).toMatch(/-letter-fr\.txt$/);
    expect(letterFile.text).toContain('Objet');
  }, TIMEOUT);

  it('finds the visit in the history after navigating away, and opens its stored report', async () => {
    await tab.goto(SITES.numerique.url);
    await waitForAudit(tabId, (a) => a.page.host === 'www.numerique.gouv.fr');
    const history = await session.openExtensionPage('report.html');
    const entry = history.locator('[data-testid="history-entry"][data-site="www.lyon.fr"]');
    await expect.poll(async () => {
      await history.reload();
      await history.getByTestId('history-count').waitFor();
      return entry.count();
    }, { timeout: 15_000 }).toBeGreaterThan(0);
    const id = await entry.first().getAttribute('data-id');
    await entry.first().getByRole('link').click();
    await history.waitForURL(/report\.html\?history=/);
    expect(new URL(history.url()).searchParams.get('history')).toBe(id);
    await history.getByTestId('flow-diagram').waitFor();
    const codes = await history.getByTestId('deduction').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    expect(codes.sort()).toEqual(audit.score.deductions.map((d) => d.code).sort());
    await history.close();
  }, TIMEOUT);

  it('deletes one visit, then the whole history', async () => {
    const history = await session.openExtensionPage('report.html');
    const entries = history.getByTestId('history-entry');
    // The visit in progress (numerique) is saved a couple of seconds after its last change.
    await expect.poll(async () => {
      await history.reload();
      await history.getByTestId('history-count').waitFor();
      return history.locator('[data-testid="history-entry"][data-site="www.numerique.gouv.fr"]').count();
    }, { timeout: 15_000 }).toBeGreaterThan(0);
    // Only web pages are history: the report tab's blob: downloads are not.
    expect(await entries.evaluateAll((rows) => rows.filter((r) => !r.getAttribute('data-site')).length)).toBe(0);
    const lyon = history.locator('[data-testid="history-entry"][data-site="www.lyon.fr"]').first();
    const lyonId = await lyon.getAttribute('data-id');
    await lyon.getByTestId('delete-visit').click();
    await expect.poll(() => history.locator(`[data-id="${lyonId}"]`).count(), PATIENT).toBe(0);
    expect(await history.locator('[data-testid="history-entry"][data-site="www.numerique.gouv.fr"]').count()).toBeGreaterThan(0);
    await history.getByTestId('delete-all').click();
    // The confirmation works from the keyboard too.
    await history.getByTestId('delete-all-confirm').focus();
    await history.keyboard.press('Enter');
    await expect.poll(() => entries.count(), PATIENT).toBe(0);
    await history.reload();
    await history.getByTestId('history-count').waitFor();
    expect(await entries.count()).toBe(0);
    await history.close();
  }, TIMEOUT);

  it('opens a report an earlier version stored (history schema 2, the audit as an object)', async () => {
    const entry = historyEntry('9:1000', Date.now() - 60_000, audit);
    const history = await session.openExtensionPage('report.html');
    await history.getByTestId('history-count').waitFor();
    // Replace the history by one as version 2 wrote it; the open connections give way (versionchange).
    await history.evaluate(
      ({ entry, audit }) =>
        new Promise<void>((resolve, reject) => {
          const deleting = indexedDB.deleteDatabase('vigie-history');
          deleting.onerror = () => reject(deleting.error);
          deleting.onsuccess = () => {
            const opening = indexedDB.open('vigie-history', 2);
            opening.onupgradeneeded = () => {
              const db = opening.result;
              const visits = db.createObjectStore('visits', { keyPath: 'id' });
              visits.createIndex('date', 'date');
              visits.createIndex('site', 'site');
              db.createObjectStore('audits', { keyPath: 'id' }).createIndex('date', 'date');
              db.createObjectStore('deleted', { keyPath: 'id' });
            };
            opening.onerror = () => reject(opening.error);
            opening.onsuccess = () => {
              const db = opening.result;
              const tx = db.transaction(['visits', 'audits'], 'readwrite');
              tx.objectStore('visits').put(entry);
              tx.objectStore('audits').put({ id: entry.id, date: entry.date, audit });
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          };
        }),
      { entry: entry as HistoryEntry, audit },
    );
    await history.goto(history.url().replace(/report\.html.*$/, `report.html?history=${encodeURIComponent(entry.id)}`));
    await history.getByTestId('flow-diagram').waitFor();
    const codes = await history.getByTestId('deduction').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    expect(codes.sort()).toEqual(audit.score.deductions.map((d) => d.code).sort());
    await history.close();
  }, TIMEOUT);

  it('follows the language chosen in the options: French popup, report and options', async () => {
    await setLanguage('fr');
    const options = await session.openExtensionPage('options.html');
    await expect.poll(() => options.locator('h1').textContent(), PATIENT).toBe('Options de Vigie');
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('fr');
    await visitLyon();
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId('open-report').textContent(), PATIENT).toBe('Rapport complet');
    const frReport = await session.openExtensionPage(`report.html?tabId=${tabId}`);
    await frReport.getByTestId('flow-diagram').waitFor();
    expect(await frReport.locator('h1').textContent()).toBe('Rapport : www.lyon.fr');
    // The deductions' own words come from the engine in the page's language too.
    expect(await frReport.getByTestId('deduction').first().textContent()).toMatch(/appartient à|traceurs|cookies/i);
    // A change made while pages are open reaches them.
    await options.locator('input[name="lang"][value="en"]').check();
    await expect.poll(() => frReport.locator('h1').textContent(), PATIENT).toBe('Report: www.lyon.fr');
    await Promise.all([options.close(), popup.close(), frReport.close()]);
  }, TIMEOUT);

  it('imports the DINUM list, which makes an unknown commune’s site public', async () => {
    await tab.goto(`https://${COMMUNE}/`);
    const before = await waitForAudit(tabId, (a) => a.page.host === COMMUNE);
    expect(before.page.publicSector).toBeNull();

    const options = await session.openExtensionPage('options.html');
    const urls = await readFile(join(sharedDataDir(), 'fr-public-sector/urls.txt'));
    await options.locator('#registry-file').setInputFiles({ name: 'urls.txt', mimeType: 'text/plain', buffer: urls });
    await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 30_000 }).toMatch(/sites imported/);
    expect(await options.locator('[data-testid="registry"][data-source="fr-dinum"]').count()).toBe(1);

    const after = await waitForAudit(tabId, (a) => a.page.publicSector !== null);
    expect(after.page.publicSector).toMatchObject({ source: 'fr-dinum', country: 'FR' });
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.locator('.public').textContent(), PATIENT).toContain('French public-sector list (DINUM)');
    await Promise.all([options.close(), popup.close()]);
  }, TIMEOUT);

  it('has no WCAG 2.1 AA violation (axe-core) on popup, report, history and options, in light and dark', async () => {
    await visitLyon();
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByTestId('grade').waitFor();
    await expectAccessible(popup, 'popup');
    const page = await session.openExtensionPage(`report.html?tabId=${tabId}`);
    await page.getByTestId('flow-diagram').waitFor();
    await expectAccessible(page, 'report');
    const history = await session.openExtensionPage('report.html');
    await history.getByTestId('history-count').waitFor();
    await expectAccessible(history, 'history');
    const options = await session.openExtensionPage('options.html');
    await options.locator('#retention').waitFor();
    await expectAccessible(options, 'options');
    await Promise.all([popup.close(), page.close(), history.close(), options.close()]);
  }, TIMEOUT);
});
