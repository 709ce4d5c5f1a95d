// The recorder's reading of navigation events that arrive out of order (webNavigation and webRequest travel
// separately from the browser to the worker).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadLists } from '../../cli/lists';
import { LiveAudits } from './live-audit';
import { Recorder, type RequestDetails } from './recorder';
import { TabState, type StorageArea } from './tab-state';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const TAB = 7;

function memoryStorage(): StorageArea {
  const items = new Map<string, unknown>();
  return {
    get: () => Promise.resolve(Object.fromEntries(items)),
    set: (more) => {
      for (const [k, v] of Object.entries(more)) items.set(k, v);
      return Promise.resolve();
    },
    remove: (keys) => {
      for (const k of [keys].flat()) items.delete(k);
      return Promise.resolve();
    },
  };
}

const request = (requestId: string, url: string, type: string, timeStamp: number): RequestDetails => ({ requestId, url, type, tabId: TAB, frameId: 0, timeStamp });
const commit = (url: string, timeStamp: number) => ({ tabId: TAB, frameId: 0, url, timeStamp });

describe('Recorder and navigation commits', () => {
  let state: TabState;
  let recorder: Recorder;

  beforeEach(async () => {
    vi.useFakeTimers({ now: T0 });
    state = new TabState(memoryStorage());
    await state.ready;
    const lists = loadLists();
    recorder = new Recorder(state, new LiveAudits(() => lists));
  });
  afterEach(() => vi.useRealTimers());

  it('keeps the first page of a new tab when the tab’s about:blank commit arrives after its request', () => {
    recorder.onBeforeRequest(request('1', 'https://www.lyon.fr/', 'main_frame', T0 + 200));
    recorder.onCommitted(commit('about:blank', T0)); // older than the request: an earlier navigation
    recorder.onCommitted(commit('https://www.lyon.fr/', T0 + 400));
    recorder.onBeforeRequest(request('2', 'https://fonts.googleapis.com/css2?family=X', 'stylesheet', T0 + 500));
    vi.advanceTimersByTime(5_000);
    expect(state.isUnknown(TAB)).toBe(false);
    expect(state.visit(TAB)?.url).toBe('https://www.lyon.fr/');
    expect(state.visit(TAB)?.requests.map((r) => r.url)).toEqual(['https://www.lyon.fr/', 'https://fonts.googleapis.com/css2?family=X']);
  });

  it('keeps the first page of a new tab when the tab’s about:blank commit is reported after the request started', () => {
    recorder.onBeforeRequest(request('1', 'https://www.lyon.fr/', 'main_frame', T0));
    recorder.onCommitted(commit('about:blank', T0 + 50)); // the blank page's navigation ended after the request began
    recorder.onCommitted(commit('https://www.lyon.fr/', T0 + 400));
    recorder.onBeforeRequest(request('2', 'https://fonts.googleapis.com/css2?family=X', 'stylesheet', T0 + 500));
    vi.advanceTimersByTime(5_000);
    expect(state.isUnknown(TAB)).toBe(false);
    expect(state.visit(TAB)?.requests.map((r) => r.url)).toEqual(['https://www.lyon.fr/', 'https://fonts.googleapis.com/css2?family=X']);
  });

  it('ends the visit when the tab leaves the web, and says "reload" for a page shown without a request', () => {
    recorder.onBeforeRequest(request('1', 'https://www.lyon.fr/', 'main_frame', T0));
    recorder.onCommitted(commit('https://www.lyon.fr/', T0 + 100));
    recorder.onCommitted(commit('about:blank', T0 + 1_000)); // a newer navigation away from the web
    expect(state.visit(TAB)).toBeUndefined();

    // A page restored from the back/forward cache commits with no request before or soon after it.
    recorder.onCommitted(commit('https://www.lyon.fr/', T0 + 2_000));
    expect(state.isUnknown(TAB)).toBe(false); // the request may still come (Firefox sends it after the commit)
    vi.advanceTimersByTime(5_000);
    expect(state.isUnknown(TAB)).toBe(true);
  });

  it('does not mark a new page "reload" for an earlier commit left unexplained', () => {
    recorder.onCommitted(commit('https://www.paris.fr/', T0)); // restored from cache, say
    recorder.onBeforeRequest(request('1', 'https://www.lyon.fr/', 'main_frame', T0 + 300));
    recorder.onCommitted(commit('https://www.lyon.fr/', T0 + 400));
    vi.advanceTimersByTime(5_000);
    expect(state.isUnknown(TAB)).toBe(false);
    expect(state.visit(TAB)?.url).toBe('https://www.lyon.fr/');
  });

  it('expects its own commit from a new load of a page whose earlier commit came without its request', () => {
    recorder.onCommitted(commit('https://www.lyon.fr/', T0)); // its request was missed (Vigie was starting)
    recorder.onBeforeRequest(request('1', 'https://www.lyon.fr/', 'main_frame', T0 + 300)); // loaded again
    recorder.onCommitted(commit('https://www.lyon.fr/', T0 + 400));
    vi.advanceTimersByTime(5_000);
    expect(state.isUnknown(TAB)).toBe(false);
    expect(state.visit(TAB)?.url).toBe('https://www.lyon.fr/');
  });

  it('accepts a request that comes after its commit (Firefox)', () => {
    recorder.onCommitted(commit('https://www.lyon.fr/#top', T0 + 100));
    recorder.onBeforeRequest(request('1', 'https://www.lyon.fr/', 'main_frame', T0));
    vi.advanceTimersByTime(5_000);
    expect(state.isUnknown(TAB)).toBe(false);
    expect(state.visit(TAB)?.url).toBe('https://www.lyon.fr/');
  });
});

describe('Recorder and cookies written into a site’s own jar', () => {
  it('adds a cookie to the visits of its site only, whatever its domain attribute says', async () => {
    const state = new TabState(memoryStorage());
    await state.ready;
    const lists = loadLists();
    const recorder = new Recorder(state, new LiveAudits(() => lists));
    const open = (tabId: number, url: string) => recorder.onBeforeRequest({ requestId: `m${tabId}`, url, type: 'main_frame', tabId, frameId: 0, timeStamp: T0 });
    open(1, 'https://www.lyon.fr/');
    open(2, 'https://www.paris.fr/agenda');
    open(3, 'https://mairie.lyon.fr/');
    const siteOf = (host: string) => host.split('.').slice(-2).join('.');
    const set = (name: string, domain: string) => recorder.onCookieChanged({ removed: false, cookie: { name, domain, expirationDate: T0 / 1000 + 3600 } }, siteOf);
    set('_ga', '.lyon.fr');
    set('_fbp', 'www.paris.fr');
    set('NID', '.google.com');
    recorder.onCookieChanged({ removed: true, cookie: { name: '_gid', domain: '.lyon.fr' } }, siteOf);
    set('_ga', '.lyon.fr'); // written again: still one cookie
    const names = (tabId: number) => state.visit(tabId)!.jarCookies.map((c) => c.name);
    expect(names(1)).toEqual(['_ga']);
    expect(names(2)).toEqual(['_fbp']);
    expect(names(3)).toEqual(['_ga']);
  });
});
