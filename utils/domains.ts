// URLs and domains: the host of a request, its registrable domain, and whether it is first or third party.
import { getDomain } from 'tldts';
import { publicRegistrableDomain, type PublicSectorIndex } from './public-sector';

export interface ParsedUrl {
  scheme: 'http' | 'https' | 'ws' | 'wss';
  /** Lowercase host without port; IPv6 literals keep their brackets, as URL.hostname does. */
  host: string;
  /** Path and query (from the first `/` or `?`), without the fragment; `/` when empty. */
  rest: string;
}

export interface UrlError {
  error: string;
}

const NETWORK_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
// Letters, digits, '-', '_', '.', and any non-ASCII character (IDN hosts arrive as Unicode from hand-typed input).
const HOST_CHARS = /^[a-z0-9._\-\u0080-\uffff]+$/;

/**
 * Where the scheme of a URL ends (the index of its "://"), and which one it is, for the common lowercase forms;
 * -1 sends anything else to the careful path.
 */
function fastScheme(url: string): number {
  if (url.startsWith('https://')) return 5;
  if (url.startsWith('http://')) return 4;
  return -1;
}

/**
 * The host of `url[start..end)` when it is plain lowercase ASCII (letters, digits, '-', '.', no port): the
 * shape of nearly every URL a browser reports; -1 sends the URL to the careful path.
 */
function fastHost(url: string, start: number): number {
  let i = start;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || (c === 46 && i > start && url.charCodeAt(i - 1) !== 46);
    if (!ok) return -1;
  }
  return i > start && url.charCodeAt(i - 1) !== 46 ? i : -1;
}

/**
 * The host of a URL in the shape browsers report, or null when it needs the full parser: the classifier's hot
 * path, which often needs nothing else once it knows the host.
 */
export function quickHost(url: string): string | null {
  const colon = fastScheme(url);
  if (colon < 0) return null;
  const end = fastHost(url, colon + 3);
  return end < 0 ? null : url.slice(colon + 3, end);
}

/** Parses a network URL without the DOM or Node `URL` (the engine is pure); never throws. */
export function parseUrl(input: string): ParsedUrl | UrlError {
  if (typeof input !== 'string') return { error: 'not a string' };
  // Fast path: what browsers report (lowercase scheme and host, no credentials, no port).
  const colon = fastScheme(input);
  if (colon > 0) {
    const end = fastHost(input, colon + 3);
    if (end > 0) {
      const hash = input.indexOf('#', end);
      let rest = hash < 0 ? input.slice(end) : input.slice(end, hash);
      if (!rest || rest.charCodeAt(0) === 63) rest = '/' + rest;
      return { scheme: colon === 5 ? 'https' : 'http', host: input.slice(colon + 3, end), rest };
    }
  }
  return parseUrlCarefully(input);
}

function parseUrlCarefully(input: string): ParsedUrl | UrlError {
  const url = input.trim();
  if (!url) return { error: 'empty URL' };
  const colon = url.indexOf(':');
  const scheme = colon > 0 ? url.slice(0, colon).toLowerCase() : '';
  if (!scheme || !/^[a-z][a-z0-9+.-]*$/.test(scheme)) return { error: 'not an absolute URL (no scheme)' };
  if (!NETWORK_SCHEMES.has(scheme)) return { error: `unsupported scheme "${scheme}:" (not a network request)` };
  if (url[colon + 1] !== '/' || url[colon + 2] !== '/') return { error: `malformed URL: expected "${scheme}://"` };

  const start = colon + 3;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 92 /* \ */) break;
    end++;
  }
  let authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);

  let host: string;
  let port = '';
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return { error: 'malformed IPv6 host (missing "]")' };
    host = authority.slice(0, close + 1).toLowerCase();
    if (!/^\[[0-9a-f:.]+\]$/.test(host)) return { error: `invalid IPv6 host "${host}"` };
    const after = authority.slice(close + 1);
    if (after && !after.startsWith(':')) return { error: 'malformed host' };
    port = after.slice(1);
  } else {
    const portColon = authority.indexOf(':');
    host = (portColon >= 0 ? authority.slice(0, portColon) : authority).toLowerCase();
    port = portColon >= 0 ? authority.slice(portColon + 1) : '';
    if (host.endsWith('.')) host = host.slice(0, -1);
    if (!host) return { error: 'empty host' };
    if (!HOST_CHARS.test(host)) {
      const bad = [...host].find((c) => !HOST_CHARS.test(c))!;
      return { error: `invalid character ${JSON.stringify(bad)} in host` };
    }
    if (host.startsWith('.') || host.includes('..')) return { error: `invalid host "${host}"` };
  }
  if (port && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return { error: `invalid port "${port}"` };

  let rest = url.slice(end);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  if (!rest || rest[0] === '?') rest = '/' + rest;
  return { scheme: scheme as ParsedUrl['scheme'], host, rest };
}

export function isUrlError(value: ParsedUrl | UrlError): value is UrlError {
  return 'error' in value;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export function isIpHost(host: string): boolean {
  return host.startsWith('[') || IPV4.test(host);
}

const TLDTS_OPTIONS = { extractHostname: false, allowPrivateDomains: true, detectIp: false, validateHostname: false };

/**
 * The registrable domain ("site") of a host: one label above its public suffix. Public-sector suffixes of Vigie's
 * table (admin.ch, bund.de, …) count as suffixes even where the Public Suffix List lacks them, so two services
 * of a State are two parties. An IP, a single label or a bare suffix is its own domain.
 */
export function registrableDomain(host: string, publicSector: PublicSectorIndex): string {
  if (isIpHost(host)) return host;
  return publicRegistrableDomain(publicSector, host) ?? getDomain(host, TLDTS_OPTIONS) ?? host;
}
