// Polling that works in every page, extension pages included.
//
// Why: puppeteer's page.waitForFunction() compiles its predicate with Function() inside the page, which the
// extension pages' Content-Security-Policy forbids in Firefox ("call to Function() blocked by CSP").
// page.evaluate(), $, $$eval and waitForSelector are fine; this helper only repeats page.evaluate().
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

export async function waitInPage<T, A = undefined>(
  page: PlaywrightPage | PuppeteerPage,
  fn: (arg: A) => T | Promise<T>,
  arg?: A,
  { timeoutMs = 10_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const evaluate = page.evaluate.bind(page) as unknown as (f: typeof fn, a: A | undefined) => Promise<T>;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await evaluate(fn, arg);
      if (value) return value as NonNullable<T>;
    } catch (error) {
      // A page still loading may refuse evaluation for a moment.
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`waitInPage: condition not met within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
