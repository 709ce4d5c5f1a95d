// Parsers of the official public-sector registries, run on the real published files.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import { sharedDataDir } from '../tests/shared-data';
import {
  normaliseHost,
  parseDotGovCsv,
  parseFrenchPublicSectorList,
  parsePublicRegistry,
} from './public-registries';

const data = sharedDataDir();
const read = (path: string) => readFileSync(join(data, path), 'utf8');
const byTypeDir = 'fr-public-sector/by-type-2023-01';

describe('French DINUM urls.txt', () => {
  const text = read('fr-public-sector/urls.txt');
  const result = parseFrenchPublicSectorList(text);
  const hosts = new Set(result.sites.map((s) => s.host));

  it('reads every line: 35,742 URLs fold into 31,900 hosts (scheme and www. variants)', () => {
    expect(text.trim().split('\n')).toHaveLength(35_742);
    expect(result.errors).toEqual([]);
    expect(result.sites).toHaveLength(31_900);
    expect(hosts.size).toBe(result.sites.length);
  });

  it('keeps communes, hospitals and State services, without scheme or www.', () => {
    expect(hosts.has('aspach-le-bas.alsace')).toBe(true);
    expect(hosts.has('bischheim.alsace')).toBe(true);
    expect(hosts.has('www.bischheim.alsace')).toBe(false);
    expect(hosts.has('aphp.fr')).toBe(true);
    expect(result.sites.find((s) => s.host === 'aspach-le-bas.alsace')).toEqual({
      host: 'aspach-le-bas.alsace',
      source: 'fr-dinum',
      country: 'FR',
    });
    expect(result.sites.filter((s) => !/^[a-z0-9_.-]+$/.test(s.host))).toEqual([]);
  });

  it('turns IDN hosts into the punycode a browser reports', () => {
    const idn = text.split('\n').filter((l) => /[\u0080-\uffff]/.test(l));
    expect(idn.length).toBeGreaterThan(10);
    for (const line of idn) {
      const host = line.replace(/^https?:\/\//, '').replace(/^www\./, '');
      expect(hosts.has(domainToASCII(host))).toBe(true);
    }
    expect(hosts.has('xn--galit-handicap-9jbf.gouv.fr')).toBe(true); // égalité-handicap.gouv.fr
  });
});

describe('French DINUM CSV files by type', () => {
  const expected: Record<string, { sites: number; errors: number }> = {
    'domains-communes.csv': { sites: 18_492, errors: 0 },
    'domains-conseils-departementaux.csv': { sites: 137, errors: 0 },
    'domains-conseils-regionaux.csv': { sites: 16, errors: 0 },
    'domains-epci.csv': { sites: 1_389, errors: 9 },
    'domains-gouvfr-divers.csv': { sites: 19_352, errors: 0 },
    'domains-hopitaux.csv': { sites: 32, errors: 0 },
    'domains-prefectures.csv': { sites: 97, errors: 0 },
    'domains-universites.csv': { sites: 95, errors: 1 },
  };

  it('parses every file, reporting the malformed names by line instead of throwing', () => {
    const files = readdirSync(join(data, byTypeDir)).filter((f) => f.endsWith('.csv'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      const result = parsePublicRegistry(read(`${byTypeDir}/${file}`));
      expect(result.format, file).toBe('fr-dinum-csv');
      expect({ sites: result.sites.length, errors: result.errors.length }, file).toEqual(expected[file]);
    }
  });

  it('names the faulty lines: domains glued to their TLD are not taken for hosts', () => {
    const universities = parseFrenchPublicSectorList(read(`${byTypeDir}/domains-universites.csv`));
    expect(universities.errors).toEqual([{ line: 2, message: 'unknown top-level domain in "universita.corsicafr"' }]);
    const epci = parseFrenchPublicSectorList(read(`${byTypeDir}/domains-epci.csv`));
    expect(epci.errors[0]).toEqual({ line: 2651, message: 'unknown top-level domain in "levezou.frcitoyen-du-levezou"' });
  });

  it('finds known bodies: a hospital, a university, a prefecture, a commune', () => {
    const hosts = (file: string) => new Set(parseFrenchPublicSectorList(read(`${byTypeDir}/${file}`)).sites.map((s) => s.host));
    expect(hosts('domains-hopitaux.csv').has('chu-lyon.fr')).toBe(true);
    expect(hosts('domains-universites.csv').has('univ-lyon1.fr')).toBe(true);
    expect(hosts('domains-prefectures.csv').has('ain.gouv.fr')).toBe(true);
    expect(hosts('domains-communes.csv').has('aspach-le-bas.alsace')).toBe(true);
    // Hosts with an underscore exist in DNS and in the registry.
    expect(hosts('domains-gouvfr-divers.csv').has('prod_conv.culture.gouv.fr')).toBe(true);
  });
});

describe('US CISA current-full.csv', () => {
  const result = parsePublicRegistry(read('us-dotgov/current-full.csv'));

  it('reads all 16,539 domains (CRLF, quoted fields with commas)', () => {
    expect(result.format).toBe('us-dotgov');
    expect(result.errors).toEqual([]);
    expect(result.sites).toHaveLength(16_539);
    expect(result.sites.filter((s) => !s.host.endsWith('.gov'))).toEqual([]);
  });

  it('keeps the type as kind and the organisation as name', () => {
    const site = (host: string) => result.sites.find((s) => s.host === host);
    expect(site('nasa.gov')).toEqual({
      host: 'nasa.gov',
      source: 'us-dotgov',
      country: 'US',
      kind: 'Federal - Executive',
      name: 'National Aeronautics and Space Administration',
    });
    expect(site('irs.gov')?.name).toBe('Department of the Treasury');
    expect(site('acton-ma.gov')).toMatchObject({ kind: 'City', name: 'Town of Acton, Massachusetts' });
    expect(site('29palms.gov')).toMatchObject({ kind: 'City', name: 'City of Twentynine Palms' });
  });
});

describe('broken input gives errors, never exceptions', () => {
  it('empty input', () => {
    for (const text of ['', '\n\n', '\ufeff']) {
      const result = parsePublicRegistry(text);
      expect(result.sites).toEqual([]);
      expect(result.errors).toEqual([{ line: 0, message: 'no entries found' }]);
    }
  });

  it('binary garbage', () => {
    let seed = 42;
    const bytes = Array.from({ length: 200_000 }, () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) >> 16) & 0xff);
    const garbage = String.fromCharCode(...bytes.slice(0, 100_000)) + String.fromCharCode(...bytes.slice(100_000));
    const result = parsePublicRegistry(garbage);
    expect(result.sites).toEqual([]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.length).toBeLessThanOrEqual(1001);
    const utf8 = parsePublicRegistry(new TextDecoder().decode(new Uint8Array(bytes)));
    expect(utf8.sites).toEqual([]);
  });

  it('a value that is not text', () => {
    expect(parsePublicRegistry(undefined as unknown as string).errors).toEqual([{ line: 0, message: 'input is not text' }]);
    expect(parseDotGovCsv(42 as unknown as string).sites).toEqual([]);
  });

  it('a CSV without its domain column', () => {
    const noDomain = 'Domain type,Organization name\nCity,"Town of X, ST"\n';
    expect(parseDotGovCsv(noDomain)).toEqual({ sites: [], errors: [{ line: 1, message: 'missing column "Domain name"' }] });
    const noName = 'host,http_status\nparis.fr,200 OK\n';
    // Without a "name" header this is not the DINUM CSV: each line is then read as a URL and rejected.
    const french = parseFrenchPublicSectorList(noName);
    expect(french.sites).toEqual([]);
    expect(french.errors.map((e) => e.line)).toEqual([1, 2]);
  });

  it('a CSV missing an informative column still yields its domains, with the gap reported', () => {
    const result = parseDotGovCsv('Domain name,Organization name\nexample.gov,Example Agency\n');
    expect(result.sites).toEqual([{ host: 'example.gov', source: 'us-dotgov', country: 'US', name: 'Example Agency' }]);
    expect(result.errors).toEqual([{ line: 1, message: 'missing column "Domain type"' }]);
  });

  it('short rows, unterminated quotes and bad hosts are reported by line', () => {
    const text = [
      'Domain name,Domain type,Organization name',
      'good.gov,City,"City of Good, ST"',
      'short.gov,City',
      'open.gov,City,"City of Nowhere',
      'not a host,City,Nobody',
      '192.168.0.1,City,An address',
      'escaped.gov,City,"The ""Quoted"" City"',
    ].join('\r\n');
    const result = parseDotGovCsv(text);
    expect(result.sites.map((s) => [s.host, s.name])).toEqual([
      ['good.gov', 'City of Good, ST'],
      ['escaped.gov', 'The "Quoted" City'],
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
  });
});

describe('normaliseHost', () => {
  it('strips scheme, credentials, port, path, trailing dot and www.', () => {
    expect(normaliseHost('HTTPS://user@WWW.Paris.FR:443/a/b?c#d')).toBe('paris.fr');
    expect(normaliseHost('www.lyon.fr.')).toBe('lyon.fr');
    expect(normaliseHost('  mairie.fr  ')).toBe('mairie.fr');
    expect(normaliseHost('https://www.météo.fr')).toBe('xn--mto-bmab.fr');
  });

  it('refuses what is not a public domain name', () => {
    for (const bad of ['', 'localhost', 'paris', '10.0.0.1', 'exa mple.fr', '-bad.fr', 'a..b.fr', 'x.notatld', 'p\u0000.fr', '\ufffd.fr']) {
      expect(normaliseHost(bad), bad).toHaveProperty('error');
    }
  });
});
