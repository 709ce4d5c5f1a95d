// One headless Debian Chromium on a brand-new temporary profile with the built Vigie extension loaded: the
// browser a batch visits one site in, then throws away, so no cookie, cache, HSTS entry, service worker or
// extension state of one site reaches the next. playwright-core drives it (loaded only when a batch runs).
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Lang } from '../../utils/texts';
import type { TabReply } from '../../entrypoints/background/messages';
import { CliError } from '../io';
import { isAlive } from './atomic-file';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const PROFILE_PREFIX = 'vigie-audit-';

export interface BrowserOptions {
  chromiumPath: string;
  extensionDir: string;
  /** Chromium's --host-resolver-rules (tests send every host to a local fixture server). */
  hostRules?: string;
  ignoreCertificateErrors: boolean;
}

export interface FreshBrowser {
  /** The tab the site is visited in (the browser's first tab). */
  page: Page;
  /** The extension's id for that tab, what vigie/get-tab expects. */
  tabId: number;
  /** "Chromium 150", for the printable report. */
  browserName: string;
  /** Asks the extension's background for the tab's audit, from one of the extension's own pages. */
  tabReply(lang: Lang): Promise<TabReply>;
  /** Resolves once the background has its lists and state back and answers (it may have been idle). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The built extension's folder and version; a sentence saying how to build it when it is missing. */
export function builtExtension(dir: string): { dir: string; version: string } {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new CliError(`the Vigie extension is not built (no ${manifest}): run \`npm run build\` first`);
  }
  return { dir, version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version };
}

/**
 * A private copy of the built extension for one run: a batch can last hours, and a rebuild in the checkout
 * meanwhile (wxt empties the folder first) must neither break it nor mix two versions in one batch.
 */
export async function snapshotExtension(dir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const copy = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-extension-`));
  await cp(dir, copy, { recursive: true });
  builtExtension(copy); // the build was complete when copied
  return { dir: copy, remove: () => rm(copy, { recursive: true, force: true }) };
}

export function checkChromium(path: string): void {
  if (!existsSync(path)) {
    throw new CliError(
      `Chromium not found at ${path}: install it (Debian or Ubuntu: \`sudo apt-get install chromium\`) ` +
        'or give its path with --chromium PATH or the CHROMIUM_PATH variable',
    );
  }
}

/**
 * Switches from ../shared/ENVIRONMENT.md that keep the browser to the page's own traffic (no sync, component
 * updates or background fetches of its own), plus the extension. Chromium's new headless mode runs MV3 extensions.
 */
function chromiumArgs(options: BrowserOptions): string[] {
  const args = [
    '--no-sandbox', // runs as root in containers and CI
    '--disable-gpu',
    '--disable-dev-shm-usage', // containers give /dev/shm 64 MB; several browsers at once would crash on it
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${options.extensionDir}`,
    `--load-extension=${options.extensionDir}`,
  ];
  if (options.hostRules) args.push(`--host-resolver-rules=${options.hostRules}`);
  if (options.ignoreCertificateErrors) args.push('--ignore-certificate-errors');
  return args;
}

type Messaging = { runtime: { sendMessage(message: object): Promise<unknown> }; tabs: { query(q: object): Promise<Array<{ id?: number }>>; getCurrent(): Promise<{ id?: number } | undefined> } };

export async function launchFreshBrowser(options: BrowserOptions): Promise<FreshBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: options.chromiumPath,
      headless: true,
      args: chromiumArgs(options),
      // Playwright's default --disable-extensions would win over --load-extension.
      ignoreDefaultArgs: ['--disable-extensions'],
      ignoreHTTPSErrors: options.ignoreCertificateErrors,
      timeout: 60_000,
    });
    const isExtension = (url: string) => url.startsWith('chrome-extension://');
    const worker =
      context.serviceWorkers().find((w) => isExtension(w.url())) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => isExtension(w.url()), timeout: 30_000 }).catch(() => {
        throw new Error(`the extension's service worker did not start within 30 s (${options.extensionDir})`);
      }));
    const extensionId = new URL(worker.url()).host;
    const page = context.pages()[0] ?? (await context.newPage());
    // An extension page to talk to the background from, as the popup does; its manifest.json runs no code.
    const control = await context.newPage();
    await control.goto(`chrome-extension://${extensionId}/manifest.json`);
    const ask = (message: object) =>
      control.evaluate((m) => (globalThis as unknown as { chrome: Messaging }).chrome.runtime.sendMessage(m), message);
    const ready = async () => {
      await ask({ type: 'vigie/stats' });
    };
    await ready();
    // Tab URLs of blank and extension pages are hidden without the "tabs" permission (which Vigie does not ask
    // for): the site's tab is the one that is not the control page's own.
    const siteTabs = await control.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: Messaging }).chrome.tabs;
      const own = (await api.getCurrent())?.id;
      return (await api.query({})).map((t) => t.id).filter((id): id is number => id !== undefined && id !== own);
    });
    if (siteTabs.length !== 1) throw new Error(`expected one blank tab besides the extension's, found ${siteTabs.length}`);
    const tabId = siteTabs[0]!;
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const version = /(?:Chromium|Chrome)\/(\d+)/.exec(userAgent)?.[1];
    return {
      page,
      tabId,
      browserName: version ? `Chromium ${version}` : 'Chromium',
      tabReply: (lang) => ask({ type: 'vigie/get-tab', tabId, lang }) as Promise<TabReply>,
      ready,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Profiles of runs that were killed before they could remove them (their process is gone). */
export async function removeStaleProfiles(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^vigie-audit-(\d+)-/.exec(name)?.[1]);
    if (pid && !isAlive(pid)) await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}
