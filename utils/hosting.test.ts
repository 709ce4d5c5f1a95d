// Lookups against the part compiled from the real @ip-location-db/asn package; expected ASNs checked in its CSVs.
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { compileHosting } from '../scripts/lists/compile-hosting';
import { createHostingIndex, HOSTING_TABLES as T, lookupHosting, parseIPv4, type HostingPart } from './hosting';
import type { Columns } from '../scripts/lists/tables';
import { viewsOf } from '../tests/tables';

const root = fileURLToPath(new URL('..', import.meta.url));

const indexOf = (part: HostingPart, columns: Columns) => createHostingIndex(part, viewsOf(columns));

const compiled = compileHosting(root);
const index = indexOf(compiled.part, compiled.tables);
const providerOf = (ip: string) => lookupHosting(index, ip)?.providerId ?? null;

describe('lookupHosting on the compiled package', () => {
  // Each row: address, expected provider, the CSV range and ASN it was checked against.
  it.each([
    ['8.8.8.8', 'google-cloud', 15169], // 8.8.8.0-8.8.8.255 Google LLC
    ['1.1.1.1', 'cloudflare', 13335], // 1.1.1.0-1.1.1.255 Cloudflare, Inc.
    ['104.16.0.1', 'cloudflare', 13335], // 104.16.0.0-104.21.127.255
    ['52.95.110.1', 'aws', 16509], // 52.95.104.0-52.95.244.255 Amazon.com, Inc.
    ['3.5.0.1', 'aws', 14618], // 3.5.0.0-3.5.31.255 Amazon.com, Inc.
    ['20.50.0.1', 'azure', 8075], // 20.47.128.0-20.127.255.255 Microsoft Corporation
    ['13.107.42.14', 'azure', 8068], // 13.107.42.0-13.107.43.255 Microsoft Corporation
    ['145.239.0.1', 'ovhcloud', 16276], // 145.239.0.0/16 OVH SAS
    ['91.121.0.1', 'ovhcloud', 16276], // 91.121.0.0/16 OVH SAS
    ['51.15.0.1', 'scaleway', 12876], // 51.15.0.0/16 Scaleway SAS
    ['163.172.0.1', 'scaleway', 12876], // 163.172.0.0/16 Scaleway SAS
    ['5.9.0.1', 'hetzner', 24940], // 5.9.0.0/16 Hetzner Online GmbH
    ['88.198.0.1', 'hetzner', 24940], // 88.198.0.0/16 Hetzner Online GmbH
    ['151.101.1.1', 'fastly', 54113], // 151.101.0.0/16 Fastly, Inc.
    ['23.0.0.1', 'akamai', 20940], // 23.0.0.0-23.0.15.255 Akamai International B.V.
    ['2606:4700::1111', 'cloudflare', 13335], // 2606:4700::/47
    ['2001:4860:4860::8888', 'google-cloud', 15169], // 2001:4860:480d::-2001:4860:ffff:...
    ['2a00:1450:4007:80c::200e', 'google-cloud', 15169], // 2a00:1450::/32
    ['2a05:d018::1', 'aws', 16509], // 2a05:d000::/25
    ['2a01:111:f100::1', 'azure', 8075], // 2a01:111::/32
    ['2001:41d0::1', 'ovhcloud', 16276], // 2001:41d0::-2001:41d0:fbff:...
    ['2001:bc8::1', 'scaleway', 12876], // 2001:bc8::/32
    ['2a01:4f8::1', 'hetzner', 24940], // 2a01:4f8::/31
    ['2a04:4e42::1', 'fastly', 54113], // 2a04:4e42::/32
  ])('%s → %s (AS%i)', (ip, provider, asn) => {
    expect(lookupHosting(index, ip)).toMatchObject({ providerId: provider, asn });
  });

  it('answers the owner and the display name', () => {
    expect(lookupHosting(index, '8.8.8.8')).toEqual({ asn: 15169, provider: 'Google Cloud', providerId: 'google-cloud', owner: 'google' });
    expect(lookupHosting(index, '5.9.0.1')?.owner).toBe('hetzner');
  });

  it('returns null for networks of no listed provider', () => {
    expect(providerOf('73.0.0.1')).toBeNull(); // Comcast residential, AS7922
    expect(providerOf('81.240.0.1')).toBeNull(); // Proximus, AS5432
    expect(providerOf('2601::1')).toBeNull(); // Comcast residential, AS7922
    expect(providerOf('10.0.0.1')).toBeNull();
    expect(providerOf('127.0.0.1')).toBeNull();
    expect(providerOf('192.0.2.1')).toBeNull(); // documentation range
    expect(providerOf('0.0.0.0')).toBeNull();
    expect(providerOf('255.255.255.255')).toBeNull();
    expect(providerOf('::1')).toBeNull();
    expect(providerOf('::')).toBeNull();
    expect(providerOf('fe80::1%eth0')).toBeNull();
    expect(providerOf('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBeNull();
  });

  it('includes the first and last address of a range and nothing either side', () => {
    // CSV: 8.8.7.255 is AS3356 (Lumen), 8.8.8.0-8.8.8.255 AS15169, 8.8.9.0 AS23089: none but Google listed.
    expect(providerOf('8.8.7.255')).toBeNull();
    expect(providerOf('8.8.8.0')).toBe('google-cloud');
    expect(providerOf('8.8.8.255')).toBe('google-cloud');
    expect(providerOf('8.8.9.0')).toBeNull();
    // 1.0.255.255 is AS23969; nothing is announced between 1.1.2.0 and 1.1.7.255.
    expect(providerOf('1.0.255.255')).toBeNull();
    expect(providerOf('1.1.1.0')).toBe('cloudflare');
    expect(providerOf('1.1.1.255')).toBe('cloudflare');
    expect(providerOf('1.1.2.0')).toBeNull();
    // Two listed providers side by side: RENATER (AS2200) ends at 145.238.255.255, OVH starts at 145.239.0.0.
    expect(providerOf('145.238.255.255')).toBe('renater');
    expect(providerOf('145.239.0.0')).toBe('ovhcloud');
    expect(providerOf('145.239.255.255')).toBe('ovhcloud');
    // 51.14.255.255 is BT (AS2856); 51.16.0.0 starts an AWS range.
    expect(providerOf('51.14.255.255')).toBeNull();
    expect(providerOf('51.15.0.0')).toBe('scaleway');
    expect(providerOf('51.15.255.255')).toBe('scaleway');
    expect(providerOf('51.16.0.0')).toBe('aws');
    // IPv6: 2a01:4f0:ffff:... is AS31027; Hetzner holds 2a01:4f8:: to 2a01:4f9:ffff:...
    expect(providerOf('2a01:4f0:ffff:ffff:ffff:ffff:ffff:ffff')).toBeNull();
    expect(providerOf('2a01:4f8::')).toBe('hetzner');
    expect(providerOf('2a01:4f9:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('hetzner');
    expect(providerOf('2a01:4fa::')).toBeNull();
  });

  it('reads IPv6 in every textual form', () => {
    for (const ip of [
      '2001:4860:4860::8888',
      '2001:4860:4860:0:0:0:0:8888',
      '2001:4860:4860:0000:0000:0000:0000:8888',
      '2001:4860:4860::0:8888',
      '2001:4860:4860:0::8888',
      '2001:4860:4860::',
      '2001:4860:4860:0:0:0:0:0',
      '2001:4860:4860:ffff:ffff:ffff:ffff:ffff',
      '2001:4860:4860::8888:1.2.3.4',
      '2001:4860:4860::1:2:3:4',
      '2001:4860:4860:0:0:0:0.0.0.1',
      '2001:4860:4860::8888%eth0',
      '2001:4860:4860::8888%25en0',
      '[2001:4860:4860::8888]',
      '[2001:4860:4860::8888%eth0]',
      '2001:4860:4860::8888'.toUpperCase(),
      '2001:4860:4860::AbCd',
    ]) {
      expect(providerOf(ip), ip).toBe('google-cloud');
    }
  });

  it('looks IPv4-mapped and NAT64 addresses up as IPv4', () => {
    for (const ip of ['::ffff:8.8.8.8', '::FFFF:8.8.8.8', '0:0:0:0:0:ffff:8.8.8.8', '::ffff:808:808', '[::ffff:8.8.8.8]', '64:ff9b::8.8.8.8', '64:ff9b::808:808']) {
      expect(lookupHosting(index, ip), ip).toMatchObject({ providerId: 'google-cloud', asn: 15169 });
    }
    expect(providerOf('::ffff:1.1.1.1')).toBe('cloudflare');
    expect(providerOf('::ffff:73.0.0.1')).toBeNull();
    // IPv4-compatible (::a.b.c.d, deprecated) is not a mapping: it stays an IPv6 address, in no provider's range.
    expect(providerOf('::8.8.8.8')).toBeNull();
  });

  it('returns null for anything that is not an address, without throwing', () => {
    const garbage: unknown[] = [
      '', ' ', 'garbage', 'localhost', 'example.com', '8.8.8', '8.8.8.8.8', '8.8.8.', '.8.8.8.8', '8..8.8', '256.8.8.8',
      '8.8.8.256', '08.8.8.8', '8.8.8.08', '8.8.8.8 ', ' 8.8.8.8', '8.8.8.8/32', '8.8.8.8:443', '8.8.8.-1', '1e3.1.1.1',
      '8.8.8.8%eth0', '[8.8.8.8]', '0x8.8.8.8', '１.1.1.1',
      ':', ':::', '::::', '1:::2', '1::2::3', ':1::2', '1::2:', '2001:4860:4860::8888:', '2001:4860:4860:0:0:0:0:8888:1',
      '2001:4860:4860:0:0:0:8888', '2001:4860:4860::0:0:0:0:8888', '12345::1', 'g::1', '2001:4860:4860::88888',
      '[2001:4860:4860::8888', '2001:4860:4860::8888]', '[]', '[::]]', '2001:4860:4860::8888%', '[2001:4860:4860::8888]:443',
      '::ffff:8.8.8', '::ffff:8.8.8.8.8', '::ffff:256.8.8.8', '::ffff:8.8.8.8:1', '1.2.3.4::', '::1.2.3.4:5',
      '2001:4860:4860:0:0:0:0:8888:1.2.3.4', '2001:4860:4860::8888 ', '%eth0', 'fe80::%',
      null, undefined, 42, {}, [],
    ];
    for (const ip of garbage) {
      expect(() => lookupHosting(index, ip as string), String(ip)).not.toThrow();
      expect(lookupHosting(index, ip as string), String(ip)).toBeNull();
    }
  });

  it('shares one answer object per ASN (no allocation per lookup)', () => {
    expect(lookupHosting(index, '8.8.8.8')).toBe(lookupHosting(index, '8.8.4.4'));
    expect(Object.isFrozen(lookupHosting(index, '8.8.8.8'))).toBe(true);
  });
});

describe('parseIPv4', () => {
  it('parses dotted quads to unsigned numbers', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('8.8.8.8')).toBe(0x08080808);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIPv4('192.168.1.10')).toBe(0xc0a8010a);
  });

  it('refuses anything else', () => {
    for (const text of ['', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.256', '1.2.3.4 ', 'a.b.c.d', '::1', '1.2.3.4/8']) {
      expect(parseIPv4(text), text).toBeNull();
    }
  });
});

describe('createHostingIndex', () => {
  // Rows [start, end, asn] and [startHi, startLo, endHi, endLo, asn], split into the table columns.
  const part = (v4: number[], v6: number[] = []) => {
    const col = (rows: number[], width: number, i: number) => rows.filter((_, k) => k % width === i);
    return indexOf({ providers: [{ id: 'p', name: 'P', owner: 'o', asns: [64500] }] }, {
      [T.v4Start]: col(v4, 3, 0), [T.v4End]: col(v4, 3, 1), [T.v4Asn]: col(v4, 3, 2),
      [T.v6StartHi]: col(v6, 5, 0), [T.v6StartLo]: col(v6, 5, 1), [T.v6EndHi]: col(v6, 5, 2),
      [T.v6EndLo]: col(v6, 5, 3), [T.v6Asn]: col(v6, 5, 4),
    });
  };

  it('works with empty tables', () => {
    const empty = (part([]));
    expect(lookupHosting(empty, '8.8.8.8')).toBeNull();
    expect(lookupHosting(empty, '2001:db8::1')).toBeNull();
  });

  it('covers the whole address space at the edges', () => {
    const all = (part([0, 0xffffffff, 64500], [0, 0, 0xffffffff, 0xffffffff, 64500]));
    expect(lookupHosting(all, '0.0.0.0')?.providerId).toBe('p');
    expect(lookupHosting(all, '255.255.255.255')?.providerId).toBe('p');
    expect(lookupHosting(all, '::')?.providerId).toBe('p');
    expect(lookupHosting(all, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')?.providerId).toBe('p');
  });

  it('compares IPv6 on both 32-bit words of the upper half', () => {
    // One row: 2001:db8:0:1:: to 2001:db8:0:2:ffff:ffff:ffff:ffff.
    const one = (part([], [0x20010db8, 1, 0x20010db8, 2, 64500]));
    expect(lookupHosting(one, '2001:db8::ffff:ffff:ffff:ffff')).toBeNull();
    expect(lookupHosting(one, '2001:db8:0:1::')?.asn).toBe(64500);
    expect(lookupHosting(one, '2001:db8:0:2:ffff:ffff:ffff:ffff')?.asn).toBe(64500);
    expect(lookupHosting(one, '2001:db8:0:3::')).toBeNull();
    expect(lookupHosting(one, '2001:db9::')).toBeNull();
  });

});
