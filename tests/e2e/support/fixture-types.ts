// Shapes shared by the fixture server's router, its handlers and the sites' generated pages.
import type { IncomingHttpHeaders } from 'node:http';

/** One request as the handlers see it: already split into host and path, whichever way it reached the server. */
export interface FixtureRequest {
  method: string;
  scheme: 'http' | 'https';
  /** Lower-case host name, without port. */
  host: string;
  /** Path without the query, as sent (not decoded). */
  pathname: string;
  query: URLSearchParams;
  url: URL;
  headers: IncomingHttpHeaders;
}

export interface FixtureResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Milliseconds to wait before answering (to model slow third parties). */
  delayMs?: number;
}

/** A handler-table entry. Routes are tried in order before the sites' files and the third-party fallback. */
export interface FixtureRoute {
  /** Exact host (lower case) or pattern; absent = every host. */
  host?: string | RegExp;
  /** Exact pathname or pattern tested against the pathname. */
  path: string | RegExp;
  handle(request: FixtureRequest): FixtureResponse | Promise<FixtureResponse>;
}

export function routeMatches(route: FixtureRoute, request: FixtureRequest): boolean {
  const hostOk =
    route.host === undefined ||
    (typeof route.host === 'string' ? route.host === request.host : route.host.test(request.host));
  if (!hostOk) return false;
  return typeof route.path === 'string' ? route.path === request.pathname : route.path.test(request.pathname);
}
