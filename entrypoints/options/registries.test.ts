import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLists } from '../../cli/lists';
import { classify } from '../../utils/classify';
import { parsePublicRegistry } from '../../utils/public-registries';
import { sharedDataDir } from '../../tests/shared-data';
import { importedSites, loadRegistries, readRegistries, REGISTRIES_KEY, removeRegistry, saveRegistry, toStoredRegistry } from './registries';
import { memoryArea } from './test-area';

const now = new Date('2026-11-24T10:00:00Z');

describe('imported registries', () => {
  it('stores the DINUM list compactly and gives back sites that make a commune public', async () => {
    const text = readFileSync(join(sharedDataDir(), 'fr-public-sector/urls.txt'), 'utf8');
    const stored = toStoredRegistry(parsePublicRegistry(text), 'urls.txt', now)!;
    expect(stored).toMatchObject({ source: 'fr-dinum', country: 'FR', format: 'fr-dinum-urls', fileName: 'urls.txt', importedAt: now.toISOString() });
    expect(stored.sites.length).toBeGreaterThan(20_000);
    expect(stored.sites[0]).not.toHaveProperty('source');

    const area = memoryArea();
    await saveRegistry(area, stored);
    const sites = importedSites(await loadRegistries(area));
    expect(sites).toHaveLength(stored.sites.length);
    const url = 'https://www.auberives-sur-vareze.fr/';
    expect(classify(url, url, loadLists())).toMatchObject({ publicSector: null });
    expect(classify(url, url, loadLists(sites))).toMatchObject({ publicSector: { source: 'fr-dinum', country: 'FR' } });
  });

  it('keeps the names and kinds of the .gov list, one entry per source, replaced by a new import', async () => {
    const area = memoryArea();
    const gov = toStoredRegistry(parsePublicRegistry('Domain name,Domain type,Organization name\n29palms.gov,City,City of Twentynine Palms\n'), 'current-full.csv', now)!;
    await saveRegistry(area, gov);
    await saveRegistry(area, toStoredRegistry(parsePublicRegistry('https://www.auberives-sur-vareze.fr\n'), 'a.txt', now)!);
    await saveRegistry(area, toStoredRegistry(parsePublicRegistry('https://www.auby.fr\n'), 'b.txt', now)!);
    const all = await loadRegistries(area);
    expect(Object.keys(all).sort()).toEqual(['fr-dinum', 'us-dotgov']);
    expect(all['fr-dinum']!.sites).toEqual([{ host: 'auby.fr' }]);
    expect(importedSites(all)).toContainEqual({ host: '29palms.gov', kind: 'City', name: 'City of Twentynine Palms', source: 'us-dotgov', country: 'US' });
    await removeRegistry(area, 'us-dotgov');
    expect(Object.keys(await loadRegistries(area))).toEqual(['fr-dinum']);
  });

  it('stores nothing for a file without sites, and ignores damaged stored entries', async () => {
    expect(toStoredRegistry(parsePublicRegistry('not a registry at all\n'), 'x.txt', now)).toBeNull();
    const area = memoryArea();
    area.data[REGISTRIES_KEY] = { 'fr-dinum': { source: 'fr-dinum' }, other: 'junk' };
    expect(readRegistries(area.data[REGISTRIES_KEY])).toEqual({});
  });
});
