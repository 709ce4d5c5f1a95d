// A HAR file (HTTP Archive 1.2, as any browser's developer tools export it) turned into the observation log of
// one page visit, so that `vigie score --har` can score a visit recorded elsewhere the way the extension would.
import { parseSetCookie } from '../entrypoints/background/visit';
import type { ObservationLog, ObservedCookie, ObservedRequest, ResourceType } from '../utils/types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Chrome's `_resourceType` (DevTools names) → webRequest's names, which the log uses. */
const DEVTOOLS_TYPES: Record<string, ResourceType> = {
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  media: 'media',
  xhr: 'xmlhttprequest',
  fetch: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  ping: 'ping',
  beacon: 'ping',
  websocket: 'websocket',
  webtransport: 'webtransport',
  'csp-violation-report': 'csp_report',
  texttrack: 'media',
  manifest: 'other',
  wasm: 'other',
  other: 'other',
};

/** The type from the response's MIME type, for exporters without `_resourceType` (Firefox). */
function typeFromMime(mime: string): ResourceType | 'document' {
  const m = mime.toLowerCase().split(';')[0]!.trim();
  if (m === 'text/html' || m === 'application/xhtml+xml') return 'document';
  if (m === 'text/css') return 'stylesheet';
  if (/javascript|ecmascript/.test(m)) return 'script';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('font/') || /font|woff/.test(m)) return 'font';
  if (m.startsWith('audio/') || m.startsWith('video/')) return 'media';
  if (/json|xml|text\/plain/.test(m)) return 'xmlhttprequest';
  return 'other';
}

interface HarEntry {
  url: string;
  /** 'document' until the main document's chain is known. */
  type: ResourceType | 'document';
  start: number;
  status: number;
  redirectUrl: string;
  serverIp: string | null;
  cookies: ObservedCookie[];
}

export type HarResult = { log: ObservationLog; notes: string[] } | { error: string };

function serverIp(value: unknown): string | null {
  const ip = text(value).trim().replace(/^\[(.*)\]$/, '$1');
  return ip || null;
}

/** Cookies the response set: its Set-Cookie headers (as the extension reads them), else the exporter's list. */
function responseCookies(response: Json, start: number): { cookies: ObservedCookie[]; seen: boolean } {
  const headers = Array.isArray(response.headers) ? response.headers.filter(isObject) : [];
  const setCookie = headers.filter((h) => text(h.name).toLowerCase() === 'set-cookie').map((h) => text(h.value));
  if (setCookie.length) return { cookies: setCookie.flatMap((value) => parseSetCookie(value, start)), seen: true };
  const listed = Array.isArray(response.cookies) ? response.cookies.filter(isObject) : [];
  const cookies: ObservedCookie[] = [];
  for (const c of listed) {
    const name = text(c.name);
    if (!name) continue;
    const expires = text(c.expires) ? Date.parse(text(c.expires)) : NaN;
    const expiresIn = Number.isNaN(expires) ? null : Math.round((expires - start) / 1000);
    if (expiresIn !== null && expiresIn <= 0) continue; // a deletion, not a cookie kept
    cookies.push({ name, domain: text(c.domain).toLowerCase(), expiresIn });
  }
  return { cookies, seen: listed.length > 0 };
}

/** Where JSON.parse stopped, as line and column. */
function jsonError(source: string, error: Error): string {
  const endsEarly = /end of JSON input/i.test(error.message);
  const position = endsEarly ? source.length : Number(/position (\d+)/.exec(error.message)?.[1] ?? NaN);
  if (Number.isNaN(position)) return `invalid JSON: ${error.message}`;
  const before = source.slice(0, position);
  const where = `invalid JSON at line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}`;
  return endsEarly ? `${where} (the file ends early: truncated?)` : where;
}

export function harToObservationLog(source: string): HarResult {
  if (!source.trim()) return { error: 'empty file' };
  let value: unknown;
  try {
    value = JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  } catch (error) {
    return { error: jsonError(source, error as Error) };
  }
  const har = isObject(value) && isObject(value.log) ? value.log : null;
  if (!har || !Array.isArray(har.entries)) return { error: 'not a HAR file: no log.entries array' };
  const notes: string[] = [];

  const pages = Array.isArray(har.pages) ? har.pages.filter(isObject) : [];
  const page = pages[0];
  if (pages.length > 1) notes.push(`the HAR holds ${pages.length} pages; the first one (${text(page!.title) || text(page!.id)}) is scored`);
  const raw = har.entries.filter(isObject).filter((e) => !page || pages.length === 1 || e.pageref === page.id);

  let cookiesSeen = false;
  let skipped = 0;
  const entries: HarEntry[] = [];
  for (const e of raw) {
    const request = isObject(e.request) ? e.request : {};
    const response = isObject(e.response) ? e.response : {};
    const url = text(request.url);
    const start = Date.parse(text(e.startedDateTime));
    const devtools = text(e._resourceType).toLowerCase();
    // What the extension never sees: data: and blob: URLs, the browser's own pages, CORS preflights.
    if (!/^(https?|wss?):\/\//i.test(url) || devtools === 'preflight' || Number.isNaN(start)) {
      skipped++;
      continue;
    }
    const mime = isObject(response.content) ? text(response.content.mimeType) : '';
    const type = devtools === 'document' ? 'document' : (DEVTOOLS_TYPES[devtools] ?? typeFromMime(mime));
    const cookies = responseCookies(response, start);
    cookiesSeen ||= cookies.seen;
    entries.push({
      url,
      type,
      start,
      status: typeof response.status === 'number' ? response.status : 0,
      redirectUrl: text(response.redirectURL),
      serverIp: serverIp(e.serverIPAddress),
      cookies: cookies.cookies,
    });
  }
  entries.sort((a, b) => a.start - b.start);
  if (!entries.length) return { error: 'the HAR has no request to score' };

  // The main document: the first document loaded, then each hop of its redirects; other documents are frames.
  const first = entries.find((e) => e.type === 'document') ?? entries[0]!;
  let main = first;
  main.type = 'main_frame';
  for (;;) {
    if (main.status < 300 || main.status > 399 || !main.redirectUrl || !URL.canParse(main.redirectUrl, main.url)) break;
    const target = new URL(main.redirectUrl, main.url).href;
    const hop = entries.find((e) => e.type === 'document' && e.url === target && e.start >= main.start);
    if (!hop) break;
    hop.type = 'main_frame';
    main = hop;
  }
  const pageStart = Math.min(page ? Date.parse(text(page.startedDateTime)) || first.start : first.start, first.start);

  const requests: ObservedRequest[] = entries.map((e) => ({
    url: e.url,
    type: e.type === 'document' ? 'sub_frame' : e.type,
    serverIp: e.serverIp,
    time: Math.max(0, Math.round(e.start - pageStart)),
    // A HAR says nothing of clicks, key presses or scrolls.
    beforeInteraction: true,
    cookies: e.cookies,
  }));
  notes.push('a HAR records no interaction: every request counts as made before interaction');
  if (!cookiesSeen) notes.push('no response cookies in the HAR (some exports leave them out: export with cookies to score them)');
  if (skipped) notes.push(`${skipped} entries left out (not web requests, CORS preflights or without a start time), as the extension would`);

  return {
    log: {
      format: 'vigie.observations/1',
      page: { url: main.url, serverIp: main.serverIp, visitedAt: new Date(pageStart).toISOString() },
      requests,
      firstInteraction: null,
    },
    notes,
  };
}
