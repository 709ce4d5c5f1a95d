// One site in one fresh browser: open it with no interaction, let it run for the observation window after the
// load event, then take the audit the extension recorded. The outcome says whose fault a failure is: the site's
// (a row with its reason) or the browser's (not written, so a re-run tries again).
import type { Audit } from '../../utils/audit';
import type { Lang } from '../../utils/texts';
import { isBrowserGone, isHtml, navigationFailure } from './failure-reason';
import type { FreshBrowser } from './fresh-browser';

export type VisitOutcome =
  | { kind: 'audited'; audit: Audit }
  | { kind: 'failed'; error: string; finalUrl: string | null }
  | { kind: 'broken'; error: string };

export interface VisitOptions {
  waitMs: number;
  timeoutMs: number;
  lang: Lang;
  signal: AbortSignal;
}

export class Aborted extends Error {}

/** Waits, or stops early (with Aborted) when the batch is interrupted. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const webUrl = (url: string) => (/^https?:/i.test(url) ? url : null);

export async function visitSite(browser: FreshBrowser, url: string, options: VisitOptions): Promise<VisitOutcome> {
  const { page } = browser;
  try {
    // The background may have gone idle while this browser waited its turn: wake it before the first request.
    await browser.ready();
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
    } catch (error) {
      if (options.signal.aborted) throw new Aborted();
      if (isBrowserGone(error)) return { kind: 'broken', error: 'the browser closed during the visit' };
      return { kind: 'failed', error: navigationFailure(error, options.timeoutMs / 1000), finalUrl: webUrl(page.url()) };
    }
    if (!response) return { kind: 'failed', error: 'no response for the page', finalUrl: webUrl(page.url()) };
    const finalUrl = response.url();
    if (response.status() >= 400) return { kind: 'failed', error: `HTTP ${response.status()}`, finalUrl };
    // What the browser made of the response (it sniffs when the header is missing or vague).
    const contentType = await page.evaluate(() => document.contentType).catch(() => response.headers()['content-type'] ?? '');
    if (!isHtml(contentType)) return { kind: 'failed', error: `not HTML (${contentType || 'no content type'})`, finalUrl };

    await sleep(options.waitMs, options.signal);

    const reply = await browser.tabReply(options.lang);
    if (reply.status === 'audited') return { kind: 'audited', audit: reply.audit };
    const now = page.url();
    if (!webUrl(now)) return { kind: 'failed', error: `the page navigated away from the web (${now.slice(0, 60)})`, finalUrl };
    return { kind: 'broken', error: `the extension recorded nothing for the page (${reply.status})` };
  } catch (error) {
    if (error instanceof Aborted || options.signal.aborted) throw new Aborted();
    return { kind: 'broken', error: isBrowserGone(error) ? 'the browser closed during the visit' : (error as Error).message.split('\n')[0]! };
  }
}
