// Launches Firefox ESR with puppeteer-core over WebDriver BiDi: fresh profile, every request through the fixture
// server (HTTP proxy), optionally the built extension as a temporary add-on, and a way to open its pages.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { firefoxPrefs } from './firefox-prefs';
import { bidiNavigate, findExtensionBaseUrl } from './firefox-bidi';
import { extensionTabs as listExtensionTabs, tabIdOfPage, type BrowserTab } from './extension-tabs';

export const FIREFOX_PATH = process.env.VIGIE_FIREFOX ?? '/usr/bin/firefox-esr';

export interface LaunchFirefoxOptions {
  /** Unpacked extension (e.g. .output/firefox-mv2), installed as a temporary add-on. */
  extensionDir?: string;
  /** Fixture server port, used as Firefox's HTTP and SSL proxy. */
  port: number;
  /** Extra preferences (win over the defaults). */
  prefs?: Record<string, string | number | boolean>;
}

export interface FirefoxSession {
  browser: Browser;
  /** The add-on id Firefox gave the temporary install (<hash>@temporary-addon when the manifest has none). */
  extensionId?: string;
  /** moz-extension://<internal UUID>/ of the installed extension. */
  extensionBaseUrl?: string;
  newPage(): Promise<Page>;
  /**
   * Opens moz-extension://<uuid>/<path> in a new tab and waits for its load event. The Page works for evaluate,
   * $ and waitForSelector, but page.url() and page.goto() do not follow extension documents (see README).
   */
  openExtensionPage(path: string): Promise<Page>;
  /** Runs a function inside an extension page (browser.* APIs available there) and returns its result. */
  evaluateInExtension<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** The tabs as the extension sees them (browser.tabs.query). */
  extensionTabs(): Promise<BrowserTab[]>;
  /** The extension's tab id of a page (what the popup's ?tabId= and vigie/get-tab expect). */
  tabIdOf(page: Page): Promise<number>;
  /** True when the extension's background page is loaded. */
  backgroundIsRunning(): Promise<boolean>;
  close(): Promise<void>;
}

/** The add-on id a manifest declares (browser_specific_settings.gecko.id), if any. */
async function declaredAddonId(extensionDir: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
      browser_specific_settings?: { gecko?: { id?: string } };
      applications?: { gecko?: { id?: string } };
    };
    return manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  } catch {
    return undefined;
  }
}

export async function launchFirefox(options: LaunchFirefoxOptions): Promise<FirefoxSession> {
  const extensionDir = options.extensionDir ? resolve(options.extensionDir) : undefined;
  // Route 1 to the moz-extension:// origin: when the manifest declares its id, choose the internal UUID ourselves
  // (Firefox reads the id → UUID map from this pref when it installs the add-on).
  const addonId = extensionDir ? await declaredAddonId(extensionDir) : undefined;
  const presetUuid = addonId ? randomUUID() : undefined;
  const uuidPref: Record<string, string> = addonId && presetUuid ? { 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: presetUuid }) } : {};

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // The fixture server's self-signed certificate, for every host, also inside CONNECT tunnels.
    acceptInsecureCerts: true,
    // Since Firefox 153, WebDriver BiDi navigates to moz-extension:// and about: documents only with system
    // access allowed; without it the extension's pages cannot be opened at all.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...firefoxPrefs(options.port), ...uuidPref, ...options.prefs },
    // Release builds ignore services.settings.server (remote settings would poll firefox.settings.services.
    // mozilla.com through the proxy) unless this variable is set; the prefs then point it nowhere.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    // Puppeteer makes a temporary profile and deletes it on close.
  });

  let extensionId: string | undefined;
  let extensionBaseUrl: string | undefined;

  const openExtensionPage = async (path: string): Promise<Page> => {
    if (!extensionBaseUrl) throw new Error('launchFirefox: no extension was installed');
    const page = await browser.newPage();
    await bidiNavigate(browser, page, extensionBaseUrl + path.replace(/^\//, ''));
    return page;
  };

  // One extension page kept open for browser.* calls; its manifest.json is enough (no UI code runs there).
  let control: Promise<Page> | undefined;
  const controlPage = (): Promise<Page> => {
    control ??= openExtensionPage('manifest.json');
    return control;
  };

  try {
    if (extensionDir) {
      extensionId = await browser.installExtension(extensionDir);
      // Route 2, for a manifest without an id (Firefox then makes up <hash>@temporary-addon): read the UUID
      // from about:debugging.
      extensionBaseUrl =
        presetUuid && extensionId === addonId ? `moz-extension://${presetUuid}/` : await findExtensionBaseUrl(browser, extensionId);
      // Prove the origin is the add-on's (a preset UUID that Firefox ignored would load an error page instead).
      const served = await controlPage()
        .then((page) => page.evaluate(() => (globalThis as unknown as { browser?: { runtime?: { getURL(p: string): string } } }).browser?.runtime?.getURL('') ?? null))
        .catch(() => null);
      if (served !== extensionBaseUrl) {
        await control?.then((page) => page.close()).catch(() => undefined);
        control = undefined;
        extensionBaseUrl = await findExtensionBaseUrl(browser, extensionId);
      }
    }
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }

  const evaluateInExtension = async <T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    const page = await controlPage();
    return page.evaluate(fn as unknown as (arg: unknown) => Promise<T>, arg as unknown) as Promise<T>;
  };

  const extensionTabs = (): Promise<BrowserTab[]> => listExtensionTabs(evaluateInExtension);

  return {
    browser,
    extensionId,
    extensionBaseUrl,
    newPage: () => browser.newPage(),
    openExtensionPage,
    evaluateInExtension,
    extensionTabs,
    tabIdOf: async (page) => {
      // Control page first, so that it is already among the tabs the lookup compares.
      await controlPage();
      return tabIdOfPage(page, extensionTabs);
    },
    backgroundIsRunning: () =>
      evaluateInExtension(async () => {
        const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<unknown> } } }).browser;
        try {
          return Boolean(await api.runtime.getBackgroundPage());
        } catch {
          return false;
        }
      }),
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}
