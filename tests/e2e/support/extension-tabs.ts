// Finds the tab id the extension uses for a page driven by the test (Chromium and Firefox alike).
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/** A tab as browser.tabs.query returns it (url and title need the tabs or a host permission). */
export interface BrowserTab {
  id?: number;
  url?: string;
  title?: string;
  index: number;
  windowId: number;
  active: boolean;
}

type AnyPage = PlaywrightPage | PuppeteerPage;

/** Runs a function in an extension page (each browser's launcher gives one). */
type InExtension = <T>(fn: () => T | Promise<T>) => Promise<T>;

/** Every tab, as the extension sees them: `browser.tabs` in Firefox, `chrome.tabs` in Chromium. */
export function extensionTabs(evaluateInExtension: InExtension): Promise<BrowserTab[]> {
  return evaluateInExtension(async () => {
    type TabsApi = { tabs: { query(q: object): Promise<BrowserTab[]> } };
    const g = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi };
    const tabs = await (g.browser ?? g.chrome)!.tabs.query({});
    return tabs.map(({ id, url, title, index, windowId, active }) => ({ id, url, title, index, windowId, active }));
  });
}

/**
 * By URL when exactly one tab shows the page's URL; otherwise (two tabs on the same page, or URLs hidden) the
 * page's title is set for a moment to a unique token and looked up, then restored.
 */
export async function tabIdOfPage(page: AnyPage, listTabs: () => Promise<BrowserTab[]>): Promise<number> {
  // location.href rather than page.url(): puppeteer's Firefox pages do not always track the URL.
  const evaluate = page.evaluate.bind(page) as <T, A>(fn: (arg: A) => T, arg: A) => Promise<T>;
  const href = await evaluate(() => location.href, undefined);
  const byUrl = (await listTabs()).filter((tab) => tab.url === href && tab.id !== undefined);
  if (byUrl.length === 1) return byUrl[0]!.id!;

  const token = `vigie-tab-${Math.random().toString(36).slice(2)}`;
  const previous = await evaluate((t: string) => {
    const old = document.title;
    document.title = t;
    return old;
  }, token);
  try {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = (await listTabs()).find((tab) => tab.title === token);
      if (found?.id !== undefined) return found.id;
      if (Date.now() > deadline) throw new Error(`no tab of the extension shows ${href}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await evaluate((t: string) => {
      document.title = t;
    }, previous).catch(() => undefined);
  }
}
