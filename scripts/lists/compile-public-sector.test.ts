// The public-sector registries compile, hold what they promise, and a bad entry is reported with file and line.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getDomain } from 'tldts';
import { compilePublicSector } from './compile-public-sector';
import { sharedDataDir } from '../../tests/shared-data';
import { parseFrenchPublicSectorList } from '../../utils/public-registries';

const root = resolve(import.meta.dirname, '../..');

describe('the real registries', () => {
  const { part, services } = compilePublicSector(root);

  it('compiles suffixes, curated sites, platforms and infrastructure', () => {
    expect(part.suffixes.length).toBeGreaterThanOrEqual(45);
    expect(part.sites.length).toBeGreaterThanOrEqual(600);
    expect(part.platforms).toContain('wordpress.com');
    expect(services.length).toBeGreaterThanOrEqual(15);
  });

  it('covers the State suffixes of the EU and beyond', () => {
    const suffix = new Map(part.suffixes.map((s) => [s.suffix, s.country]));
    expect(suffix.get('gouv.fr')).toBe('FR');
    expect(suffix.get('europa.eu')).toBe('EU');
    expect(suffix.get('admin.ch')).toBe('CH');
    expect(suffix.get('gov')).toBe('US');
    for (const s of ['gov.uk', 'mil', 'gc.ca', 'gv.at', 'gob.es', 'gov.it', 'bund.de', 'fgov.be', 'public.lu', 'gov.pl', 'gov.pt']) {
      expect(suffix.has(s), s).toBe(true);
    }
  });

  it('has every French region and the biggest cities', () => {
    const kinds = new Map(part.sites.map((s) => [s.domain, s.kind]));
    expect(part.sites.filter((s) => s.kind === 'region' && s.country === 'FR')).toHaveLength(17); // + Mayotte, a department
    for (const city of ['paris.fr', 'marseille.fr', 'lyon.fr', 'toulouse.fr', 'nice.fr', 'nantes.fr', 'strasbourg.eu']) {
      expect(kinds.get(city), city).toBe('city');
    }
    expect(part.sites.filter((s) => s.kind === 'department' && s.country === 'FR').length).toBeGreaterThanOrEqual(90);
  });

  it('keeps only what the engine needs in the compiled part (no source URLs)', () => {
    expect(Object.keys(part.sites[0]!).sort()).toEqual(['country', 'domain', 'kind', 'name']);
    expect(Object.keys(part.suffixes[0]!).sort()).toEqual(['country', 'name', 'suffix']);
  });

  it('carries shared public infrastructure as services, located for error messages', () => {
    const fc = services.find((s) => s.value.name === 'FranceConnect');
    expect(fc?.value).toMatchObject({ owner: 'dinum', category: 'public-infrastructure', hosts: ['franceconnect.gouv.fr'] });
    expect(fc?.file).toBe('lists/public-sector/infrastructure.json');
    expect(fc?.line).toBe(2);
    const hosts = services.flatMap((s) => s.value.hosts ?? []);
    for (const h of ['data.gouv.fr', 'stats.data.gouv.fr', 'api-adresse.data.gouv.fr', 'geopf.fr', 'geoportail.gouv.fr', 'proconnect.gouv.fr']) {
      expect(hosts, h).toContain(h);
    }
    expect(services.find((s) => s.value.hosts?.includes('stats.data.gouv.fr'))?.value.category).toBe('analytics');
  });

  it('French curated sites are, for the most part, confirmed by the DINUM registry (test data only)', () => {
    const data = sharedDataDir();
    const known = new Set<string>();
    const dir = join(data, 'fr-public-sector/by-type-2023-01');
    const files = [join(data, 'fr-public-sector/urls.txt'), ...readdirSync(dir).map((f) => join(dir, f))];
    for (const file of files) {
      for (const s of parseFrenchPublicSectorList(readFileSync(file, 'utf8')).sites) {
        known.add(s.host);
        known.add(getDomain(s.host) ?? s.host);
      }
    }
    const french = part.sites.filter((s) => s.country === 'FR');
    const confirmed = french.filter((s) => known.has(s.domain));
    // The registry is a crawl of live sites, not exhaustive (insee.fr, louvre.fr are missing from it).
    expect(confirmed.length / french.length).toBeGreaterThan(0.85);
  });
});

describe('bad entries', () => {
  /** A throw-away root holding the real registries with one file replaced. */
  function compileWith(file: string, lines: string[]): () => unknown {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-public-'));
    mkdirSync(join(dir, 'lists/public-sector'), { recursive: true });
    mkdirSync(join(dir, 'lists/owners'), { recursive: true });
    for (const f of ['suffixes.json', 'sites.json', 'infrastructure.json']) {
      writeFileSync(join(dir, 'lists/public-sector', f), readFileSync(join(root, 'lists/public-sector', f)));
    }
    writeFileSync(join(dir, 'lists/owners/core.json'), readFileSync(join(root, 'lists/owners/core.json')));
    writeFileSync(join(dir, 'lists/owners/public.json'), readFileSync(join(root, 'lists/owners/public.json')));
    writeFileSync(join(dir, 'lists/public-sector', file), '[\n' + lines.join(',\n') + '\n]\n');
    return () => {
      try {
        return compilePublicSector(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
  const site = (fields: object) => JSON.stringify({ domain: 'ville.fr', name: 'Ville', kind: 'city', country: 'FR', ...fields });
  const service = (fields: object) =>
    JSON.stringify({ name: 'S', owner: 'dinum', category: 'maps', hosts: ['s.example.fr'], source: 'https://s.example.fr/', ...fields });
  const sf = 'lists/public-sector/sites.json';

  it('names the file and line', () => {
    expect(compileWith('sites.json', [site({}), site({ domain: 'autre.fr', kind: 'castle' })])).toThrow(
      `${sf}:3: kind must be one of`,
    );
    expect(compileWith('sites.json', [site({}), '{"domain": broken']))
      .toThrow(`${sf}:3: not valid JSON`);
  });

  it('refuses duplicates, sites under a suffix rule, public suffixes, bad countries and unknown fields', () => {
    expect(compileWith('sites.json', [site({}), site({})])).toThrow(`${sf}:3: "ville.fr" listed twice`);
    expect(compileWith('sites.json', [site({ domain: 'impots.gouv.fr' })])).toThrow('covered by the suffix rule "gouv.fr"');
    expect(compileWith('sites.json', [site({ domain: 'notaires.fr' })])).toThrow('is a public suffix');
    expect(compileWith('sites.json', [site({ country: 'France' })])).toThrow(`${sf}:2: country must be`);
    expect(compileWith('sites.json', [site({ contry: 'FR' })])).toThrow('unknown field "contry"');
    expect(compileWith('sites.json', [site({ domain: 'Ville.FR' })])).toThrow('bad domain');
  });

  it('checks suffix rules', () => {
    const rule = (fields: object) => JSON.stringify({ suffix: 'gouv.fr', country: 'FR', name: 'French State', source: 'https://x.fr/', ...fields });
    expect(compileWith('suffixes.json', [rule({}), rule({})])).toThrow('lists/public-sector/suffixes.json:3: suffix "gouv.fr" listed twice');
    expect(compileWith('suffixes.json', [rule({ source: 'http://x.fr/' })])).toThrow('source must be an https URL');
    expect(compileWith('suffixes.json', [rule({ name: '' })])).toThrow('missing name');
  });

  it('checks infrastructure services against the owners registry and the categories', () => {
    const inf = 'lists/public-sector/infrastructure.json';
    expect(compileWith('infrastructure.json', [service({ owner: 'nobody' })])).toThrow(`${inf}:2: owner "nobody" is not in lists/owners/`);
    expect(compileWith('infrastructure.json', [service({ category: 'spying' })])).toThrow('unknown category "spying"');
    expect(compileWith('infrastructure.json', [service({ hosts: [] })])).toThrow('needs hosts or urls');
    expect(compileWith('infrastructure.json', [service({}), service({ name: 'T' })])).toThrow(
      'host "s.example.fr" already belongs to "S"',
    );
    expect(compileWith('infrastructure.json', [service({ urls: ['nopath'] })])).toThrow('bad url prefix');
    expect(compileWith('infrastructure.json', [service({ tracker: 'yes' })])).toThrow('tracker must be true or false');
  });
});
