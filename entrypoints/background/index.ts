// Background: wires browser events to the recorder and the engine. Every listener is registered synchronously
// at start-up (MV3 wakes the worker for them); work waits until the stored tab state and the lists are back.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { auditLog } from '../../utils/audit';
import { registrableDomain } from '../../utils/domains';
import type { Lists } from '../../utils/lists';
import type { Lang } from '../../utils/texts';
import { clearBadge, showGrade } from './badge';
import { loadLists } from './lists';
import { readMessage, type Stats, type TabReply } from './messages';
import { ALL_URLS, Recorder, responseInfoSpec, type RequestDetails } from './recorder';
import { TabState } from './tab-state';
import { DETAIL_BOUND, setInteraction, toObservationLog, type Visit } from './visit';

export default defineBackground(() => {
  const state = new TabState(browser.storage.session);
  const recorder = new Recorder(state);
  let lists: Lists | null = null;
  const ready = Promise.all([state.ready, loadLists().then((l) => (lists = l))]).then(() => undefined);
  const stats: Stats = { requestsObserved: 0, requestsWithoutTab: 0, workMs: 0, tabs: 0 };

  /** Runs `work` now if the state is back, else in arrival order once it is; times it for the stats. */
  const queue: Array<() => void> = [];
  let isReady = false;
  const timed = (work: () => void) => {
    const start = performance.now();
    try {
      work();
    } catch (error) {
      console.error('Vigie:', error);
    }
    stats.workMs += performance.now() - start;
  };
  const run = (work: () => void): void => {
    if (isReady) timed(work);
    else queue.push(work);
  };
  void ready.then(() => {
    isReady = true;
    for (const work of queue.splice(0)) timed(work);
  });

  const uiLang = (): Lang => (browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en');
  const auditOf = (visit: Visit, lang: Lang) => auditLog(toObservationLog(visit, 0), lists!, { lang });

  state.onFlushed = (tabIds) => {
    run(() => {
      for (const tabId of tabIds) {
        const visit = state.visit(tabId);
        if (!visit) {
          void clearBadge(tabId, browser.i18n.getMessage(state.isUnknown(tabId) ? 'badgeReload' : 'badgeIdle')).catch(() => {});
          continue;
        }
        const { score, thirdParties } = auditOf(visit, uiLang());
        const title = browser.i18n.getMessage('badgeTitle', [score.grade, String(score.score), String(thirdParties.length)]);
        // The tab may be gone by now: a failed badge update is of no consequence.
        void showGrade(tabId, score.grade, title).catch(() => {});
      }
    });
  };

  browser.webRequest.onBeforeRequest.addListener((d) => {
    run(() => {
      stats.requestsObserved++;
      recorder.onBeforeRequest(d as RequestDetails);
    });
    return undefined; // observe only: never block or change a request
  }, ALL_URLS);
  browser.webRequest.onResponseStarted.addListener(
    (d) => run(() => recorder.onResponseStarted(d as RequestDetails)),
    ALL_URLS,
    responseInfoSpec() as never,
  );
  browser.webRequest.onBeforeRedirect.addListener((d) => run(() => recorder.onRedirect(d as RequestDetails)), ALL_URLS);
  browser.webRequest.onCompleted.addListener((d) => run(() => recorder.onFinished(d)), ALL_URLS);
  browser.webRequest.onErrorOccurred.addListener((d) => run(() => recorder.onFinished(d)), ALL_URLS);
  browser.webNavigation.onCommitted.addListener((d) => run(() => recorder.onCommitted(d as never)));
  browser.webNavigation.onHistoryStateUpdated.addListener((d) => run(() => recorder.onHistoryStateUpdated(d)));
  browser.tabs.onRemoved.addListener((tabId) => run(() => state.remove(tabId)));
  browser.tabs.onReplaced.addListener((added, removed) => run(() => state.replace(removed, added)));
  browser.cookies.onChanged.addListener((change) =>
    run(() =>
      recorder.onCookieChanged(change, (visit, domain) => {
        const pageHost = new URL(visit.url).hostname;
        const host = domain.replace(/^\./, '');
        return registrableDomain(host, lists!.publicSector) === registrableDomain(pageHost, lists!.publicSector);
      }),
    ),
  );

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const message = readMessage(raw);
    if (!message) return false;
    if (message.type === 'vigie/interaction') {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      run(() => {
        const visit = state.visit(tabId);
        if (visit && setInteraction(visit, message.at)) state.changed(tabId);
      });
      return false;
    }
    // Readers wait for the restored state: a popup never shows an empty list because the worker just woke up.
    void ready.then(() => {
      if (message.type === 'vigie/stats') {
        sendResponse({ ...stats, requestsWithoutTab: state.counters.requestsWithoutTab, tabs: state.tabIds().length });
        return;
      }
      const visit = state.visit(message.tabId);
      let reply: TabReply;
      if (visit) {
        reply = {
          status: 'audited',
          tabId: message.tabId,
          audit: auditOf(visit, message.lang),
          visit: {
            url: visit.url,
            lastUrl: visit.lastUrl,
            startedAt: visit.startedAt,
            spaNavigations: visit.spaNavigations,
            merged: visit.merged,
            detailBound: DETAIL_BOUND,
            lateRequests: visit.lateRequests,
          },
        };
      } else reply = { status: state.isUnknown(message.tabId) ? 'reload' : 'none', tabId: message.tabId };
      sendResponse(reply);
    });
    return true;
  });

  // Pages already open when Vigie starts were loaded without it: they say "reload to audit".
  void ready.then(async () => {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && /^https?:/.test(tab.url ?? '') && !state.visit(tab.id) && !state.isUnknown(tab.id)) {
        state.markUnknown(tab.id);
      }
    }
  });
});
