// Per-tab visits, kept in storage.session so that a stopped service worker (MV3) loses nothing: each visit is
// stored under a versioned key as a small head and chunks of requests, and only what changed is written, in
// batches a fraction of a second apart.
import { packRequests, unpackRequests, type Visit } from './visit';

/** Bump when the stored shape changes; older keys are then dropped at start-up (a session is short-lived). */
export const STATE_VERSION = 3;
const PREFIX = `vigie.v${STATE_VERSION}.`;
/** Small chunks: a response updates a request written moments ago, and its whole chunk is written again. */
const CHUNK = 25;
/**
 * Batches of a second: each write is serialised for storage, which costs far more than recording, and a worker
 * that Chromium stops for being idle (30 s without events) has written everything long before.
 */
const FLUSH_DELAY_MS = 1_000;

/** The part of a storage area this module needs (storage.session in the extension). */
export interface StorageArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

type Head = Omit<Visit, 'requests'> & { chunks: number };

interface Counters {
  requestsWithoutTab: number;
}

export class TabState {
  private readonly visits = new Map<number, Visit>();
  /** Tabs whose page was already loaded when Vigie started, or came back from the back/forward cache. */
  private readonly unknown = new Set<number>();
  private readonly dirtyHeads = new Set<number>();
  private readonly dirtyChunks = new Map<number, Set<number>>();
  private readonly staleKeys = new Set<string>();
  /** Tabs whose visit changed, started, ended or became unknown since the last flush (the badge follows). */
  private readonly touched = new Set<number>();
  private countersDirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  readonly counters: Counters = { requestsWithoutTab: 0 };
  /** Resolves once the stored state is back; events before that wait for it (see index.ts). */
  readonly ready: Promise<void>;
  /** Called after each flush with the tabs whose visit changed (the badge follows). */
  onFlushed: (tabIds: number[]) => void = () => {};

  constructor(private readonly storage: StorageArea) {
    this.ready = this.restore();
  }

  private async restore(): Promise<void> {
    const all = await this.storage.get(null);
    const heads = new Map<number, Head>();
    const chunks = new Map<string, unknown>();
    const foreign: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(PREFIX)) {
        if (key.startsWith('vigie.')) foreign.push(key);
        continue;
      }
      const rest = key.slice(PREFIX.length);
      if (rest === 'counters') Object.assign(this.counters, value as Counters);
      else if (rest.startsWith('unknown.')) this.unknown.add(Number(rest.slice(8)));
      else if (/^tab\.\d+$/.test(rest)) heads.set(Number(rest.slice(4)), value as Head);
      else if (/^tab\.\d+\.\d+$/.test(rest)) chunks.set(rest, value);
    }
    for (const [tabId, head] of heads) {
      const { chunks: count, ...visit } = head;
      const requests: Visit['requests'] = [];
      for (let k = 0; k < count; k++) requests.push(...unpackRequests(chunks.get(`tab.${tabId}.${k}`)));
      // Events that arrived while restoring were applied to a fresh visit: keep the newer one.
      if (!this.visits.has(tabId)) this.visits.set(tabId, { ...visit, requests });
    }
    if (foreign.length) await this.storage.remove(foreign);
  }

  visit(tabId: number): Visit | undefined {
    return this.visits.get(tabId);
  }

  isUnknown(tabId: number): boolean {
    return this.unknown.has(tabId) && !this.visits.has(tabId);
  }

  tabIds(): number[] {
    return [...this.visits.keys()];
  }

  /** A new page in the tab: its previous visit and stored chunks go. */
  start(visit: Visit): void {
    const old = this.visits.get(visit.tabId);
    if (old) this.forgetChunks(visit.tabId, Math.ceil(old.requests.length / CHUNK));
    this.visits.set(visit.tabId, visit);
    this.dropUnknown(visit.tabId);
    this.dirtyChunks.delete(visit.tabId);
    this.changed(visit.tabId);
  }

  /** The page in this tab cannot be audited until reloaded (loaded before Vigie ran, or restored from cache). */
  markUnknown(tabId: number): void {
    const old = this.visits.get(tabId);
    if (old) {
      this.forgetChunks(tabId, Math.ceil(old.requests.length / CHUNK));
      this.visits.delete(tabId);
      this.staleKeys.add(`${PREFIX}tab.${tabId}`);
    }
    this.unknown.add(tabId);
    this.dirtyHeads.delete(tabId);
    this.dirtyChunks.delete(tabId);
    this.touched.add(tabId);
    void this.storage.set({ [`${PREFIX}unknown.${tabId}`]: true });
    this.schedule();
  }

  /** The visit's head changed (URL, IP, interaction…), and the request at `index` if given. */
  changed(tabId: number, index?: number): void {
    this.dirtyHeads.add(tabId);
    this.touched.add(tabId);
    if (index !== undefined) {
      let set = this.dirtyChunks.get(tabId);
      if (!set) this.dirtyChunks.set(tabId, (set = new Set()));
      set.add(Math.floor(index / CHUNK));
    }
    this.schedule();
  }

  countWithoutTab(): void {
    this.counters.requestsWithoutTab++;
    this.countersDirty = true;
    this.schedule();
  }

  remove(tabId: number): void {
    const old = this.visits.get(tabId);
    if (old) this.forgetChunks(tabId, Math.ceil(old.requests.length / CHUNK));
    this.visits.delete(tabId);
    this.dirtyHeads.delete(tabId);
    this.dirtyChunks.delete(tabId);
    this.staleKeys.add(`${PREFIX}tab.${tabId}`);
    this.dropUnknown(tabId);
    this.touched.add(tabId);
    this.schedule();
  }

  /** A tab replaced by another (prerendered page swapped in): the visit follows. */
  replace(removedTabId: number, addedTabId: number): void {
    const visit = this.visits.get(removedTabId);
    this.remove(removedTabId);
    if (visit) this.start({ ...visit, tabId: addedTabId });
  }

  /** Writes everything pending now (also used before answering a reader that must see it stored). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private dropUnknown(tabId: number): void {
    if (this.unknown.delete(tabId)) this.staleKeys.add(`${PREFIX}unknown.${tabId}`);
  }

  private forgetChunks(tabId: number, count: number): void {
    for (let k = 0; k < count; k++) this.staleKeys.add(`${PREFIX}tab.${tabId}.${k}`);
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  private async write(): Promise<void> {
    const items: Record<string, unknown> = {};
    const changedTabs = [...this.touched];
    this.touched.clear();
    for (const tabId of this.dirtyHeads) {
      const visit = this.visits.get(tabId);
      if (!visit) continue;
      const { requests, ...head } = visit;
      const chunks = Math.ceil(requests.length / CHUNK);
      items[`${PREFIX}tab.${tabId}`] = { ...head, chunks } satisfies Head;
      for (const k of this.dirtyChunks.get(tabId) ?? []) {
        const key = `${PREFIX}tab.${tabId}.${k}`;
        items[key] = packRequests(requests.slice(k * CHUNK, (k + 1) * CHUNK));
        this.staleKeys.delete(key);
      }
      this.staleKeys.delete(`${PREFIX}tab.${tabId}`);
    }
    if (this.countersDirty) items[`${PREFIX}counters`] = { ...this.counters };
    const stale = [...this.staleKeys];
    this.dirtyHeads.clear();
    this.dirtyChunks.clear();
    this.staleKeys.clear();
    this.countersDirty = false;
    try {
      await Promise.all([stale.length ? this.storage.remove(stale) : undefined, Object.keys(items).length ? this.storage.set(items) : undefined]);
    } catch (error) {
      // Quota or a closing browser: what is in memory stays right; the next change retries the write.
      console.warn('Vigie: could not store tab state', error);
      for (const tabId of changedTabs) {
        const visit = this.visits.get(tabId);
        if (visit) for (let i = 0; i < Math.max(1, visit.requests.length); i += CHUNK) this.changed(tabId, i);
      }
    }
    if (changedTabs.length) this.onFlushed(changedTabs);
  }
}
