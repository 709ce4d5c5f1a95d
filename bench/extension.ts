// Extension benchmarks (issue 3), in real Chromium with the built extension: page load with and without it,
// background work per observed request, and the service worker's memory after 50 busy tabs.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../tests/e2e/support/chromium';
import { extensionBuildDir } from '../tests/e2e/support/extension-build';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { SITES } from '../tests/e2e/sites/manifest';
import type { Stats } from '../entrypoints/background/messages';
import { median, printFigures, type Figure } from './measure';

const LOAD_ROUNDS = 9;
const TABS = 50;

/** Load time of a page as the page itself measured it (navigation start to the end of the load event). */
async function loadTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return nav!.loadEventEnd - nav!.startTime;
  });
}

/** The JS heap of the extension's service worker, through CDP (performance.memory does not exist in workers). */
async function workerHeapBytes(context: BrowserContext, page: Page): Promise<number> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker target');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
  const answer = new Promise<number>((resolve) => {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
      if (event.sessionId === sessionId && message.id === 2) resolve(message.result!.usedSize);
    });
  });
  // Collect garbage first so the figure is what the worker holds, not what it has not freed yet.
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) });
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }) });
  const used = await answer;
  await cdp.detach();
  return used;
}

function stats(session: ChromiumSession): Promise<Stats> {
  return session.evaluateInExtension(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<Stats> } } }).chrome.runtime.sendMessage({
      type: 'vigie/stats',
    }),
  );
}

export async function benchExtension(): Promise<Figure[]> {
  const server = await startFixtureServer();
  const url = SITES.toulouse300.url;
  const without = await launchChromium({ port: server.port });
  const withExtension = await launchChromium({ port: server.port, extensionDir: extensionBuildDir('chrome-mv3') });
  try {
    const plain = await without.newPage();
    const audited = await withExtension.newPage();
    // Warm-up: certificates, connection pools, the extension's first load.
    await loadTime(plain, url);
    await loadTime(audited, url);
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      a.push(await loadTime(plain, url));
      b.push(await loadTime(audited, url));
    }
    await without.close();
    const ratio = median(b) / median(a);

    // 50 tabs of the same page, all kept open, then the worker's heap and the work per request.
    for (let i = 0; i < TABS - 1; i++) await loadTime(await withExtension.newPage(), url);
    await new Promise((r) => setTimeout(r, 2_000));
    const s = await stats(withExtension);
    const heap = await workerHeapBytes(withExtension.context, audited);
    const figures: Figure[] = [
      { name: `page load, ${SITES.toulouse300.thirdPartyRequests} third-party requests, without Vigie (ms, median)`, value: median(a).toFixed(0) },
      { name: 'page load with Vigie (ms, median)', value: median(b).toFixed(0) },
      { name: 'page load with / without Vigie', value: `${ratio.toFixed(3)}×`, target: '≤ 1.05×', ok: ratio <= 1.05 },
      { name: 'requests observed by the background', value: String(s.requestsObserved) },
      {
        name: 'background work per observed request (µs)',
        value: ((s.workMs * 1000) / s.requestsObserved).toFixed(1),
        target: '< 20 µs',
        ok: (s.workMs * 1000) / s.requestsObserved < 20,
      },
      { name: `service worker heap after ${TABS} tabs of that page (MB)`, value: (heap / 1024 / 1024).toFixed(1), target: '< 50 MB', ok: heap < 50 * 1024 * 1024 },
    ];
    printFigures('Extension (issue 3)', figures);
    return figures;
  } finally {
    await without.close().catch(() => undefined);
    await withExtension.close();
    await server.close();
  }
}
