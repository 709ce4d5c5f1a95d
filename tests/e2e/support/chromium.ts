// Launches Debian's Chromium with playwright-core: fresh profile, every host name sent to the fixture server,
// optionally the built extension loaded, plus CDP helpers to stop its MV3 service worker on purpose.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { extensionTabs as listExtensionTabs, tabIdOfPage, type BrowserTab } from './extension-tabs';
import { tlsCertificate } from './tls-certificate';

export const CHROMIUM_PATH = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';

export interface LaunchChromiumOptions {
  /** Unpacked extension to load (e.g. .output/chrome-mv3). */
  extensionDir?: string;
  /** Fixture server port: every host name resolves to 127.0.0.1:port, for http and https alike. */
  port: number;
  /** Hosts that bypass the fixture server (e.g. '127.0.0.1' for a collector on its own port). */
  exclude?: string[];
  /**
   * Extra command-line switches. Not --disable-features / --enable-features: Chromium keeps only the last of
   * each, which would drop Playwright's own list (HttpsUpgrades off, which the http:// redirect chain needs).
   */
  args?: string[];
}

/** One service worker version as CDP's ServiceWorker domain reports it. */
export interface WorkerVersion {
  versionId: string;
  registrationId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
  status: string;
}

export interface ChromiumSession {
  context: BrowserContext;
  /** The profile directory (every process of this browser names it on its command line). */
  profileDir: string;
  /** Set when extensionDir was given. */
  extensionId?: string;
  /** The extension's service worker as first seen (Playwright does not follow it across a stop and restart). */
  serviceWorker?: Worker;
  newPage(): Promise<Page>;
  /** Opens chrome-extension://<id>/<path> (e.g. 'popup.html?tabId=3') in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Runs a function inside an extension page (chrome.* / browser.* APIs available there). */
  evaluateInExtension<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** The tabs as the extension sees them (chrome.tabs.query). */
  extensionTabs(): Promise<BrowserTab[]>;
  /** The extension's tab id of a page (what the popup's ?tabId= and vigie/get-tab expect). */
  tabIdOf(page: Page): Promise<number>;
  /** The extension worker's current version, from CDP (undefined before CDP has reported it). */
  workerVersion(): WorkerVersion | undefined;
  /** Stops the extension's service worker, as Chromium does after 30 s idle, and waits until it has stopped. */
  stopServiceWorker(): Promise<void>;
  /** Starts the extension's service worker again (CDP), as an event would, and waits until it runs. */
  startServiceWorker(): Promise<void>;
  /** Stops every service worker of the profile. */
  stopAllServiceWorkers(): Promise<void>;
  /** Polls CDP until the extension worker reaches a running status. */
  waitForWorkerStatus(status: WorkerVersion['runningStatus'], timeoutMs?: number): Promise<WorkerVersion>;
  close(): Promise<void>;
}

/**
 * Flags from ../shared/ENVIRONMENT.md. Headless mode: Chromium's own `--headless` (the "new" headless, a real
 * browser without a window; the old headless that could not run extensions is gone from Chromium 132+) loads MV3
 * extensions and runs their service workers, so no display or Xvfb is needed.
 */
function chromiumArgs(options: LaunchChromiumOptions, extensionDir: string | undefined, spkiSha256: string): string[] {
  const args = [
    '--no-sandbox', // root in CI containers
    '--disable-gpu',
    '--disable-quic', // the fixture server speaks TCP only; QUIC attempts would only add noise
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=MAP * 127.0.0.1:${options.port}${(options.exclude ?? []).map((h) => `, EXCLUDE ${h}`).join('')}`,
    // The fixture server's self-signed certificate (google-analytics.com, facebook.com … are HSTS-preloaded, so
    // plain http is no way out). Trusting its key, rather than --ignore-certificate-errors, leaves the
    // connections error-free, so Chromium pools HTTP/2 connections across hosts as it does with real services
    // (see tls-certificate.ts); hosts the certificate does not name are accepted all the same.
    `--ignore-certificate-errors-spki-list=${spkiSha256}`,
  ];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  return [...args, ...(options.args ?? [])];
}

export async function launchChromium(options: LaunchChromiumOptions): Promise<ChromiumSession> {
  const extensionDir = options.extensionDir ? resolve(options.extensionDir) : undefined;
  const profile = await mkdtemp(join(tmpdir(), 'vigie-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: chromiumArgs(options, extensionDir, (await tlsCertificate()).spkiSha256),
      // Playwright adds --disable-extensions by default, which would win over --load-extension.
      ignoreDefaultArgs: ['--disable-extensions'],
      // Belt and braces for certificates the SPKI list does not cover (a test's own server, say).
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  let extensionId: string | undefined;
  let serviceWorker: Worker | undefined;
  if (extensionDir) {
    // Listen before looking, so a worker that registers in between is not missed.
    const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
    const registered = context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 30_000 });
    const existing = context.serviceWorkers().find(isExtensionWorker);
    if (existing) registered.catch(() => undefined);
    try {
      serviceWorker = existing ?? (await registered);
    } catch (error) {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
      throw new Error(`the extension in ${extensionDir} started no service worker (broken build?): ${(error as Error).message}`);
    }
    extensionId = new URL(serviceWorker.url()).host;
  }

  // CDP's ServiceWorker domain lives on a page session; keep one blank page for it.
  const cdpPage = context.pages()[0] ?? (await context.newPage());
  const cdp: CDPSession = await context.newCDPSession(cdpPage);
  const versions = new Map<string, WorkerVersion>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
    for (const version of event.versions) versions.set(version.versionId, version);
  });
  await cdp.send('ServiceWorker.enable');

  const extensionOrigin = extensionId ? `chrome-extension://${extensionId}/` : undefined;
  const workerVersion = (): WorkerVersion | undefined => {
    if (!extensionOrigin) return undefined;
    // The newest version of the extension's registration (a restart keeps the version, an update adds one).
    const mine = [...versions.values()].filter((v) => v.scriptURL.startsWith(extensionOrigin) && v.status !== 'redundant');
    return mine.sort((a, b) => Number(b.versionId) - Number(a.versionId))[0];
  };

  const waitForWorkerStatus = async (status: WorkerVersion['runningStatus'], timeoutMs = 10_000): Promise<WorkerVersion> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const version = workerVersion();
      if (version?.runningStatus === status) return version;
      if (Date.now() > deadline) {
        throw new Error(`extension service worker did not become ${status} within ${timeoutMs} ms (now ${version?.runningStatus ?? 'unknown'})`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const openExtensionPage = async (path: string): Promise<Page> => {
    if (!extensionId) throw new Error('launchChromium: no extension was loaded');
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
    return page;
  };
  // One extension page kept open for chrome.* calls; its manifest.json is enough (no UI code runs there).
  let control: Promise<Page> | undefined;
  const evaluateInExtension = async <T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> => {
    control ??= openExtensionPage('manifest.json');
    const page = await control;
    return page.evaluate(fn as unknown as (arg: unknown) => Promise<T>, arg as unknown);
  };
  const extensionTabs = (): Promise<BrowserTab[]> => listExtensionTabs(evaluateInExtension);

  return {
    context,
    profileDir: profile,
    extensionId,
    serviceWorker,
    newPage: () => context.newPage(),
    openExtensionPage,
    evaluateInExtension,
    extensionTabs,
    tabIdOf: async (page) => {
      await evaluateInExtension(() => true); // control page first, so it is already among the tabs compared
      return tabIdOfPage(page, extensionTabs);
    },
    workerVersion,
    async stopServiceWorker() {
      const version = await waitForWorkerStatus('running').catch(() => workerVersion());
      if (!version) throw new Error('no extension service worker known to CDP');
      await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
      await waitForWorkerStatus('stopped');
    },
    async startServiceWorker() {
      if (!extensionOrigin) throw new Error('launchChromium: no extension was loaded');
      await cdp.send('ServiceWorker.startWorker', { scopeURL: extensionOrigin });
      await waitForWorkerStatus('running');
    },
    async stopAllServiceWorkers() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      if (extensionOrigin) await waitForWorkerStatus('stopped');
    },
    waitForWorkerStatus,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
