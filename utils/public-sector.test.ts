// Public-sector recognition with the project's real lists and the real official registries imported.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedDataDir } from '../tests/shared-data';
import { compilePublicSector } from '../scripts/lists/compile-public-sector';
import { parseDotGovCsv, parseFrenchPublicSectorList } from './public-registries';
import {
  createPublicSectorIndex,
  publicBodyOf,
  publicRegistrableDomain,
  type PublicSectorPart,
} from './public-sector';

const root = resolve(import.meta.dirname, '..');
const data = sharedDataDir();
const { part } = compilePublicSector(root);
const bare = createPublicSectorIndex(part);
const dinum = parseFrenchPublicSectorList(readFileSync(join(data, 'fr-public-sector/urls.txt'), 'utf8')).sites;
const dotgov = parseDotGovCsv(readFileSync(join(data, 'us-dotgov/current-full.csv'), 'utf8')).sites;
const imported = createPublicSectorIndex(part, [...dinum, ...dotgov]);

describe('suffix rules', () => {
  it('two gouv.fr sites are public, and different parties', () => {
    const impots = publicBodyOf(bare, 'www.impots.gouv.fr');
    const economie = publicBodyOf(bare, 'www.economie.gouv.fr');
    expect(impots).toEqual({ source: 'suffix:gouv.fr', name: 'French State', country: 'FR' });
    expect(economie).toEqual(impots);
    expect(publicRegistrableDomain(bare, 'www.impots.gouv.fr')).toBe('impots.gouv.fr');
    expect(publicRegistrableDomain(bare, 'www.economie.gouv.fr')).toBe('economie.gouv.fr');
    expect(publicRegistrableDomain(bare, 'cfspart.impots.gouv.fr')).toBe('impots.gouv.fr');
  });

  it('splits suffixes the Public Suffix List lacks (admin.ch, bund.de, europa.eu)', () => {
    expect(publicBodyOf(bare, 'www.bag.admin.ch')).toMatchObject({ source: 'suffix:admin.ch', country: 'CH' });
    expect(publicRegistrableDomain(bare, 'www.bag.admin.ch')).toBe('bag.admin.ch');
    expect(publicRegistrableDomain(bare, 'www.bsi.bund.de')).toBe('bsi.bund.de');
    expect(publicBodyOf(bare, 'ec.europa.eu')).toMatchObject({ source: 'suffix:europa.eu', country: 'EU' });
    expect(publicRegistrableDomain(bare, 'commission.europa.eu')).toBe('commission.europa.eu');
  });

  it('the suffix itself and its www. are the suffix owner’s own site', () => {
    expect(publicRegistrableDomain(bare, 'www.gov.pl')).toBe('gov.pl');
    expect(publicRegistrableDomain(bare, 'gov.pl')).toBe('gov.pl');
    expect(publicRegistrableDomain(bare, 'www.admin.ch')).toBe('admin.ch');
    expect(publicBodyOf(bare, 'www.gov.pl')).toMatchObject({ source: 'suffix:gov.pl', country: 'PL' });
  });

  it('takes the longest suffix, and single-label suffixes work', () => {
    expect(publicRegistrableDomain(bare, 'www.tax.service.gov.uk')).toBe('tax.service.gov.uk');
    expect(publicBodyOf(bare, 'www.tax.service.gov.uk')).toMatchObject({ source: 'suffix:service.gov.uk' });
    expect(publicRegistrableDomain(bare, 'www.camden.gov.uk')).toBe('camden.gov.uk');
    expect(publicRegistrableDomain(bare, 'www.army.mil')).toBe('army.mil');
    expect(publicBodyOf(bare, 'www.irs.gov')).toMatchObject({ source: 'suffix:gov', country: 'US' });
  });

  it('matches whole labels only', () => {
    for (const host of ['notgouv.fr', 'gouv.fr.example.com', 'admin.ch.evil.net', 'xgov', 'europa.eu.com']) {
      expect(publicBodyOf(bare, host), host).toBeNull();
      expect(publicRegistrableDomain(bare, host), host).toBeNull();
    }
  });

  it('returns null outside the table', () => {
    expect(publicRegistrableDomain(bare, 'www.paris.fr')).toBeNull();
    expect(publicRegistrableDomain(bare, 'localhost')).toBeNull();
  });
});

describe('curated sites', () => {
  it('paris.fr and its subdomains are the Ville de Paris', () => {
    const paris = { source: 'vigie', id: 'paris.fr', name: 'Ville de Paris', country: 'FR' };
    expect(publicBodyOf(bare, 'paris.fr')).toEqual(paris);
    expect(publicBodyOf(bare, 'www.paris.fr')).toEqual(paris);
    expect(publicBodyOf(bare, 'cdn.paris.fr')).toEqual(paris);
  });

  it('knows regions, agencies, hospitals, universities, academies and other capitals', () => {
    expect(publicBodyOf(bare, 'www.iledefrance.fr')?.id).toBe('iledefrance.fr');
    expect(publicBodyOf(bare, 'www.ameli.fr')?.id).toBe('ameli.fr');
    expect(publicBodyOf(bare, 'www.aphp.fr')?.id).toBe('aphp.fr');
    expect(publicBodyOf(bare, 'www.univ-lyon1.fr')?.id).toBe('univ-lyon1.fr');
    expect(publicBodyOf(bare, 'www.ac-versailles.fr')?.id).toBe('ac-versailles.fr');
    expect(publicBodyOf(bare, 'www.berlin.de')).toMatchObject({ id: 'berlin.de', country: 'DE' });
    expect(publicBodyOf(bare, 'www.comune.roma.it')).toMatchObject({ id: 'comune.roma.it', country: 'IT' });
    expect(publicBodyOf(bare, 'www.eib.org')).toMatchObject({ country: 'EU' });
  });

  it('does not know private sites', () => {
    for (const host of ['google.com', 'www.google.com', 'fonts.googleapis.com', 'www.laposte.fr', 'example.fr', '']) {
      expect(publicBodyOf(bare, host), host).toBeNull();
      expect(publicBodyOf(imported, host), host).toBeNull();
    }
  });
});

describe('imported registries', () => {
  it('recognises a commune known only from the DINUM list, after import', () => {
    expect(publicBodyOf(bare, 'www.aspach-le-bas.alsace')).toBeNull();
    expect(publicBodyOf(imported, 'www.aspach-le-bas.alsace')).toEqual({ source: 'fr-dinum', country: 'FR' });
    expect(publicBodyOf(imported, 'aspach-le-bas.alsace')).toEqual({ source: 'fr-dinum', country: 'FR' });
    expect(publicBodyOf(imported, 'xn--mto-bmab.fr')).toEqual({ source: 'fr-dinum', country: 'FR' }); // météo.fr
  });

  it('names a federal agency from the .gov registry, the most specific entry winning over the gov suffix', () => {
    expect(publicBodyOf(imported, 'www.nasa.gov')).toEqual({
      source: 'us-dotgov',
      name: 'National Aeronautics and Space Administration',
      country: 'US',
    });
  });

  it('the most specific entry wins; the curated name wins over an unnamed import of the same domain', () => {
    expect(publicBodyOf(imported, 'www.paris.fr')).toMatchObject({ source: 'vigie', name: 'Ville de Paris' });
    expect(publicBodyOf(imported, 'www.impots.gouv.fr')?.country).toBe('FR');
    expect(publicRegistrableDomain(imported, 'www.impots.gouv.fr')).toBe('impots.gouv.fr');
  });

  it('a listed platform host does not make the platform’s other sites public', () => {
    expect(dinum.some((s) => s.host === 'wordpress.com')).toBe(true); // the registry lists it
    expect(publicBodyOf(imported, 'wordpress.com')).toBeNull();
    expect(publicBodyOf(imported, 'someone-else.wordpress.com')).toBeNull();
    expect(publicBodyOf(imported, 'argentieres77.wordpress.com')).toEqual({ source: 'fr-dinum', country: 'FR' });
  });

  it('a listed public suffix (notaires.fr) is that site only, not every notary', () => {
    expect(publicBodyOf(imported, 'www.notaires.fr')).toEqual({ source: 'fr-dinum', country: 'FR' });
    expect(publicBodyOf(imported, 'etude-dupont.notaires.fr')).toBeNull();
  });

  it('user entries and ids pass through; malformed entries are skipped', () => {
    const index = createPublicSectorIndex(part, [
      { host: 'mairie-exemple.fr', source: 'user', id: 'u1', name: 'Mairie d’Exemple', country: 'FR' },
      { host: '', source: 'user', country: 'FR' },
      null as never,
    ]);
    expect(publicBodyOf(index, 'www.mairie-exemple.fr')).toEqual({
      source: 'user',
      id: 'u1',
      name: 'Mairie d’Exemple',
      country: 'FR',
    });
  });

  it('tolerates a trailing dot', () => {
    expect(publicBodyOf(imported, 'www.paris.fr.')?.id).toBe('paris.fr');
    expect(publicRegistrableDomain(imported, 'www.bag.admin.ch.')).toBe('bag.admin.ch');
  });
});

describe('an empty part', () => {
  it('recognises nothing', () => {
    const empty: PublicSectorPart = { suffixes: [], sites: [], platforms: [] };
    const index = createPublicSectorIndex(empty);
    expect(publicBodyOf(index, 'www.impots.gouv.fr')).toBeNull();
    expect(publicRegistrableDomain(index, 'www.impots.gouv.fr')).toBeNull();
  });
});
