// Server IP → hosting/CDN provider, offline: binary search over the providers' announced ranges compiled at build time.
import { requireTable, type TableViews } from './tables';

export type { Provenance } from './types';

export interface HostingProvider {
  id: string;
  name: string;
  /** Owner id in lists/owners (the organisation; its ultimate parent's country is resolved elsewhere). */
  owner: string;
  asns: number[];
}

/**
 * The hosting part of the compiled lists (see scripts/lists/compile-hosting.ts). The ranges themselves are
 * columns of the tables file: inclusive IPv4 ranges (start, end, asn), and IPv6 ranges over the upper 64 bits of
 * the address split in two words (providers never announce anything longer than a /64), sorted, not overlapping.
 */
export interface HostingPart {
  providers: HostingProvider[];
}

export const HOSTING_TABLES = {
  v4Start: 'hosting.v4.start',
  v4End: 'hosting.v4.end',
  v4Asn: 'hosting.v4.asn',
  v6StartHi: 'hosting.v6.startHi',
  v6StartLo: 'hosting.v6.startLo',
  v6EndHi: 'hosting.v6.endHi',
  v6EndLo: 'hosting.v6.endLo',
  v6Asn: 'hosting.v6.asn',
} as const;

export interface HostingMatch {
  readonly asn: number;
  /** Provider display name. */
  readonly provider: string;
  readonly providerId: string;
  readonly owner: string;
}

/** Lookup tables: one typed array per column so the binary search only touches the column it compares. */
export interface HostingIndex {
  readonly v4Start: Uint32Array;
  readonly v4End: Uint32Array;
  readonly v4Asn: Uint32Array;
  readonly v6StartHi: Uint32Array;
  readonly v6StartLo: Uint32Array;
  readonly v6EndHi: Uint32Array;
  readonly v6EndLo: Uint32Array;
  readonly v6Asn: Uint32Array;
  /** One frozen answer per ASN, shared by every lookup: a lookup allocates nothing. */
  readonly byAsn: ReadonlyMap<number, HostingMatch>;
}

export function createHostingIndex(part: HostingPart, tables: TableViews): HostingIndex {
  const byAsn = new Map<number, HostingMatch>();
  for (const p of part.providers) {
    for (const asn of p.asns) byAsn.set(asn, Object.freeze({ asn, provider: p.name, providerId: p.id, owner: p.owner }));
  }
  const t = (name: string) => requireTable(tables, name);
  const index: HostingIndex = {
    v4Start: t(HOSTING_TABLES.v4Start),
    v4End: t(HOSTING_TABLES.v4End),
    v4Asn: t(HOSTING_TABLES.v4Asn),
    v6StartHi: t(HOSTING_TABLES.v6StartHi),
    v6StartLo: t(HOSTING_TABLES.v6StartLo),
    v6EndHi: t(HOSTING_TABLES.v6EndHi),
    v6EndLo: t(HOSTING_TABLES.v6EndLo),
    v6Asn: t(HOSTING_TABLES.v6Asn),
    byAsn,
  };
  const n4 = index.v4Start.length;
  const n6 = index.v6StartHi.length;
  if (index.v4End.length !== n4 || index.v4Asn.length !== n4 || [index.v6StartLo, index.v6EndHi, index.v6EndLo, index.v6Asn].some((c) => c.length !== n6)) {
    throw new Error('hosting: malformed range tables');
  }
  // Every ASN of the tables has a provider: the compiler only keeps listed ASNs (a test checks the output).
  return index;
}

/**
 * The provider announcing `ip`, or null when it is none of the listed providers or `ip` is not an address.
 * Accepts IPv4, IPv6 in any textual form, `[...]` brackets and `%zone` suffixes; IPv4-mapped (::ffff:a.b.c.d)
 * and NAT64 (64:ff9b::a.b.c.d) addresses are looked up as the IPv4 address they carry. Never throws.
 * The returned object is shared: do not mutate it.
 */
export function lookupHosting(index: HostingIndex, ip: string): HostingMatch | null {
  if (typeof ip !== 'string') return null;
  let from = 0;
  let to = ip.length;
  if (ip.charCodeAt(0) === 91 /* [ */) {
    if (ip.charCodeAt(to - 1) !== 93 /* ] */) return null;
    from = 1;
    to--;
  }
  const colon = ip.indexOf(':', from);
  if (colon < 0 || colon >= to) {
    // Brackets and zones belong to IPv6 only.
    if (from) return null;
    const v4 = parseIPv4Range(ip, 0, to);
    return v4 < 0 ? null : findV4(index, v4);
  }
  const zone = ip.indexOf('%', from);
  if (zone >= 0 && zone < to) {
    if (zone === to - 1) return null;
    to = zone;
  }
  if (!parseIPv6(ip, from, to)) return null;
  const g = groups;
  if (g[2] === 0 && g[3] === 0 && g[4] === 0) {
    if ((g[0] === 0 && g[1] === 0 && g[5] === 0xffff) || (g[0] === 0x64 && g[1] === 0xff9b && g[5] === 0)) {
      return findV4(index, ((g[6]! << 16) | g[7]!) >>> 0);
    }
  }
  return findV6(index, ((g[0]! << 16) | g[1]!) >>> 0, ((g[2]! << 16) | g[3]!) >>> 0);
}

/** Dotted-quad IPv4 as an unsigned 32-bit number, or null. Leading zeros are refused (some parsers read them as octal). */
export function parseIPv4(text: string): number | null {
  if (typeof text !== 'string') return null;
  const value = parseIPv4Range(text, 0, text.length);
  return value < 0 ? null : value;
}

function findV4(index: HostingIndex, ip: number): HostingMatch | null {
  const starts = index.v4Start;
  // Last row starting at or before ip; ranges do not overlap, so only that row can contain it.
  let lo = 0;
  let hi = starts.length - 1;
  let row = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= ip) {
      row = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return row >= 0 && ip <= index.v4End[row]! ? index.byAsn.get(index.v4Asn[row]!) ?? null : null;
}

function findV6(index: HostingIndex, ipHi: number, ipLo: number): HostingMatch | null {
  const startHi = index.v6StartHi;
  const startLo = index.v6StartLo;
  let lo = 0;
  let hi = startHi.length - 1;
  let row = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const sHi = startHi[mid]!;
    if (sHi < ipHi || (sHi === ipHi && startLo[mid]! <= ipLo)) {
      row = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (row < 0) return null;
  const eHi = index.v6EndHi[row]!;
  return ipHi < eHi || (ipHi === eHi && ipLo <= index.v6EndLo[row]!) ? index.byAsn.get(index.v6Asn[row]!) ?? null : null;
}

/** text[from, to) as an IPv4 number, or -1. Works on a slice so IPv6's embedded IPv4 needs no substring. */
function parseIPv4Range(text: string, from: number, to: number): number {
  let value = 0;
  let parts = 0;
  let i = from;
  for (;;) {
    const start = i;
    let octet = 0;
    while (i < to) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      octet = octet * 10 + d;
      if (++i - start > 3) return -1;
    }
    if (i === start || octet > 255 || (i - start > 1 && text.charCodeAt(start) === 48)) return -1;
    value = value * 256 + octet;
    parts++;
    if (i === to) return parts === 4 ? value : -1;
    if (parts === 4 || text.charCodeAt(i) !== 46 /* . */) return -1;
    i++;
  }
}

/** The eight 16-bit groups of the last IPv6 address parsed (reused: lookups run for every request of a page). */
const groups = new Uint16Array(8);

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 32; // fold A-F onto a-f
  return c >= 97 && c <= 102 ? c - 87 : -1;
}

/** Parses text[from, to) into `groups`; false when it is not an IPv6 address (RFC 4291 section 2.2 forms). */
function parseIPv6(text: string, from: number, to: number): boolean {
  let n = 0;
  let gap = -1; // group index where "::" stands
  let i = from;
  if (text.charCodeAt(i) === 58 /* : */) {
    // A leading colon is only valid as "::".
    if (text.charCodeAt(i + 1) !== 58 || i + 1 >= to) return false;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    const start = i;
    let value = 0;
    for (; i < to; i++) {
      const d = hexDigit(text.charCodeAt(i));
      if (d < 0 || i - start === 4) break;
      value = (value << 4) | d;
    }
    if (i < to && text.charCodeAt(i) === 46 /* . */) {
      // Dotted IPv4 as the last 32 bits (::ffff:1.2.3.4, 64:ff9b::1.2.3.4).
      if (n > 6) return false;
      const v4 = parseIPv4Range(text, start, to);
      if (v4 < 0) return false;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      break;
    }
    if (i === start || n === 8) return false;
    groups[n++] = value;
    if (i === to) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i < to && text.charCodeAt(i) === 58) {
      if (gap >= 0) return false; // only one "::"
      gap = n;
      i++;
    } else if (i === to) return false; // trailing single colon
  }
  if (gap < 0) return n === 8;
  if (n > 7) return false; // "::" stands for at least one group
  // Slide the groups written after "::" to the end and zero the gap.
  const tail = n - gap;
  for (let k = 1; k <= tail; k++) groups[8 - k] = groups[n - k]!;
  for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  return true;
}
