// The few raw WebDriver BiDi calls the Firefox launcher needs where puppeteer's Page API stops short.
//
// Why: puppeteer's page.goto() never resolves for moz-extension:// and about: documents (Firefox loads them in
// another process and puppeteer waits for navigation events it does not get; it reports "Navigation timeout" or
// "Frame detached"). The BiDi command browsingContext.navigate itself works, and once the document is loaded
// puppeteer's evaluate/$/waitForSelector run in it normally. So we send that one command ourselves, on the
// session puppeteer already holds (a second BiDi session is not allowed).
import type { Browser, Page } from 'puppeteer-core';

interface BidiSender {
  send(method: string, params: object): Promise<{ result?: unknown }>;
}

function bidiConnection(browser: Browser): BidiSender {
  // BidiBrowser.connection: public on the class, absent from the abstract Browser type.
  const connection = (browser as unknown as { connection?: BidiSender }).connection;
  if (!connection || typeof connection.send !== 'function') {
    throw new Error('Firefox session has no WebDriver BiDi connection (puppeteer-core changed? launch with protocol webDriverBiDi)');
  }
  return connection;
}

/** BiDi browsing context id of a page's top frame. */
export function bidiContextId(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new Error('cannot find the BiDi browsing context of this page (puppeteer-core internals changed)');
  return id;
}

/** Navigates a tab with BiDi directly and waits for its load event. */
export async function bidiNavigate(browser: Browser, page: Page, url: string): Promise<void> {
  await bidiConnection(browser).send('browsingContext.navigate', { context: bidiContextId(page), url, wait: 'complete' });
}

/**
 * moz-extension://<uuid>/ of an installed add-on. The UUID is random per profile and not exposed to WebDriver;
 * about:debugging lists it next to the add-on id (its "Manifest URL" link), and BiDi can open about:debugging
 * and read its DOM. Polls because the page fills its list asynchronously.
 */
export async function findExtensionBaseUrl(browser: Browser, extensionId: string, timeoutMs = 10_000): Promise<string> {
  const page = await browser.newPage();
  try {
    await bidiNavigate(browser, page, 'about:debugging#/runtime/this-firefox');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const href = await page
        .evaluate((id: string) => {
          for (const item of document.querySelectorAll('.qa-debug-target-item')) {
            const fields = [...item.querySelectorAll('dd')].map((dd) => dd.textContent?.trim());
            if (!fields.includes(id)) continue;
            return item.querySelector<HTMLAnchorElement>('a.qa-manifest-url')?.href ?? null;
          }
          return null;
        }, extensionId)
        .catch(() => null);
      const match = href ? /^(moz-extension:\/\/[0-9a-f-]{36}\/)/.exec(href) : null;
      if (match) return match[1]!;
      if (Date.now() > deadline) throw new Error(`about:debugging does not list the add-on ${extensionId}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}
