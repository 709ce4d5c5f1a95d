// Public-body registries the person imported (French DINUM list, US .gov list), kept in storage.local: one
// entry per source, replaced by a new import of that source. The background adds their sites to the lists.
import type { ImportedPublicSite } from '../../utils/public-sector';
import type { ParseResult, RegistryFormat } from '../../utils/public-registries';
import type { LocalArea } from './settings';

export const REGISTRIES_KEY = 'vigie.registries.v1';

/** A site without what its registry already says for all (source, country): an import of 35,000 sites stays small. */
export type StoredSite = Omit<ImportedPublicSite, 'source' | 'country'>;

export interface StoredRegistry {
  source: string;
  country: string;
  format: RegistryFormat;
  fileName: string;
  /** ISO date of the import. */
  importedAt: string;
  sites: StoredSite[];
}

export type StoredRegistries = Record<string, StoredRegistry>;

const FORMATS: ReadonlySet<string> = new Set<RegistryFormat>(['fr-dinum-urls', 'fr-dinum-csv', 'us-dotgov']);

function isRegistry(value: unknown): value is StoredRegistry {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.source === 'string' &&
    typeof r.country === 'string' &&
    typeof r.format === 'string' &&
    FORMATS.has(r.format) &&
    typeof r.fileName === 'string' &&
    typeof r.importedAt === 'string' &&
    Array.isArray(r.sites)
  );
}

/** Stored registries, a damaged entry left out rather than breaking the lists of the whole extension. */
export function readRegistries(value: unknown): StoredRegistries {
  const out: StoredRegistries = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [source, registry] of Object.entries(value)) if (isRegistry(registry) && registry.source === source) out[source] = registry;
  return out;
}

/** What an import stores, or null when the file gave no site (nothing replaces an earlier import then). */
export function toStoredRegistry(parsed: ParseResult & { format: RegistryFormat }, fileName: string, now: Date): StoredRegistry | null {
  const first = parsed.sites[0];
  if (!first) return null;
  return {
    source: first.source,
    country: first.country,
    format: parsed.format,
    fileName,
    importedAt: now.toISOString(),
    sites: parsed.sites.map(({ source: _source, country: _country, ...site }) => site),
  };
}

/** Every imported site, as utils/lists.ts createLists takes them. */
export function importedSites(registries: StoredRegistries): ImportedPublicSite[] {
  return Object.values(registries).flatMap((r) => r.sites.map((site) => ({ ...site, source: r.source, country: r.country })));
}

export async function loadRegistries(area: LocalArea): Promise<StoredRegistries> {
  return readRegistries((await area.get(REGISTRIES_KEY))[REGISTRIES_KEY]);
}

export async function saveRegistry(area: LocalArea, registry: StoredRegistry): Promise<void> {
  const all = await loadRegistries(area);
  await area.set({ [REGISTRIES_KEY]: { ...all, [registry.source]: registry } });
}

export async function removeRegistry(area: LocalArea, source: string): Promise<void> {
  const { [source]: _removed, ...rest } = await loadRegistries(area);
  await area.set({ [REGISTRIES_KEY]: rest });
}
