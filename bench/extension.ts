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

/**
 * Opens the page in `TABS` new tabs of each browser, all kept open, one browser after the other tab by tab, so
 * that both see the machine in the same state; returns the CPU each one's extension service worker used.
 */
async function busyTabs(sessions: ChromiumSession[], url: string): Promise<number[]> {
  const before = sessions.map((s) => extensionWorkerCpuMs(s.profileDir));
  for (let i = 0; i < TABS; i++) for (const session of sessions) await loadTime(await session.newPage(), url);
  // The batched writes, badge refreshes and history saves that follow the last loads.
  await new Promise((r) => setTimeout(r, 5_000));
  return sessions.map((s, i) => extensionWorkerCpuMs(s.profileDir) - before[i]!);
}

export async function benchExtension(): Promise<Figure[]> {
  const server = await startFixtureServer();
  const url = SITES.toulouse300.url;
  const reference = await writeListeningExtension();
  const requestsOnly = await writeListeningExtension({ requestsOnly: true });
  const without = await launchChromium({ port: server.port });
  const starts = await launchChromium({ port: server.port, extensionDir: requestsOnly });
  const listening = await launchChromium({ port: server.port, extensionDir: reference });
  const withExtension = await launchChromium({ port: server.port, extensionDir: extensionBuildDir('chrome-mv3') });
  try {
    const plain = await without.newPage();
    const started = await starts.newPage();
    const listened = await listening.newPage();
    const audited = await withExtension.newPage();
    // Warm-up: certificates, connection pools, the extensions' first load.
    for (const page of [plain, started, listened, audited]) await loadTime(page, url);
    const a: number[] = [];
    const r: number[] = [];
    const l: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      a.push(await loadTime(plain, url));
      r.push(await loadTime(started, url));
      l.push(await loadTime(listened, url));
      b.push(await loadTime(audited, url));
    }
    await without.close();
    await starts.close();
    const ratio = median(b) / median(a);

    // 50 tabs of the same page in each browser.
    const listeningCount = () => listening.serviceWorker!.evaluate(() => (globalThis as unknown as { requestsObserved: number }).requestsObserved);
    const countBefore = await listeningCount();
    const before = await stats(withExtension);
    const [listeningCpu, vigieCpu] = (await busyTabs([listening, withExtension], url)) as [number, number];
    const listeningRequests = (await listeningCount()) - countBefore;
    const requests = (await stats(withExtension)).requestsObserved - before.requestsObserved;
    await listening.close();
    const heap = await workerHeapBytes(withExtension.context, audited);
    const perRequest = (ms: number, n: number) => (ms * 1000) / n;
    const own = perRequest(vigieCpu, requests) - perRequest(listeningCpu, listeningRequests);
    const figures: Figure[] = [
      { name: `page load, ${SITES.toulouse300.thirdPartyRequests} third-party requests, without Vigie (ms, median)`, value: median(a).toFixed(0) },
      { name: 'page load with Vigie (ms, median)', value: median(b).toFixed(0) },
      { name: 'page load with / without Vigie', value: `${ratio.toFixed(3)}×`, target: '≤ 1.05×', ok: ratio <= 1.05 },
      { name: 'page load with a listen-only extension / without', value: `${(median(l) / median(a)).toFixed(3)}×` },
      { name: 'page load with Vigie / with the listen-only extension', value: `${(median(b) / median(l)).toFixed(3)}×` },
      { name: 'page load, listening to request starts only / without', value: `${(median(r) / median(a)).toFixed(3)}×` },
      { name: 'requests observed by the background', value: String(requests) },
      { name: 'worker CPU per request, listen-only extension (µs)', value: perRequest(listeningCpu, listeningRequests).toFixed(1) },
      { name: 'worker CPU per request, Vigie (µs)', value: perRequest(vigieCpu, requests).toFixed(1) },
      { name: "background work per observed request: Vigie's own CPU (µs)", value: own.toFixed(1), target: '< 20 µs', ok: own < 20 },
      { name: `service worker heap after ${TABS} tabs of that page (MB)`, value: (heap / 1024 / 1024).toFixed(1), target: '< 50 MB', ok: heap < 50 * 1024 * 1024 },
    ];
    printFigures('Extension (issue 3)', figures);
    return figures;
  } finally {
    await without.close().catch(() => undefined);
    await starts.close().catch(() => undefined);
    await listening.close().catch(() => undefined);
    await withExtension.close();
    await server.close();
    await rm(reference, { recursive: true, force: true });
    await rm(requestsOnly, { recursive: true, force: true });
  }
}
