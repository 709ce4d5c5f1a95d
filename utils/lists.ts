// The compiled lists as the engine uses them: lookup structures built once from lists/compiled/index.json.
import type { Provenance } from './types';
import { createServiceIndex, type ServiceIndex, type ServicesPart } from './services';
import { createTrackerIndex, type TrackerIndex, type TrackersPart } from './trackers';
import { createHostingIndex, type HostingIndex, type HostingPart } from './hosting';
import {
  createPublicSectorIndex,
  type ImportedPublicSite,
  type PublicSectorIndex,
  type PublicSectorPart,
} from './public-sector';
import { createCookieIndex, type CookieIndex, type CookieRule } from './cookies';
import type { Texts } from './texts';
import { tableViews, type TableDirectory } from './tables';

/** The file written by scripts/build-lists.ts. */
export interface CompiledLists {
  /** Content hash of everything below: audits and reports name the lists they were made with. */
  version: string;
  /** The binary tables file beside this one, and where each table sits in it. */
  tables: { file: string; bytes: number; sha256: string; directory: TableDirectory };
  provenance: Provenance[];
  services: ServicesPart;
  trackers: TrackersPart;
  hosting: HostingPart;
  publicSector: PublicSectorPart;
  cookies: CookieRule[];
  texts: Texts;
}

export interface Lists {
  version: string;
  provenance: readonly Provenance[];
  services: ServiceIndex;
  trackers: TrackerIndex;
  hosting: HostingIndex;
  publicSector: PublicSectorIndex;
  cookies: CookieIndex;
  texts: Texts;
}

/**
 * Builds the lookup structures from the compiled index and the bytes of its tables file (each face reads them
 * its own way); `imported` adds public-body registries the person imported (options page).
 */
export function createLists(compiled: CompiledLists, tables: Uint8Array, imported?: ImportedPublicSite[]): Lists {
  if (tables.byteLength !== compiled.tables.bytes) {
    throw new Error(`lists: ${compiled.tables.file} has ${tables.byteLength} bytes, the index expects ${compiled.tables.bytes}`);
  }
  const views = tableViews(tables, compiled.tables.directory);
  return {
    version: compiled.version,
    provenance: compiled.provenance,
    services: createServiceIndex(compiled.services),
    trackers: createTrackerIndex(compiled.trackers, views),
    hosting: createHostingIndex(compiled.hosting, views),
    publicSector: createPublicSectorIndex(compiled.publicSector, imported),
    cookies: createCookieIndex(compiled.cookies),
    texts: compiled.texts,
  };
}
