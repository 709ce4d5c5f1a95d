// Assembles the compiled index from every part; deterministic, so a test can prove the committed copy is current.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileHosting } from './compile-hosting';
import { linkOwners } from './compile-owners';
import { compilePublicSector } from './compile-public-sector';
import { compileServices } from './compile-services';
import { compileTrackers } from './compile-trackers';
import { compileCookies } from './compile-cookies';
import type { CompiledLists } from '../../utils/lists';
import type { Texts } from '../../utils/texts';
import { packTables } from './tables';

export const COMPILED_PATH = 'lists/compiled/index.json';
export const TABLES_PATH = 'lists/compiled/tables.bin';

export interface Compilation {
  index: CompiledLists;
  tables: Uint8Array;
}

export function compileIndex(root: string): Compilation {
  const publicSector = compilePublicSector(root);
  const services = compileServices(root, publicSector.services);
  const trackers = compileTrackers(root);
  const hosting = compileHosting(root);
  const cookies = compileCookies(root);
  const owners = linkOwners(root, services, hosting.part.providers.map((p) => p.owner), cookies);
  const texts = {
    ...(JSON.parse(readFileSync(join(root, 'lists/texts.json'), 'utf8')) as Omit<Texts, 'countries'>),
    countries: JSON.parse(readFileSync(join(root, 'lists/countries.json'), 'utf8')) as Texts['countries'],
  };
  const unnamed = owners.countries.filter((c) => !texts.countries[c]);
  if (unnamed.length) throw new Error(`lists/countries.json lacks: ${unnamed.sort().join(', ')}`);

  const packed = packTables({ ...trackers.tables, ...hosting.tables });
  const body: Omit<CompiledLists, 'version'> = {
    tables: {
      file: 'tables.bin',
      bytes: packed.bytes.byteLength,
      sha256: createHash('sha256').update(packed.bytes).digest('hex'),
      directory: packed.directory,
    },
    provenance: [
      { part: 'owners, services, public sector, cookies, texts', licence: 'AGPL-3.0-or-later', source: 'Vigie lists/' },
      ...services.provenance,
      ...trackers.provenance,
      ...hosting.provenance,
    ],
    services: owners.services,
    trackers: trackers.part,
    hosting: hosting.part,
    publicSector: publicSector.part,
    cookies: owners.cookies,
    texts,
  };
  // The tables' own hash is part of the body, so the version covers them too.
  const version = 'L-' + createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { index: { version, ...body }, tables: packed.bytes };
}

/** JSON with every non-ASCII character escaped: the file then reads as one-byte text, the fastest to parse. */
export function serialise(index: CompiledLists): string {
  return JSON.stringify(index).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
