// Saves page visits into the history. While a visit runs its entry is kept up to date (written once the page has
// been quiet for a moment, keyed by the visit id, so a crash loses at most the last seconds); when it ends (a new
// page in the tab, the tab closed) its last state is written at once and the history is trimmed to its retention
// setting. The audit is asked for only when it is written: a busy page changes many times between two writes.
import type { Audit } from '../../utils/audit';
import { historyEntry, visitId, type HistoryEntry } from '../../components/history';

/** A visit is written once it has not changed for this long: a page's burst of requests makes one write… */
export const SAVE_QUIET_MS = 2_000;
/** …and a page that never goes quiet (a live feed, polling) is written at least this often. */
export const SAVE_AT_MOST_MS = 10_000;

export interface HistorySink {
  save(entry: HistoryEntry, audit: Audit): Promise<void>;
  prune(days: number): Promise<unknown>;
}

export interface HistoryOptions {
  /** Current retention in days (0: history off). */
  days(): number;
  /** Private-browsing tabs are never written to the history. */
  isPrivate(tabId: number): Promise<boolean>;
}

interface Tracked {
  id: string;
  startedAt: number;
  /** Gives the visit's audit as it stands, when there is something not yet written. */
  audit: (() => Audit) | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** When the oldest change not yet written came (epoch ms), or null. */
  changedSince: number | null;
  private: Promise<boolean>;
}

export class HistoryRecorder {
  private readonly tabs = new Map<number, Tracked>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: HistorySink,
    private readonly options: HistoryOptions,
  ) {}

  /** The tab's visit at `pageUrl` changed; `audit` gives its audit. A different visit id means the previous visit ended. */
  update(tabId: number, startedAt: number, pageUrl: string, audit: () => Audit): void {
    // Only web pages are browsing history (a blob: download in a tab, for one, starts a main-frame request too).
    if (!/^https?:\/\//i.test(pageUrl)) return;
    const id = visitId(tabId, startedAt);
    let tracked = this.tabs.get(tabId);
    if (tracked && tracked.id !== id) {
      this.end(tabId);
      tracked = undefined;
    }
    if (!tracked) {
      tracked = { id, startedAt, audit: null, timer: null, changedSince: null, private: this.options.isPrivate(tabId).catch(() => false) };
      this.tabs.set(tabId, tracked);
    }
    tracked.audit = audit;
    const now = Date.now();
    const since = (tracked.changedSince ??= now);
    if (tracked.timer) clearTimeout(tracked.timer);
    const t = tracked;
    t.timer = setTimeout(
      () => {
        t.timer = null;
        this.write(t);
      },
      Math.min(SAVE_QUIET_MS, since + SAVE_AT_MOST_MS - now),
    );
  }

  /** The tab's visit is over: its last audit is written now, then the history is trimmed. */
  end(tabId: number): void {
    const tracked = this.tabs.get(tabId);
    if (!tracked) return;
    this.tabs.delete(tabId);
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.timer = null;
    this.write(tracked);
    this.queue(async () => {
      await this.sink.prune(this.options.days());
    });
  }

  /** Resolves when every write asked for so far is done (tests, and a page that must see the entry). */
  settled(): Promise<void> {
    return this.writes;
  }

  private write(tracked: Tracked): void {
    const make = tracked.audit;
    if (!make) return;
    tracked.audit = null;
    tracked.changedSince = null;
    // With the history off, the audit in words is not even made (the badge needs only the grade).
    if (this.options.days() === 0) return;
    const audit = make();
    this.queue(async () => {
      if (await tracked.private) return;
      await this.sink.save(historyEntry(tracked.id, tracked.startedAt, audit), audit);
    });
  }

  /** Writes run one after another, in the order asked: an older state never overwrites a newer one. */
  private queue(work: () => Promise<void>): void {
    this.writes = this.writes.then(work).catch((error: unknown) => {
      // A full disk or a closing browser: the audit in the tab is unaffected, the next save retries.
      console.warn('Vigie: could not save to the history', error);
    });
  }
}
