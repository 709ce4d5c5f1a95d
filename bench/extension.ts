// Extension benchmarks (issue 3), in real Chromium with the built extension: page load with and without it,
// background work per observed request, and the service worker's memory after 50 busy tabs. A reference
// extension that only listens to the same events is measured beside it: what is left is Vigie's own work.
import { rm } from 'node:fs/promises';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../tests/e2e/support/chromium';
import { extensionBuildDir } from '../tests/e2e/support/extension-build';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { SITES } from '../tests/e2e/sites/manifest';
import type { Stats } from '../entrypoints/background/messages';
import { writeListeningExtension } from './listening-extension';
import { median, printFigures, type Figure } from './measure';
import { extensionWorkerCpuMs } from './proc-cpu';

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

/** Opens the page in `TABS` tabs, all kept open; returns the CPU its extension's service worker used meanwhile. */
async function busyTabs(session: ChromiumSession, url: string, first: Page): Promise<number> {
  const before = extensionWorkerCpuMs();
  await loadTime(first, url);
  for (let i = 1; i < TABS; i++) await loadTime(await session.newPage(), url);
  await new Promise((r) => setTimeout(r, 2_000)); // batched writes and badge refreshes that follow the loads
  return extensionWorkerCpuMs() - before;
}

export async function benchExtension(): Promise<Figure[]> {
  const server = await startFixtureServer();
  const url = SITES.toulouse300.url;
  const reference = await writeListeningExtension();
  const without = await launchChromium({ port: server.port });
  const listening = await launchChromium({ port: server.port, extensionDir: reference });
  const withExtension = await launchChromium({ port: server.port, extensionDir: extensionBuildDir('chrome-mv3') });
  try {
    const plain = await without.newPage();
    const listened = await listening.newPage();
    const audited = await withExtension.newPage();
    // Warm-up: certificates, connection pools, the extensions' first load.
    for (const page of [plain, listened, audited]) await loadTime(page, url);
    const a: number[] = [];
    const l: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      a.push(await loadTime(plain, url));
      l.push(await loadTime(listened, url));
      b.push(await loadTime(audited, url));
    }
    await without.close();
    const ratio = median(b) / median(a);

    // 50 tabs of the same page in each browser in turn (only one is busy at a time, so the CPU read is its own).
    const listeningCount = () => listening.serviceWorker!.evaluate(() => (globalThis as unknown as { requestsObserved: number }).requestsObserved);
    const countBefore = await listeningCount();
    const listeningCpu = await busyTabs(listening, url, listened);
    const listeningRequests = (await listeningCount()) - countBefore;
    await listening.close();
    const before = await stats(withExtension);
    const vigieCpu = await busyTabs(withExtension, url, audited);
    const s = await stats(withExtension);
    const requests = s.requestsObserved - before.requestsObserved;
    const heap = await workerHeapBytes(withExtension.context, audited);
    const perRequest = (ms: number, n: number) => (ms * 1000) / n;
    const own = perRequest(vigieCpu, requests) - perRequest(listeningCpu, listeningRequests);
    const figures: Figure[] = [
      { name: `page load, ${SITES.toulouse300.thirdPartyRequests} third-party requests, without Vigie (ms, median)`, value: median(a).toFixed(0) },
      { name: 'page load with Vigie (ms, median)', value: median(b).toFixed(0) },
      { name: 'page load with / without Vigie', value: `${ratio.toFixed(3)}×`, target: '≤ 1.05×', ok: ratio <= 1.05 },
      { name: 'page load with a listen-only extension / without', value: `${(median(l) / median(a)).toFixed(3)}×` },
      { name: 'requests observed by the background', value: String(requests) },
      { name: 'worker CPU per request, listen-only extension (µs)', value: perRequest(listeningCpu, listeningRequests).toFixed(1) },
      { name: 'worker CPU per request, Vigie (µs)', value: perRequest(vigieCpu, requests).toFixed(1) },
      { name: "background work per observed request: Vigie's own CPU (µs)", value: own.toFixed(1), target: '< 20 µs', ok: own < 20 },
      { name: 'the same, timed inside the worker (wall clock, µs)', value: perRequest(s.workMs - before.workMs, requests).toFixed(1) },
      { name: `service worker heap after ${TABS} tabs of that page (MB)`, value: (heap / 1024 / 1024).toFixed(1), target: '< 50 MB', ok: heap < 50 * 1024 * 1024 },
    ];
    printFigures('Extension (issue 3)', figures);
    return figures;
  } finally {
    await without.close().catch(() => undefined);
    await listening.close().catch(() => undefined);
    await withExtension.close();
    await server.close();
    await rm(reference, { recursive: true, force: true });
  }
}
