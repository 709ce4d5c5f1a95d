// One way to drive the built extension in either browser: open fixture pages, ask the background for a tab's
// audit, read the popup. The issue-3 scenarios run unchanged on Chromium and Firefox through it.
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { TabReply } from '../../../entrypoints/background/messages';
import type { Lang } from '../../../utils/texts';
import { launchChromium, type ChromiumSession } from './chromium';
import { extensionBuildDir } from './extension-build';
import { launchFirefox, type FirefoxSession } from './firefox';
import type { FixtureServer } from './fixture-server';
import { waitInPage } from './poll';

export type AnyPage = PlaywrightPage | PuppeteerPage;

export interface PopupView {
  grade: string;
  domains: string[];
  text: string;
}

export interface ExtensionDriver {
  browser: 'chromium' | 'firefox';
  newPage(): Promise<AnyPage>;
  goto(page: AnyPage, url: string): Promise<void>;
  tabIdOf(page: AnyPage): Promise<number>;
  /** What the background answers for a tab (the message the popup sends). */
  tabReply(tabId: number, lang?: Lang): Promise<TabReply>;
  /** The popup of a tab (popup.html?tabId=N), read once it shows a grade. */
  popup(tabId: number): Promise<PopupView>;
  /** Stops the background on purpose (Chromium's MV3 service worker), when the browser allows it. */
  stopBackground?(): Promise<void>;
  close(): Promise<void>;
}

async function readPopup(page: AnyPage): Promise<PopupView> {
  await waitInPage(page, () => document.querySelector('[data-testid="grade"]') !== null, undefined, { timeoutMs: 15_000 });
  const evaluate = page.evaluate.bind(page) as <T>(fn: () => T) => Promise<T>;
  const view = await evaluate(() => ({
    grade: document.querySelector('[data-testid="grade"]')!.textContent!.trim(),
    domains: [...document.querySelectorAll<HTMLElement>('[data-testid="third-party"]')].map((e) => e.dataset.domain!),
    text: document.body.innerText,
  }));
  await page.close();
  return view;
}

/** Runs in an extension page: the promise-based `browser` namespace (Firefox, and Chromium natively), else `chrome`. */
const sendMessage = (arg: { tabId: number; lang: Lang }) => {
  type Api = { runtime: { sendMessage(m: object): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).runtime.sendMessage({ type: 'vigie/get-tab', tabId: arg.tabId, lang: arg.lang });
};

export async function chromiumDriver(server: FixtureServer): Promise<ExtensionDriver & { session: ChromiumSession }> {
  const session = await launchChromium({ extensionDir: extensionBuildDir('chrome-mv3'), port: server.port });
  return {
    browser: 'chromium',
    session,
    newPage: () => session.newPage(),
    goto: async (page, url) => {
      await (page as PlaywrightPage).goto(url, { waitUntil: 'load', timeout: 120_000 });
    },
    tabIdOf: (page) => session.tabIdOf(page as PlaywrightPage),
    tabReply: (tabId, lang = 'en') => session.evaluateInExtension(sendMessage, { tabId, lang }) as Promise<TabReply>,
    popup: async (tabId) => readPopup(await session.openExtensionPage(`popup.html?tabId=${tabId}`)),
    stopBackground: () => session.stopServiceWorker(),
    close: () => session.close(),
  };
}

export async function firefoxDriver(server: FixtureServer): Promise<ExtensionDriver & { session: FirefoxSession }> {
  const session = await launchFirefox({ extensionDir: extensionBuildDir('firefox-mv2'), port: server.port });
  return {
    browser: 'firefox',
    session,
    newPage: () => session.newPage(),
    goto: async (page, url) => {
      await (page as PuppeteerPage).goto(url, { waitUntil: 'load', timeout: 120_000 });
    },
    tabIdOf: (page) => session.tabIdOf(page as PuppeteerPage),
    tabReply: (tabId, lang = 'en') => session.evaluateInExtension(sendMessage, { tabId, lang }) as Promise<TabReply>,
    popup: async (tabId) => readPopup(await session.openExtensionPage(`popup.html?tabId=${tabId}`)),
    close: () => session.close(),
  };
}
