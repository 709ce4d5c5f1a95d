// The batch itself: N workers take sites in list order, each site in its own fresh browser, and write each
// result as soon as it is known, so an interruption loses only the sites in progress.
import type { Lang } from '../../utils/texts';
import type { SiteEntry } from './site-list';
import { BrowserPool } from './browser-pool';
import { launchFreshBrowser, type BrowserOptions, type FreshBrowser } from './fresh-browser';
import type { ProgressReport } from './progress';
import { auditedRow, failedRow, siteKey, type ResultsDir } from './results-dir';
import { siteReportHtml } from './site-report';
import { Aborted, visitSite, type VisitOutcome } from './visit-site';

export interface BatchSettings {
  browser: BrowserOptions;
  extensionVersion: string;
  concurrency: number;
  waitMs: number;
  timeoutMs: number;
  lang: Lang;
}

export interface BatchResult {
  audited: number;
  failed: number;
  /** Sites left without a result because of the browser, not the site; a re-run tries them again. */
  notDone: Array<{ url: string; error: string }>;
  /** Set when the batch stopped early because browsers would not start at all. */
  fatal: string | null;
}

/** Browsers failing to start this many times in a row mean the machine, not the sites, is the problem. */
const LAUNCH_FAILURES_TO_STOP = 3;
/** A site whose browser failed is tried once more in another one. */
const ATTEMPTS = 2;

export async function runBatch(
  sites: SiteEntry[],
  results: ResultsDir,
  settings: BatchSettings,
  progress: ProgressReport,
  signal: AbortSignal,
): Promise<BatchResult> {
  const result: BatchResult = { audited: 0, failed: 0, notDone: [], fatal: null };
  const stop = new AbortController();
  const stopped = AbortSignal.any([signal, stop.signal]);
  const pool = new BrowserPool(() => launchFreshBrowser(settings.browser), settings.concurrency, sites.length);
  let launchFailures = 0;
  let next = 0;

  async function attempt(site: SiteEntry): Promise<VisitOutcome> {
    let browser: FreshBrowser;
    try {
      browser = await pool.take();
      launchFailures = 0;
    } catch (error) {
      const message = `the browser did not start: ${(error as Error).message.split('\n')[0]}`;
      if (++launchFailures >= LAUNCH_FAILURES_TO_STOP) {
        result.fatal = `Chromium failed to start ${launchFailures} times in a row (${message})`;
        stop.abort();
      }
      return { kind: 'broken', error: message };
    }
    try {
      const outcome = await visitSite(browser, site.url, { waitMs: settings.waitMs, timeoutMs: settings.timeoutMs, lang: settings.lang, signal: stopped });
      if (outcome.kind === 'audited') {
        const key = siteKey(site.url);
        const report = siteReportHtml(outcome.audit, { browser: browser.browserName, extensionVersion: settings.extensionVersion }, settings.lang);
        // The same bytes `vigie score` prints for an audit.
        await results.save(key, auditedRow(site, key, outcome.audit), { audit: JSON.stringify(outcome.audit, null, 2) + '\n', report });
      } else if (outcome.kind === 'failed') {
        await results.save(siteKey(site.url), failedRow(site, outcome.error, outcome.finalUrl));
      }
      return outcome;
    } finally {
      pool.release(browser);
    }
  }

  async function worker(): Promise<void> {
    while (!stopped.aborted && next < sites.length) {
      const site = sites[next++]!;
      progress.siteStarted();
      let outcome: VisitOutcome | undefined;
      try {
        for (let i = 1; i <= ATTEMPTS && !stopped.aborted; i++) {
          outcome = await attempt(site);
          if (outcome.kind !== 'broken' || i === ATTEMPTS || stopped.aborted) break;
          pool.extend();
          progress.siteDone(site.url, 'retry', `${outcome.error}; trying again in a new browser`);
          progress.siteStarted();
        }
      } catch (error) {
        if (!(error instanceof Aborted)) throw error;
        outcome = undefined;
      }
      if (!outcome) {
        // Interrupted mid-visit: nothing written, the site stays to do.
        progress.siteDone(site.url, 'retry', 'interrupted');
        break;
      }
      if (outcome.kind === 'audited') {
        result.audited++;
        progress.siteDone(site.url, 'audited', `${outcome.audit.score.grade} ${outcome.audit.score.score}/100`);
      } else if (outcome.kind === 'failed') {
        result.failed++;
        progress.siteDone(site.url, 'failed', outcome.error);
      } else {
        result.notDone.push({ url: site.url, error: outcome.error });
        progress.siteDone(site.url, 'failed', `${outcome.error} (not written: a re-run tries again)`);
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, sites.length) }, worker));
  } finally {
    await pool.shutdown();
  }
  return result;
}
