// Compiles lists/hosting/providers.json and @ip-location-db/asn into the IP range tables of utils/hosting.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTING_TABLES, type HostingPart, type HostingProvider, type Provenance } from '../../utils/hosting';
import type { Columns } from './tables';
import { fail, readRegistry } from './read-json-lines';

const PACKAGE = '@ip-location-db/asn';
const FIELDS = new Set(['id', 'name', 'owner', 'asns', 'source', 'note']);

interface Range {
  start: bigint;
  end: bigint;
  asn: number;
}

export function compileHosting(root: string): { part: HostingPart; tables: Columns; provenance: Provenance[] } {
  const providers = readProviders(root);
  const wanted = new Set(providers.flatMap((p) => p.asns));
  const dir = join(root, 'node_modules', PACKAGE);
  // The "-num" files give plain integers, so no address parser is needed here; IPv6 needs BigInt.
  const v4 = mergeRanges(readRanges(join(dir, 'asn-ipv4-num.csv'), wanted, 0n));
  // IPv6 is kept at /64 granularity (see HostingPart.v6): shifting first lets ranges that only differ in
  // their low half merge, and makes any two that share a /64 visible as an overlap (resolved in mergeRanges).
  const v6 = mergeRanges(readRanges(join(dir, 'asn-ipv6-num.csv'), wanted, 64n));

  const T = HOSTING_TABLES;
  const tables: Columns = {
    [T.v4Start]: v4.map((r) => Number(r.start)),
    [T.v4End]: v4.map((r) => Number(r.end)),
    [T.v4Asn]: v4.map((r) => r.asn),
    [T.v6StartHi]: v6.map((r) => split64(r.start)[0]),
    [T.v6StartLo]: v6.map((r) => split64(r.start)[1]),
    [T.v6EndHi]: v6.map((r) => split64(r.end)[0]),
    [T.v6EndLo]: v6.map((r) => split64(r.end)[1]),
    [T.v6Asn]: v6.map((r) => r.asn),
  };

  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    part: { providers },
    tables,
    provenance: [
      {
        part: 'hosting',
        package: PACKAGE,
        version,
        licence: 'CC-BY-4.0',
        attribution: 'IP ranges: RouteViews, DB-IP and NRO via ip-location-db (CC BY 4.0)',
      },
    ],
  };
}

function readProviders(root: string): HostingProvider[] {
  const ids = new Set<string>();
  const asnOwner = new Map<number, string>();
  return readRegistry<Partial<HostingProvider> & { source?: string; note?: string }>(join(root, 'lists/hosting/providers.json'), root).map(
    (at) => {
      for (const key of Object.keys(at.value)) if (!FIELDS.has(key)) fail(at, `unknown field "${key}"`);
      const { id, name, owner, asns } = at.value;
      if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) fail(at, 'missing or malformed "id"');
      if (ids.has(id)) fail(at, `duplicate id "${id}"`);
      ids.add(id);
      if (typeof name !== 'string' || !name) fail(at, 'missing "name"');
      if (typeof owner !== 'string' || !owner) fail(at, 'missing "owner"');
      if (!Array.isArray(asns) || !asns.length) fail(at, 'missing "asns"');
      for (const asn of asns) {
        if (!Number.isInteger(asn) || asn <= 0 || asn > 0xffffffff) fail(at, `bad ASN ${String(asn)}`);
        // One ASN, one provider: otherwise the answer would depend on file order.
        const other = asnOwner.get(asn);
        if (other) fail(at, `AS${asn} is already listed by "${other}"`);
        asnOwner.set(asn, id);
      }
      return { id, name, owner, asns: [...asns] };
    },
  );
}

/** Ranges of the wanted ASNs in an ip-location-db "-num" CSV (`start,end,asn,"org"`), both ends shifted right. */
function readRanges(path: string, wanted: ReadonlySet<number>, shift: bigint): Range[] {
  const text = readFileSync(path, 'utf8');
  const out: Range[] = [];
  let at = 0;
  while (at < text.length) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const c1 = text.indexOf(',', at);
    const c2 = text.indexOf(',', c1 + 1);
    const c3 = text.indexOf(',', c2 + 1);
    // Only the first three fields matter; the organisation name (possibly quoted, with commas) is skipped.
    if (c1 > at && c2 > c1 && c2 < eol) {
      const asn = Number(text.slice(c2 + 1, c3 < 0 || c3 > eol ? eol : c3));
      if (wanted.has(asn)) {
        const start = BigInt(text.slice(at, c1)) >> shift;
        const end = BigInt(text.slice(c1 + 1, c2)) >> shift;
        if (end < start) throw new Error(`${path}: range ends before it starts: ${text.slice(at, eol)}`);
        out.push({ start, end, asn });
      }
    }
    at = eol + 1;
  }
  if (!out.length) throw new Error(`${path}: no range for any listed ASN (wrong file or package layout?)`);
  return out;
}

/**
 * Sorts, merges touching or overlapping ranges of the same ASN, and makes ranges disjoint (the lookup's binary
 * search needs it): where two ASNs claim the same addresses, the range that starts first keeps them.
 */
function mergeRanges(ranges: Range[]): Range[] {
  ranges.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : a.asn - b.asn));
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1n) {
      if (last.asn === r.asn) {
        if (r.end > last.end) last.end = r.end;
        continue;
      }
      if (r.end <= last.end) continue; // wholly covered by another ASN's range
      if (r.start <= last.end) r.start = last.end + 1n;
    }
    out.push({ ...r });
  }
  return out;
}

/** The upper 64 bits (already shifted down) as two uint32. */
function split64(value: bigint): [number, number] {
  return [Number((value >> 32n) & 0xffffffffn), Number(value & 0xffffffffn)];
}
