// The fixture server: one 127.0.0.1 port that speaks plain HTTP, TLS, and HTTP-proxy (absolute-form and CONNECT),
// serves the fixture sites' files by Host, imitates every other host as a third party, and logs what it was sent.
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer as createHttp2SecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { htmlPage } from './bodies';
import { routeMatches, type FixtureRequest, type FixtureResponse, type FixtureRoute } from './fixture-types';
import { StaticSites } from './static-site';
import { thirdPartyResponse } from './third-party';
import { tlsCertificate } from './tls-certificate';
import { siteRoutes } from '../sites/routes';

export type { FixtureRequest, FixtureResponse, FixtureRoute } from './fixture-types';

export const SITES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sites');

/** How a request reached the server: straight (Chromium's host mapping), as a proxy request, or inside CONNECT. */
export type Via = 'direct' | 'proxy' | 'tunnel';

export interface LoggedRequest {
  /** Arrival order over the whole server. */
  seq: number;
  /** Date.now() at arrival. */
  at: number;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  /** Full URL as the browser meant it (scheme, host, path and query). */
  url: string;
  pathname: string;
  via: Via;
  /** '1.1' or '2.0' (HTTP/2 is offered over TLS, as the real services do). */
  httpVersion: string;
  headers: IncomingHttpHeaders;
  /** Filled in once answered. */
  status?: number;
  /** Names of the cookies the response set. */
  setCookies: string[];
  /**
   * The browser's own traffic rather than a page's (Chromium's account and autofill checks, clock sync, Firefox
   * services): a hint for filtering logs, from the request's shape and a short list of service hosts.
   */
  background: boolean;
}

/** Hosts browsers call for themselves; pages of the fixture sites never do. */
const BROWSER_SERVICE_HOSTS = /^(accounts\.google\.com|clients\d*\.google\.com|content-autofill\.googleapis\.com|update\.googleapis\.com|optimizationguide-pa\.googleapis\.com|safebrowsing\.googleapis\.com|dummy\.test)$|(^|\.)(mozilla\.(com|org|net)|firefox\.com|mozaws\.net)$/;

function isBrowserBackground(host: string, headers: IncomingHttpHeaders): boolean {
  if (headers.referer) return false;
  if (BROWSER_SERVICE_HOSTS.test(host)) return true;
  // Chromium's internal fetches: "user-initiated" (site none) yet not a document.
  return headers['sec-fetch-site'] === 'none' && headers['sec-fetch-dest'] === 'empty';
}

export interface FixtureServerOptions {
  /** Where the sites live (default tests/e2e/sites). */
  sitesDir?: string;
  /** Handler table tried before everything else. */
  routes?: FixtureRoute[];
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * Let browsers cache responses. Off by default: every visit must reach the server so that the request log tells
   * what the browser really sent, even when a test loads the same page twice.
   */
  caching?: boolean;
}

export interface FixtureServer {
  port: number;
  /** Requests in arrival order, all of them or one host's. */
  requests(host?: string): LoggedRequest[];
  /** Hosts seen so far, in order of first request. */
  hosts(): string[];
  /** Requests grouped by host. */
  requestsByHost(): Map<string, LoggedRequest[]>;
  clearLog(): void;
  /** Highest seq so far: pass it as `since` to look only at what comes next. */
  lastSeq(): number;
  /** Waits until every host has at least one request logged after `since`; rejects naming the missing ones. */
  waitForHosts(hosts: Iterable<string>, options?: { since?: number; timeoutMs?: number }): Promise<void>;
  /** Resolves with the first logged request (already there or future) that matches. */
  waitForRequest(match: (request: LoggedRequest) => boolean, timeoutMs?: number): Promise<LoggedRequest>;
  /** Adds a handler at the front of the table; returns a function that removes it. */
  addRoute(route: FixtureRoute): () => void;
  close(): Promise<void>;
}

interface ConnectionInfo {
  scheme: 'http' | 'https';
  via: Via;
  /** CONNECT target host, used when a tunnelled request has no Host header. */
  tunnelHost?: string;
}

const TLS_HANDSHAKE = 0x16;

function hostWithoutPort(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const host = value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : value.replace(/:\d*$/, '');
  return host.toLowerCase() || undefined;
}

function cookieNames(setCookie: string | string[] | undefined): string[] {
  if (!setCookie) return [];
  return (Array.isArray(setCookie) ? setCookie : [setCookie]).map((line) => line.slice(0, line.indexOf('=')).trim());
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const { key, cert } = await tlsCertificate();
  const sites = new StaticSites(options.sitesDir ?? SITES_DIR);
  const extraRoutes: FixtureRoute[] = [...(options.routes ?? [])];
  const connections = new WeakMap<object, ConnectionInfo>();
  const sockets = new Set<Socket>();

  const all: LoggedRequest[] = [];
  const byHost = new Map<string, LoggedRequest[]>();
  let waiters: { match: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }[] = [];
  let seq = 0;

  function record(entry: LoggedRequest): void {
    all.push(entry);
    let list = byHost.get(entry.host);
    if (!list) byHost.set(entry.host, (list = []));
    list.push(entry);
    waiters = waiters.filter((waiter) => {
      if (!waiter.match(entry)) return true;
      waiter.resolve(entry);
      return false;
    });
  }

  async function route(request: FixtureRequest): Promise<FixtureResponse> {
    if (request.method === 'OPTIONS') return preflight(request);
    for (const table of [extraRoutes, siteRoutes]) {
      for (const candidate of table) if (routeMatches(candidate, request)) return candidate.handle(request);
    }
    if (sites.has(request.host)) return sites.answer(request);
    return thirdPartyResponse(request);
  }

  type AnyRequest = IncomingMessage | Http2ServerRequest;
  type AnyResponse = ServerResponse | Http2ServerResponse;

  /** The sniffed socket a request came on: itself for plain HTTP, the TLS socket's parent otherwise. */
  function connectionInfo(req: AnyRequest): ConnectionInfo | undefined {
    const socket: object | undefined = 'stream' in req ? req.stream.session?.socket : req.socket;
    if (!socket) return undefined;
    const parent = (socket as { _parent?: object })._parent;
    return connections.get(socket) ?? (parent ? connections.get(parent) : undefined);
  }

  async function onRequest(req: AnyRequest, res: AnyResponse): Promise<void> {
    try {
      const info = connectionInfo(req) ?? { scheme: 'http', via: 'direct' };
      const target = req.url ?? '/';
      let scheme = info.scheme;
      let via = info.via;
      let host: string | undefined;
      let pathAndQuery: string;
      const badRequest: FixtureResponse = { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad Request\n' };
      if (/^https?:\/\//i.test(target)) {
        // Absolute form: Firefox asking its HTTP proxy for an http:// URL.
        if (!URL.canParse(target)) return send(res, req.method, badRequest);
        const absolute = new URL(target);
        scheme = absolute.protocol === 'https:' ? 'https' : 'http';
        host = absolute.hostname.toLowerCase();
        pathAndQuery = absolute.pathname + absolute.search;
        via = 'proxy';
      } else {
        host = hostWithoutPort(req.headers.host ?? (req.headers[':authority'] as string | undefined)) ?? info.tunnelHost;
        pathAndQuery = target.startsWith('/') ? target : `/${target}`;
      }
      const full = `${scheme}://${host}${pathAndQuery}`;
      if (!host || !URL.canParse(full)) return send(res, req.method, badRequest);
      const url = new URL(full);
      const request: FixtureRequest = {
        method: req.method ?? 'GET',
        scheme,
        host: url.hostname,
        pathname: url.pathname,
        query: url.searchParams,
        url,
        headers: req.headers,
      };
      const entry: LoggedRequest = {
        seq: ++seq,
        at: Date.now(),
        method: request.method,
        scheme,
        host: request.host,
        url: url.href,
        pathname: url.pathname,
        via,
        httpVersion: req.httpVersion,
        headers: req.headers,
        setCookies: [],
        background: isBrowserBackground(request.host, req.headers),
      };
      record(entry);
      // Bodies (beacons, POSTs) are not needed; drain them so the connection stays usable.
      req.resume();
      const response = await route(request);
      if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
      entry.status = response.status;
      entry.setCookies = cookieNames(response.headers?.['set-cookie']);
      send(res, req.method, response);
    } catch (error) {
      send(res, req.method, { status: 500, headers: { 'content-type': 'text/plain' }, body: `fixture server error: ${(error as Error).message}\n` });
    }
  }

  function send(res: AnyResponse, method: string | undefined, response: FixtureResponse): void {
    if (res.headersSent || ('destroyed' in res && res.destroyed) || ('stream' in res && res.stream.destroyed)) return;
    const headers: Record<string, string | string[]> = { ...response.headers };
    if (!options.caching) headers['cache-control'] = 'no-store';
    const body = response.status === 204 || response.status === 304 ? undefined : response.body;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    try {
      res.writeHead(response.status, headers);
      if (method === 'HEAD' || body === undefined) res.end();
      else res.end(body);
    } catch {
      if ('stream' in res) res.stream.destroy();
      else res.destroy();
    }
  }

  const http = createHttpServer({ keepAliveTimeout: 30_000 }, (req, res) => void onRequest(req, res));

  // TLS is Node's own TLS + HTTP/2 server, fed the sockets we sniffed. HTTP/2 when the browser offers it, as the
  // real services do, and not only for realism: Chromium keeps only a handful of low-priority requests (images)
  // in flight per page towards HTTP/1.1 servers, which stretched the 2,000-request page to 40 s.
  const secure = createHttp2SecureServer(
    { key, cert, allowHTTP1: true, settings: { maxConcurrentStreams: 1000 } },
    (req, res) => void onRequest(req, res),
  );
  secure.on('tlsClientError', (_error: Error, socket: Duplex) => socket.destroy());
  secure.on('sessionError', () => undefined);
  secure.on('session', (session: Http2Session) => session.on('error', () => session.destroy()));
  secure.on('clientError', (_error: Error, socket: Duplex) => socket.destroy());

  // Firefox's https through the proxy: open the tunnel, then treat what comes inside like a new connection.
  http.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    const match = /^([^:\s/]+|\[[0-9a-f:.]+\]):(\d{1,5})$/i.exec(target);
    if (!match) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const tunnelHost = match[1]!.toLowerCase();
    dispatch(socket, 'tunnel', tunnelHost);
  });

  // No WebSocket service is imitated (Firefox's push service would try one): refuse cleanly.
  http.on('upgrade', (_req: IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });

  // Malformed requests end with a 400, never with an exception.
  http.on('clientError', (_error: Error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  /** Look at the first byte without consuming it: 0x16 opens a TLS handshake, anything else is HTTP. */
  function dispatch(socket: Duplex, via: 'direct' | 'tunnel', tunnelHost?: string): void {
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE) {
        // The TLS socket Node wraps around it reads the bytes we put back, so the ClientHello is not lost.
        connections.set(socket, { scheme: 'https', via, tunnelHost });
        secure.emit('connection', socket);
      } else {
        connections.set(socket, { scheme: 'http', via, tunnelHost });
        http.emit('connection', socket);
        // The HTTP server reads through the stream API; the pause above would otherwise hold the request.
        // (Not for TLS: the TLS socket takes over this socket's handle and must be its only reader.)
        socket.resume();
      }
    });
  }

  const net = createNetServer((socket) => {
    // Node's http server would do this for its own sockets; ours come from a plain net server. Without it,
    // Nagle's algorithm holds the small TLS records of each response for a delayed ACK (~40 ms a response).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    dispatch(socket, 'direct');
  });
  net.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    net.once('error', reject);
    net.listen(options.port ?? 0, '127.0.0.1', () => {
      net.off('error', reject);
      resolve();
    });
  });
  const address = net.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    requests: (host) => (host === undefined ? [...all] : [...(byHost.get(host.toLowerCase()) ?? [])]),
    hosts: () => [...byHost.keys()],
    requestsByHost: () => new Map([...byHost].map(([host, list]) => [host, [...list]])),
    clearLog: () => {
      all.length = 0;
      byHost.clear();
    },
    lastSeq: () => seq,
    async waitForHosts(hosts, { since = 0, timeoutMs = 15_000 } = {}) {
      const wanted = new Set([...hosts].map((h) => h.toLowerCase()));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const host of [...wanted]) {
          if ((byHost.get(host) ?? []).some((r) => r.seq > since)) wanted.delete(host);
        }
        if (wanted.size === 0) return;
        if (Date.now() > deadline) throw new Error(`fixture server: no request to ${[...wanted].join(', ')} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    waitForRequest(match, timeoutMs = 10_000) {
      const found = all.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (entry: LoggedRequest) => {
            clearTimeout(timer);
            resolve(entry);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`fixture server: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    addRoute(extra) {
      extraRoutes.unshift(extra);
      return () => {
        const index = extraRoutes.indexOf(extra);
        if (index >= 0) extraRoutes.splice(index, 1);
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        http.close();
        net.close(() => resolve());
      }),
  };
}

/** CORS preflight for credentialed third-party fetches (Google's ad id, beacons with custom headers). */
function preflight(request: FixtureRequest): FixtureResponse {
  const origin = request.headers.origin;
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': typeof origin === 'string' ? origin : '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? '*'),
      'access-control-max-age': '86400',
      vary: 'Origin',
    },
  };
}

/** A plain page body, for handlers tests add. */
export { htmlPage };
