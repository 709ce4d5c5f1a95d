// Tracker hosts and paths from AdGuard's filters: is this request URL a known tracker endpoint?
import { hostSuffixHashes, hasHashPair } from './host-hash';
import { requireTable, type TableViews } from './tables';

/** Tables of sorted (hashA, hashB) pairs: blocked hosts, and hosts that carry path rules. */
export const TRACKER_HOSTS_TABLE = 'trackers.hosts';
export const TRACKER_PATH_HOSTS_TABLE = 'trackers.pathHosts';

export interface TrackersPart {
  hostCount: number;
  allowHosts: string[];
  /**
   * Lines `host \t tail \t tail…`: AdGuard urlFilter tails (`/path*`, `^…`) that block a path on that host and its
   * subdomains (text, not JSON objects: a few thousand hosts parse at once, their patterns only when met).
   */
  paths: string;
  allowPaths: string;
  skippedRules: number;
}

export interface TrackerIndex {
  hosts: Uint32Array;
  pathHosts: Uint32Array;
  allowHosts: ReadonlySet<string>;
  /** `host \t tails` lines sorted by host, searched by bisection (no map to build at start-up). */
  paths: readonly string[];
  allowPaths: readonly string[];
}

/** The tails of `host` in sorted `host \t tails` lines, or undefined. */
function tailsOf(lines: readonly string[], host: string): string | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const line = lines[mid]!;
    const tab = line.indexOf('\t');
    const key = line.slice(0, tab);
    if (key < host) lo = mid + 1;
    else if (key > host) hi = mid - 1;
    else return line.slice(tab + 1);
  }
  return undefined;
}

export function createTrackerIndex(part: TrackersPart, tables: TableViews): TrackerIndex {
  return {
    hosts: requireTable(tables, TRACKER_HOSTS_TABLE),
    pathHosts: requireTable(tables, TRACKER_PATH_HOSTS_TABLE),
    allowHosts: new Set(part.allowHosts),
    paths: part.paths ? part.paths.split('\n') : [],
    allowPaths: part.allowPaths ? part.allowPaths.split('\n') : [],
  };
}

/** Does the host, or a parent domain of it, appear as a blocked host (`||host^`)? */
export function isTrackerHost(index: TrackerIndex, host: string): boolean {
  const found = hostSuffixHashes(host, (a, b) => hasHashPair(index.hosts, a, b));
  return found && !isAllowedHost(index, host);
}

function isAllowedHost(index: TrackerIndex, host: string): boolean {
  if (index.allowHosts.size === 0) return false;
  for (let start = 0; start >= 0; ) {
    if (index.allowHosts.has(start === 0 ? host : host.slice(start))) return true;
    const dot = host.indexOf('.', start);
    start = dot < 0 ? -1 : dot + 1;
  }
  return false;
}

/** Tests the path and query of a URL (from the first `/` or `?` after the host) against a host's path rules. */
export type PathMatcher = (rest: string) => boolean;

/**
 * The path rules that apply to a host (its own and its parent domains'), as one matcher, or null when there are
 * none. Each set of tails becomes a single alternation, so a URL costs one or two RegExp tests however many
 * rules its host has; the classifier keeps the matcher with the host.
 */
export function trackerPathMatcher(index: TrackerIndex, host: string): PathMatcher | null {
  // Most hosts have no path rule anywhere up their domain tree: one hashing pass tells, without string work.
  if (!hostSuffixHashes(host, (a, b) => hasHashPair(index.pathHosts, a, b))) return null;
  const block: string[] = [];
  const allow: string[] = [];
  for (let start = 0; start >= 0; ) {
    const key = start === 0 ? host : host.slice(start);
    const b = tailsOf(index.paths, key);
    if (b !== undefined) block.push(...b.split('\t'));
    const a = tailsOf(index.allowPaths, key);
    if (a !== undefined) allow.push(...a.split('\t'));
    const dot = host.indexOf('.', start);
    start = dot < 0 ? -1 : dot + 1;
  }
  if (!block.length) return null;
  const blocked = alternation(block);
  if (!allow.length) return (rest) => blocked.test(rest);
  const allowed = alternation(allow);
  return (rest) => blocked.test(rest) && !allowed.test(rest);
}

function alternation(tails: string[]): RegExp {
  return new RegExp(tails.map((t) => `(?:${patternSource(t)})`).join('|'));
}

/**
 * AdGuard/DNR urlFilter tail → RegExp anchored after the host: `*` is any text, `^` a separator character
 * (anything but a letter, digit, `_ - . %`) or the end, a final `|` the end of the URL.
 */
export function patternToRegExp(pattern: string): RegExp {
  return new RegExp(patternSource(pattern));
}

function patternSource(pattern: string): string {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '^') source += '(?:[^\\w.%-]|$)';
    else if (c === '|' && i === pattern.length - 1) source += '$';
    else source += c.replace(/[.+?${}()[\]\\/|]/g, '\\$&');
  }
  return source;
}
