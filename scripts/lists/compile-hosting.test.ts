// The hosting compiler: merging rules on a small fixture package, then the real package and registry.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileHosting } from './compile-hosting';
import { createHostingIndex, HOSTING_TABLES as T, lookupHosting } from '../../utils/hosting';
import { viewsOf } from '../../tests/tables';
import type { Columns } from './tables';
import { readRegistryFolder } from './read-json-lines';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The columns back as rows: [start, end, asn, ...] for IPv4, [startHi, startLo, endHi, endLo, asn, ...] for IPv6. */
function rows(tables: Columns, family: 'v4' | 'v6'): number[] {
  const names = family === 'v4' ? [T.v4Start, T.v4End, T.v4Asn] : [T.v6StartHi, T.v6StartLo, T.v6EndHi, T.v6EndLo, T.v6Asn];
  const columns = names.map((n) => Array.from(tables[n]!));
  return columns[0]!.flatMap((_, r) => columns.map((c) => c[r]!));
}

/** A throw-away project root holding a providers registry and a fake @ip-location-db/asn package. */
function fixture(providers: object[], v4: string[], v6: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-hosting-'));
  const pkg = join(dir, 'node_modules/@ip-location-db/asn');
  mkdirSync(pkg, { recursive: true });
  mkdirSync(join(dir, 'lists/hosting'), { recursive: true });
  writeFileSync(join(dir, 'lists/hosting/providers.json'), `[\n${providers.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`);
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@ip-location-db/asn', version: '9.9.9' }));
  writeFileSync(join(pkg, 'asn-ipv4-num.csv'), v4.map((l) => l + '\n').join(''));
  writeFileSync(join(pkg, 'asn-ipv6-num.csv'), v6.map((l) => l + '\n').join(''));
  return dir;
}

const P = [
  { id: 'a', name: 'A', owner: 'owner-a', asns: [64500], source: 'https://example.org/' },
  { id: 'b', name: 'B', owner: 'owner-b', asns: [64501, 64502] },
];
const v6 = (hex: string) => BigInt('0x' + hex.padEnd(32, '0')).toString(); // hex prefix of a 128-bit address

describe('compileHosting on a fixture package', () => {
  const dir = fixture(
    P,
    [
      '10,19,64500,"A, Inc."', // merges with the next (touching) and the one after (overlapping)
      '20,29,64500,"A, Inc."',
      '25,40,64500,"A, Inc."',
      '41,50,64501,B', // touching but another ASN: stays a separate row
      '60,70,64999,Unlisted', // dropped
      '45,55,64502,B', // overlaps B/64501 with another ASN: trimmed to 51-55
      '100,4294967295,64502,B',
    ],
    [
      // Two ranges in the same /64 collapse into one row; the low 64 bits do not matter.
      `${v6('20010db8000000010000000000000000')},${v6('20010db800000001000000000000ffff')},64500,A`,
      `${v6('20010db8000000010000000000010000')},${v6('20010db80000000100000000ffffffff')},64500,A`,
      `${v6('20010db8000000020000000000000000')},${v6('20010db80000000f0000000000000000')},64501,B`,
      `${v6('20010db9')},${v6('20010db9ffffffffffffffffffffffff')},64999,Unlisted`,
    ],
  );
  const { part, tables, provenance } = compileHosting(dir);

  it('merges, trims and drops ranges as documented', () => {
    expect(rows(tables, 'v4')).toEqual([10, 40, 64500, 41, 50, 64501, 51, 55, 64502, 100, 4294967295, 64502]);
    expect(rows(tables, 'v6')).toEqual([
      0x20010db8, 1, 0x20010db8, 1, 64500,
      0x20010db8, 2, 0x20010db8, 15, 64501,
    ]);
  });

  it('keeps only the fields the engine needs and records provenance', () => {
    expect(part.providers).toEqual([
      { id: 'a', name: 'A', owner: 'owner-a', asns: [64500] },
      { id: 'b', name: 'B', owner: 'owner-b', asns: [64501, 64502] },
    ]);
    expect(provenance).toEqual([
      {
        part: 'hosting',
        package: '@ip-location-db/asn',
        version: '9.9.9',
        licence: 'CC-BY-4.0',
        attribution: 'IP ranges: RouteViews, DB-IP and NRO via ip-location-db (CC BY 4.0)',
      },
    ]);
  });

  it('gives the engine a part it can search', () => {
    const index = createHostingIndex(part, viewsOf(tables));
    expect(lookupHosting(index, '0.0.0.10')?.providerId).toBe('a');
    expect(lookupHosting(index, '0.0.0.40')?.providerId).toBe('a');
    expect(lookupHosting(index, '0.0.0.41')).toMatchObject({ providerId: 'b', asn: 64501 });
    expect(lookupHosting(index, '0.0.0.52')).toMatchObject({ providerId: 'b', asn: 64502 });
    expect(lookupHosting(index, '0.0.0.65')).toBeNull();
    expect(lookupHosting(index, '255.255.255.255')?.asn).toBe(64502);
    expect(lookupHosting(index, '2001:db8:0:1:ffff:ffff:ffff:ffff')?.providerId).toBe('a');
    expect(lookupHosting(index, '2001:db8:0:f::1')?.providerId).toBe('b');
    expect(lookupHosting(index, '2001:db9::1')).toBeNull();
  });

  it('rejects a malformed registry with its file and line', () => {
    const bad = (providers: object[]) => () => compileHosting(fixture(providers, ['1,2,64500,A'], []));
    expect(bad([P[0]!, { ...P[1]!, asns: [64500] }])).toThrow(/providers\.json:3: AS64500 is already listed by "a"/);
    expect(bad([P[0]!, { ...P[0]!, asns: [1] }])).toThrow(/:3: duplicate id "a"/);
    expect(bad([{ id: 'x', name: 'X', asns: [1] }])).toThrow(/:2: missing "owner"/);
    expect(bad([{ id: 'x', name: 'X', owner: 'o', asns: ['1'] }])).toThrow(/bad ASN 1/);
    expect(bad([{ id: 'x', name: 'X', owner: 'o', asns: [1], asn: 2 }])).toThrow(/unknown field "asn"/);
  });
});

describe('compileHosting on the real package and registry', () => {
  const first = compileHosting(root);

  it('is deterministic', () => {
    expect(JSON.stringify(compileHosting(root))).toBe(JSON.stringify(first));
  });

  it('records the installed package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@ip-location-db/asn/package.json'), 'utf8')) as { version: string };
    expect(first.provenance).toEqual([expect.objectContaining({ package: '@ip-location-db/asn', version: pkg.version, licence: 'CC-BY-4.0' })]);
  });

  it('emits sorted, disjoint ranges of listed ASNs only, and stays small', () => {
    const listed = new Set(first.part.providers.flatMap((p) => p.asns));
    const bad: number[] = []; // offending row offsets, so one assertion reports them all
    const v4 = rows(first.tables, 'v4');
    for (let i = 0; i < v4.length; i += 3) {
      if (v4[i]! > v4[i + 1]! || (i && v4[i]! <= v4[i - 2]!) || !listed.has(v4[i + 2]!)) bad.push(i);
    }
    const v6 = rows(first.tables, 'v6');
    // Rows are [startHi, startLo, endHi, endLo, asn]; compare (hi, lo) pairs.
    const before = (aHi: number, aLo: number, bHi: number, bLo: number) => aHi < bHi || (aHi === bHi && aLo < bLo);
    for (let i = 0; i < v6.length; i += 5) {
      if (before(v6[i + 2]!, v6[i + 3]!, v6[i]!, v6[i + 1]!)) bad.push(-i);
      if (i && !before(v6[i - 3]!, v6[i - 2]!, v6[i]!, v6[i + 1]!)) bad.push(-i);
      if (!listed.has(v6[i + 4]!)) bad.push(-i);
    }
    expect(bad).toEqual([]);
    expect(v4.length / 3).toBeGreaterThan(10_000);
    expect(v6.length / 5).toBeGreaterThan(1_000);
    expect((v4.length + v6.length) * 4).toBeLessThan(1_000_000);
  });

  it('names an owner of lists/owners for every provider', () => {
    const owners = new Set(readRegistryFolder<{ id: string }>(join(root, 'lists/owners'), root).map((o) => o.value.id));
    const missing = first.part.providers.filter((p) => !owners.has(p.owner)).map((p) => `${p.id} → ${p.owner}`);
    expect(missing).toEqual([]);
  });

  it('gives every provider at least one range (an ASN list that matches nothing is a typo)', () => {
    const seen = new Set([...Array.from(first.tables[T.v4Asn]!), ...Array.from(first.tables[T.v6Asn]!)]);
    expect(first.part.providers.filter((p) => !p.asns.some((a) => seen.has(a))).map((p) => p.id)).toEqual([]);
  });
});
