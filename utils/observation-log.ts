// Reads an observation log (vigie.observations/1) from untrusted text: a clear message for a broken file, and
// per-request problems reported while every usable request is kept.
import type { ObservationLog, ObservedCookie, ObservedRequest, ResourceType } from './types';

export const OBSERVATION_FORMAT = 'vigie.observations/1';

const RESOURCE_TYPES: ReadonlySet<string> = new Set<ResourceType>([
  'main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping',
  'csp_report', 'media', 'websocket', 'webtransport', 'webbundle', 'other',
]);

export interface LogProblem {
  /** Where: "file", "page", "requests[12]", "jarCookies[3]". */
  at: string;
  message: string;
}

export type LogParseResult = { log: ObservationLog; problems: LogProblem[] } | { error: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where JSON.parse stopped, as line and column, for a person to find the damage. */
function describeJsonError(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  const endsEarly = /end of JSON input/i.test(error.message);
  if (!match && !endsEarly) return `invalid JSON: ${error.message}`;
  const position = match ? Number(match[1]) : text.length;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const truncated = endsEarly || position >= text.trimEnd().length - 1 ? ' (the file ends early: truncated?)' : '';
  return `invalid JSON at line ${line}, column ${column}${truncated}`;
}

function readCookie(value: unknown): ObservedCookie | string {
  if (!isObject(value)) return 'cookie is not an object';
  if (typeof value.name !== 'string' || !value.name) return 'cookie without a name';
  const domain = typeof value.domain === 'string' ? value.domain : '';
  const expiresIn = value.expiresIn;
  if (expiresIn !== null && expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn))) {
    return `cookie "${value.name}": expiresIn must be a number of seconds or null`;
  }
  return { name: value.name, domain, expiresIn: typeof expiresIn === 'number' ? expiresIn : null };
}

function readRequest(value: unknown, problems: LogProblem[], at: string): ObservedRequest | null {
  if (!isObject(value)) {
    problems.push({ at, message: 'not an object: skipped' });
    return null;
  }
  if (typeof value.url !== 'string' || !value.url) {
    problems.push({ at, message: 'no url: skipped' });
    return null;
  }
  let type = value.type;
  if (typeof type !== 'string' || !RESOURCE_TYPES.has(type)) {
    if (type !== undefined) problems.push({ at, message: `unknown type ${JSON.stringify(type)}, counted as "other"` });
    type = 'other';
  }
  const time = typeof value.time === 'number' && Number.isFinite(value.time) && value.time >= 0 ? value.time : 0;
  const cookies: ObservedCookie[] = [];
  if (Array.isArray(value.cookies)) {
    value.cookies.forEach((c, i) => {
      const cookie = readCookie(c);
      if (typeof cookie === 'string') problems.push({ at: `${at}.cookies[${i}]`, message: cookie });
      else cookies.push(cookie);
    });
  }
  const count = typeof value.count === 'number' && Number.isInteger(value.count) && value.count > 1 ? value.count : undefined;
  return {
    url: value.url,
    type: type as ResourceType,
    serverIp: typeof value.serverIp === 'string' && value.serverIp ? value.serverIp : null,
    time,
    beforeInteraction: value.beforeInteraction === true,
    cookies,
    ...(count ? { count } : {}),
  };
}

/** Validates a parsed value as an observation log. */
export function readObservationLog(value: unknown): LogParseResult {
  if (!isObject(value)) return { error: 'not an observation log: expected a JSON object' };
  if (value.format !== OBSERVATION_FORMAT) {
    return { error: `not an observation log: "format" must be "${OBSERVATION_FORMAT}"` };
  }
  const page = value.page;
  if (!isObject(page) || typeof page.url !== 'string' || !page.url) return { error: 'the log has no page.url' };
  if (!Array.isArray(value.requests)) return { error: 'the log has no "requests" array' };

  const problems: LogProblem[] = [];
  const requests = value.requests
    .map((r, i) => readRequest(r, problems, `requests[${i}]`))
    .filter((r): r is ObservedRequest => r !== null);
  const jarCookies: NonNullable<ObservationLog['jarCookies']> = [];
  if (Array.isArray(value.jarCookies)) {
    value.jarCookies.forEach((c, i) => {
      const cookie = readCookie(c);
      if (typeof cookie === 'string') problems.push({ at: `jarCookies[${i}]`, message: cookie });
      else jarCookies.push({ ...cookie, beforeInteraction: isObject(c) && c.beforeInteraction === true });
    });
  }
  const visitedAt = typeof page.visitedAt === 'string' && !Number.isNaN(Date.parse(page.visitedAt)) ? page.visitedAt : undefined;
  const numberOr = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  const truncated = isObject(value.truncated) ? numberOr(value.truncated.requestsDropped) : undefined;
  const withoutTab = numberOr(value.requestsWithoutTab);
  const firstInteraction = numberOr(value.firstInteraction);

  const log: ObservationLog = {
    format: OBSERVATION_FORMAT,
    page: {
      url: page.url,
      serverIp: typeof page.serverIp === 'string' && page.serverIp ? page.serverIp : null,
      ...(visitedAt ? { visitedAt } : {}),
    },
    requests,
    ...(jarCookies.length ? { jarCookies } : {}),
    firstInteraction: firstInteraction ?? null,
    ...(truncated ? { truncated: { requestsDropped: truncated } } : {}),
    ...(withoutTab ? { requestsWithoutTab: withoutTab } : {}),
  };
  return { log, problems };
}

/** Parses the text of an observation log file. */
export function parseObservationLog(text: string): LogParseResult {
  if (!text.trim()) return { error: 'empty file' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: describeJsonError(text, error as Error) };
  }
  return readObservationLog(value);
}
