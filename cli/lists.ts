// The compiled lists for Node faces (command line, collector, tests, benchmarks), read from lists/compiled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLists, type CompiledLists, type Lists } from '../utils/lists';
import type { ImportedPublicSite } from '../utils/public-sector';
import { projectRoot } from './io';

let lists: Lists | undefined;

export function readCompiledLists(root = projectRoot()): { index: CompiledLists; tables: Uint8Array } {
  const dir = join(root, 'lists/compiled');
  // The index is pure ASCII (non-ASCII characters are escaped), so latin1 reads it without UTF-8 decoding.
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'latin1')) as CompiledLists;
  return { index, tables: readFileSync(join(dir, index.tables.file)) };
}

/** The lists shipped with this checkout, built once per process. */
export function loadLists(imported?: ImportedPublicSite[]): Lists {
  if (imported) {
    const { index, tables } = readCompiledLists();
    return createLists(index, tables, imported);
  }
  if (!lists) {
    const { index, tables } = readCompiledLists();
    lists = createLists(index, tables);
  }
  return lists;
}
