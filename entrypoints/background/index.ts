// Background: wires browser events to the recorder and the engine. Every listener is registered synchronously
// at start-up (MV3 wakes the worker for them) and only queues its event (event-queue.ts): events are applied in
// batches, once the stored tab state and the lists are back.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registrableDomain } from '../../utils/domains';
import type { Lists } from '../../utils/lists';
import type { Lang } from '../../utils/texts';
import { DEFAULT_SETTINGS, loadSettings, SETTINGS_KEY, readSettings, settingsLang, type Settings } from '../options/settings';
import { REGISTRIES_KEY } from '../options/registries';
import { pruneHistory, saveVisit } from '../report/history-store';
import { Badges } from './badge';
import { HistoryRecorder } from './history';
import { loadLists } from './lists';
import { EventQueue } from './event-queue';
import { readMessage, type Stats, type TabReply } from './messages';
import { LiveAudits } from './live-audit';
import { ALARM as REPORT_ALARM, OBSERVATION_WINDOW_MS, Reporter } from './reporter';
import { visitId } from '../../components/history';
import { ALL_URLS, Recorder, responseInfoSpec, type RequestDetails } from './recorder';
import { TabState } from './tab-state';
import { DETAIL_BOUND, type Visit } from './visit';

const REFRESH_EVERY_MS = 1_000;

export default defineBackground(() => {
  const state = new TabState(browser.storage.session);
  let lists: Lists | null = null;
  const audits = new LiveAudits(() => lists);
  const recorder = new Recorder(state, audits);
  let settings: Settings = DEFAULT_SETTINGS;
  const ready = Promise.all([
    state.ready,
    loadLists().then((l) => (lists = l)),
    loadSettings(browser.storage.local).then((s) => (settings = s)),
  ]).then(() => undefined);
  const stats: Stats = { requestsObserved: 0, requestsWithoutTab: 0, tabs: 0 };
  const badges = new Badges((grade, score, thirdParties) => browser.i18n.getMessage('badgeTitle', [grade, String(score), String(thirdParties)]));
  const events = new EventQueue();
  /** Queues work that must come after the events already queued (and after the restore). */
  const later = (work: () => void) => events.push(call, work);
  void ready.then(() => events.start());

  const reporter = new Reporter({
    enabled: () => settings.reporting.enabled,
    collector: () => settings.reporting.collector,
    client: async () => ({
      extension: browser.runtime.getManifest().version,
      engine: import.meta.env.FIREFOX ? 'gecko' : 'chromium',
      major: await browserMajor(),
    }),
    // Alarms outlive a stopped service worker; Chromium may round `when` up to its minimum delay.
    wakeAt: (when) => void browser.alarms.create(REPORT_ALARM, { when: Math.max(when, Date.now() + 1_000) }),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    random: () => Math.random(),
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REPORT_ALARM) later(() => void reporter.wake());
  });

  const history = new HistoryRecorder(
    { save: saveVisit, prune: pruneHistory },
    { days: () => settings.historyDays, isPrivate: (tabId) => browser.tabs.get(tabId).then((tab) => tab.incognito) },
  );
  // Saved audits are written in the language the person reads Vigie in.
  const uiLanguage = browser.i18n.getUILanguage(); // fixed for the browser's session
  const auditLang = (): Lang => settingsLang(settings, uiLanguage);
  const auditOf = (visit: Visit, lang: Lang) => audits.audit(visit, lang);

  /**
   * Badge and history follow each tab's audit, at most once a second per tab (a busy page changes every few
   * milliseconds; reading its audit is cheap but not free), always ending on the latest state. The badge needs
   * only the grade; the audit in words is made when the history writes it.
   */
  const lastRefresh = new Map<number, number>();
  const refreshTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const refresh = (tabId: number) => {
    refreshTimers.delete(tabId);
    lastRefresh.set(tabId, performance.now());
    const visit = state.visit(tabId);
    if (!visit) {
      lastRefresh.delete(tabId);
      audits.forget(tabId);
      history.end(tabId);
      badges.clear(tabId, browser.i18n.getMessage(state.isUnknown(tabId) ? 'badgeReload' : 'badgeIdle'));
      return;
    }
    // The history is told first: a new visit ends the previous one, whose audit is then still at hand.
    history.update(tabId, visit.startedAt, visit.url, () => auditOf(visit, auditLang()));
    const { score, grade, thirdParties, publicSector } = audits.badge(visit);
    if (settings.reporting.enabled && publicSector) {
      // Reported once observed for the whole window; a quiet page is looked at again when the window ends.
      const age = Date.now() - visit.startedAt;
      if (age >= OBSERVATION_WINDOW_MS) void reporter.consider(visitId(tabId, visit.startedAt), auditOf(visit, auditLang()));
      else if (!refreshTimers.has(tabId)) refreshTimers.set(tabId, setTimeout(() => refresh(tabId), OBSERVATION_WINDOW_MS - age + 50));
    }
    badges.show(tabId, grade, score, thirdParties);
  };
  state.onFlushed = (tabIds) => {
    for (const tabId of tabIds) {
      if (refreshTimers.has(tabId)) continue;
      const wait = REFRESH_EVERY_MS - (performance.now() - (lastRefresh.get(tabId) ?? -Infinity));
      if (wait <= 0 || !state.visit(tabId)) refresh(tabId);
      else refreshTimers.set(tabId, setTimeout(() => refresh(tabId), wait));
    }
  };

  // The recorder's handlers, made once: a listener queues the details the browser gave with one of them.
  const onBeforeRequest = (d: RequestDetails) => {
    stats.requestsObserved++;
    recorder.onBeforeRequest(d);
  };
  const onResponseStarted = recorder.onResponseStarted.bind(recorder);
  const onRedirect = recorder.onRedirect.bind(recorder);
  const onFinished = recorder.onFinished.bind(recorder);
  const onCommitted = recorder.onCommitted.bind(recorder);
  const onHistoryStateUpdated = recorder.onHistoryStateUpdated.bind(recorder);
  const siteOf = (host: string) => registrableDomain(host, lists!.publicSector);
  const onCookieChanged = (change: Parameters<Recorder['onCookieChanged']>[0]) => recorder.onCookieChanged(change, siteOf);

  browser.webRequest.onBeforeRequest.addListener((d) => {
    events.push(onBeforeRequest, d as RequestDetails);
    return undefined; // observe only: never block or change a request
  }, ALL_URLS);
  browser.webRequest.onResponseStarted.addListener((d) => events.push(onResponseStarted, d as RequestDetails), ALL_URLS, responseInfoSpec() as never);
  browser.webRequest.onBeforeRedirect.addListener((d) => events.push(onRedirect, d as RequestDetails), ALL_URLS);
  browser.webRequest.onErrorOccurred.addListener((d) => events.push(onFinished, d), ALL_URLS);
  browser.webNavigation.onCommitted.addListener((d) => events.push(onCommitted, d as never));
  browser.webNavigation.onHistoryStateUpdated.addListener((d) => events.push(onHistoryStateUpdated, d));
  browser.tabs.onRemoved.addListener((tabId) =>
    later(() => {
      state.remove(tabId);
      history.end(tabId);
    }),
  );
  browser.tabs.onReplaced.addListener((added, removed) => later(() => state.replace(removed, added)));
  browser.cookies.onChanged.addListener((change) => events.push(onCookieChanged, change));

  // The options page changed a setting or the imported public-body registries.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes[SETTINGS_KEY]) {
      later(() => {
        const before = settings;
        settings = readSettings(changes[SETTINGS_KEY]!.newValue);
        if (settings.historyDays !== before.historyDays) void pruneHistory(settings.historyDays).catch(() => {});
        if (before.reporting.enabled && !settings.reporting.enabled) void reporter.disable();
      });
    }
    if (changes[REGISTRIES_KEY]) {
      later(() => {
        void loadLists().then((l) => (lists = l));
      });
    }
  });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const message = readMessage(raw);
    if (!message) return false;
    if (message.type === 'vigie/interaction') {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      later(() => recorder.onInteraction(tabId, message.at));
      return false;
    }
    // Readers wait for the restored state, and see every event queued so far: a popup never shows an empty
    // list because the worker just woke up, nor one a batch behind.
    void ready.then(() => {
      events.drain();
      if (message.type === 'vigie/report-now') {
        void reporter.wake(true).then(() => sendResponse({ done: true }));
        return;
      }
      if (message.type === 'vigie/stats') {
        sendResponse({
          ...stats,
          requestsWithoutTab: state.counters.requestsWithoutTab,
          tabs: state.tabIds().length,
        } satisfies Stats);
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

  // Pages already open when Vigie starts were loaded without it: they say "reload to audit". And the history
  // is trimmed to its retention (days pass while the browser is closed).
  void ready.then(async () => {
    void pruneHistory(settings.historyDays).catch(() => {});
    void reporter.wake(); // reports queued before the worker stopped
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && /^https?:/.test(tab.url ?? '') && !state.visit(tab.id) && !state.isUnknown(tab.id)) {
        state.markUnknown(tab.id);
      }
    }
  });
});

/** The handler of work queued with `later`: the work itself. */
function call(work: () => void): void {
  work();
}

/** The browser's major version, the only detail of it a report carries (no user-agent string). */
async function browserMajor(): Promise<number> {
  const info = (browser.runtime as unknown as { getBrowserInfo?: () => Promise<{ version: string }> }).getBrowserInfo;
  const version = info ? (await info()).version : (/Chrom(?:e|ium)\/(\d+)/.exec(navigator.userAgent)?.[1] ?? '0');
  return Number.parseInt(version, 10) || 0;
}
