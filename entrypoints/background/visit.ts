// One page visit as the recorder keeps it, and how it becomes the engine's observation log. Pure: no browser
// API here, so the folding rules are unit-tested in Node.
import type { ObservationLog, ObservedCookie, ResourceType } from '../../utils/types';

/** Request details kept per visit; past this, identical requests are merged (counts keep growing). */
export const DETAIL_BOUND = 1_000;
/** Long tracking URLs carry nothing the engine needs past this length (host and path prefix decide). */
export const URL_BOUND = 1_000;
/** Cookies seen in the site's jar per visit. */
export const JAR_BOUND = 200;

export interface RecordedRequest {
  url: string;
  type: ResourceType;
  serverIp: string | null;
  /** Milliseconds since navigation start. */
  time: number;
  cookies: ObservedCookie[];
  /** Identical requests merged into this one past DETAIL_BOUND. */
  count?: number;
  /** For merged entries: whether they came before an interaction was known (the merge key needs it). */
  early?: boolean;
}

export interface Visit {
  tabId: number;
  /** The page's URL after redirects; SPA navigations keep the visit and only count. */
  url: string;
  /** Address after the last history-API navigation, when there was one. */
  lastUrl: string | null;
  /** Epoch milliseconds when the main-frame request started. */
  startedAt: number;
  /** webRequest requestId of the main-frame request (redirect hops share it). */
  mainRequestId: string;
  /** Chromium's id of the main document, once committed: late requests of the previous page carry another. */
  documentId: string | null;
  serverIp: string | null;
  firstInteraction: number | null;
  spaNavigations: number;
  requests: RecordedRequest[];
  /** Requests merged past the bound (they are still counted, through `count`). */
  merged: number;
  jarCookies: Array<ObservedCookie & { time: number }>;
  /** Requests of the previous page that arrived after this visit started and were kept out of it. */
  lateRequests: number;
}

export function newVisit(tabId: number, url: string, startedAt: number, mainRequestId: string): Visit {
  return {
    tabId,
    url,
    lastUrl: null,
    startedAt,
    mainRequestId,
    documentId: null,
    serverIp: null,
    firstInteraction: null,
    spaNavigations: 0,
    requests: [],
    merged: 0,
    jarCookies: [],
    lateRequests: 0,
  };
}

function hostOf(url: string): string {
  const start = url.indexOf('//') + 2;
  let end = start;
  while (end < url.length && !'/?#'.includes(url[end]!)) end++;
  return url.slice(start, end);
}

/**
 * Merge targets past the bound, by host, type and interaction state. Kept beside the visit, not in it: the visit
 * is what gets stored, and a restored visit rebuilds this from its entries.
 */
const mergeTargets = new WeakMap<Visit, Map<string, number>>();

function mergeIndex(visit: Visit): Map<string, number> {
  let index = mergeTargets.get(visit);
  if (!index) {
    index = new Map();
    visit.requests.forEach((r, i) => {
      if (r.count !== undefined) index!.set(`${r.early ? 1 : 0} ${r.type} ${hostOf(r.url)}`, i);
    });
    mergeTargets.set(visit, index);
  }
  return index;
}

/** Adds a request; returns its index (where its response details go), or the merged entry's. */
export function addRequest(visit: Visit, url: string, type: ResourceType, at: number): number {
  const time = Math.max(0, Math.round(at - visit.startedAt));
  const stored = url.length > URL_BOUND ? url.slice(0, URL_BOUND) : url;
  if (visit.requests.length < DETAIL_BOUND) {
    return visit.requests.push({ url: stored, type, serverIp: null, time, cookies: [] }) - 1;
  }
  // Past the bound: fold into an entry of the same host, type and interaction state, so what the score reads
  // (who, what kind, before or after consent) stays exact while the paths are no longer kept.
  const early = visit.firstInteraction === null;
  const key = `${early ? 1 : 0} ${type} ${hostOf(stored)}`;
  const index = mergeIndex(visit);
  visit.merged++;
  const target = index.get(key);
  if (target !== undefined) {
    visit.requests[target]!.count!++;
    return target;
  }
  const added = visit.requests.push({ url: stored, type, serverIp: null, time, cookies: [], count: 1, early }) - 1;
  index.set(key, added);
  return added;
}

/** Response details: server IP and the cookies the response set. Returns what the visit did not have yet. */
export function addResponse(
  visit: Visit,
  index: number,
  serverIp: string | null,
  cookies: ObservedCookie[],
): { serverIp: string | null; cookies: ObservedCookie[] } {
  const r = visit.requests[index];
  const added = { serverIp: null as string | null, cookies: [] as ObservedCookie[] };
  if (!r) return added;
  if (serverIp && !r.serverIp) r.serverIp = added.serverIp = serverIp;
  for (const c of cookies) {
    if (r.cookies.some((k) => k.name === c.name && k.domain === c.domain)) continue;
    r.cookies.push(c);
    added.cookies.push(c);
  }
  return added;
}

/** The visitor's first click, key press or scroll (epoch ms); later ones change nothing. */
export function setInteraction(visit: Visit, at: number): boolean {
  const time = Math.max(0, Math.round(at - visit.startedAt));
  if (visit.firstInteraction !== null && visit.firstInteraction <= time) return false;
  visit.firstInteraction = time;
  return true;
}

export function addJarCookie(visit: Visit, cookie: ObservedCookie, at: number): boolean {
  if (visit.jarCookies.some((c) => c.name === cookie.name && c.domain === cookie.domain)) return false;
  if (visit.jarCookies.length >= JAR_BOUND) return false;
  visit.jarCookies.push({ ...cookie, time: Math.max(0, Math.round(at - visit.startedAt)) });
  return true;
}

/** The engine's observation log of this visit. */
export function toObservationLog(visit: Visit, requestsWithoutTab = 0): ObservationLog {
  const interaction = visit.firstInteraction;
  const before = (time: number, early?: boolean) => (early !== undefined ? early : interaction === null || time < interaction);
  return {
    format: 'vigie.observations/1',
    page: { url: visit.url, serverIp: visit.serverIp, visitedAt: new Date(visit.startedAt).toISOString() },
    requests: visit.requests.map((r) => ({
      url: r.url,
      type: r.type,
      serverIp: r.serverIp,
      time: r.time,
      beforeInteraction: before(r.time, r.early),
      cookies: r.cookies,
      ...(r.count !== undefined && r.count > 1 ? { count: r.count } : {}),
    })),
    jarCookies: visit.jarCookies.map(({ time, ...c }) => ({ ...c, beforeInteraction: before(time) })),
    firstInteraction: interaction,
    ...(visit.merged ? { truncated: { requestsDropped: visit.merged } } : {}),
    ...(requestsWithoutTab ? { requestsWithoutTab } : {}),
  };
}

/**
 * Cookies of `Set-Cookie` response headers (Firefox joins several with newlines, Chromium sends one header each):
 * name, Domain attribute, and lifetime in seconds from Max-Age, else Expires against the response time.
 */
export function parseSetCookie(header: string, now: number): ObservedCookie[] {
  const cookies: ObservedCookie[] = [];
  for (const line of header.split('\n')) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
    if (!name) continue;
    let domain = '';
    let maxAge: number | null = null;
    let expires: number | null = null;
    for (const attribute of attributes) {
      const at = attribute.indexOf('=');
      const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
      const value = at < 0 ? '' : attribute.slice(at + 1).trim();
      if (key === 'domain') domain = value.toLowerCase();
      else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
      else if (key === 'expires') {
        const date = Date.parse(value);
        if (!Number.isNaN(date)) expires = Math.round((date - now) / 1000);
      }
    }
    const expiresIn = maxAge ?? expires;
    // A cookie set to expire now is a deletion, not a cookie the site keeps.
    if (expiresIn !== null && expiresIn <= 0) continue;
    cookies.push({ name: name.slice(0, 200), domain, expiresIn });
  }
  return cookies;
}

const TYPE_ALIASES: Record<string, ResourceType> = {
  beacon: 'ping',
  imageset: 'image',
  web_manifest: 'other',
  speculative: 'other',
  xslt: 'other',
  xml_dtd: 'other',
};

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping',
  'csp_report', 'media', 'websocket', 'webtransport', 'webbundle', 'other',
]);

/** Firefox names a few resource types differently; the log uses Chromium's names. */
export function resourceType(type: string): ResourceType {
  return KNOWN_TYPES.has(type) ? (type as ResourceType) : (TYPE_ALIASES[type] ?? 'other');
}

/**
 * Requests as storage keeps them: one JSON string of tuples per chunk (`[url, type, serverIp, time, cookies,
 * count, early]`, cookies as `[name, domain, expiresIn]`). A string crosses into storage as one value, where an
 * array of arrays is converted value by value by the extension bindings, which cost many times the recording.
 */
type PackedRequest = [string, ResourceType, string | null, number, Array<[string, string, number | null]>, number, 0 | 1 | 2];

export function packRequests(requests: readonly RecordedRequest[]): string {
  const tuples = requests.map((r): PackedRequest => [
    r.url,
    r.type,
    r.serverIp,
    r.time,
    r.cookies.map((c) => [c.name, c.domain, c.expiresIn]),
    r.count ?? 0,
    r.early === undefined ? 0 : r.early ? 1 : 2,
  ]);
  return JSON.stringify(tuples);
}

/** Back from storage; anything that is not a well-formed chunk is dropped rather than trusted. */
export function unpackRequests(packed: unknown): RecordedRequest[] {
  let value: unknown;
  try {
    value = typeof packed === 'string' ? JSON.parse(packed) : null;
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: RecordedRequest[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[3] !== 'number') continue;
    const [url, type, serverIp, time, cookies, count, early] = item as PackedRequest;
    out.push({
      url,
      type,
      serverIp,
      time,
      cookies: Array.isArray(cookies) ? cookies.map(([name, domain, expiresIn]) => ({ name, domain, expiresIn })) : [],
      ...(count ? { count } : {}),
      ...(early ? { early: early === 1 } : {}),
    });
  }
  return out;
}
