// Writes lists/compiled/index.json from lists/ and the pinned npm data packages (npm run build:lists).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED_PATH, TABLES_PATH, compileIndex, serialise } from './lists/compile-index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { index, tables } = compileIndex(root);
  const out = join(root, COMPILED_PATH);
  mkdirSync(dirname(out), { recursive: true });
  const text = serialise(index);
  writeFileSync(out, text);
  writeFileSync(join(root, TABLES_PATH), tables);
  console.log(`${COMPILED_PATH}: version ${index.version}, ${(text.length / 1024).toFixed(0)} KiB`);
  console.log(`${TABLES_PATH}: ${(tables.byteLength / 1024).toFixed(0)} KiB`);
  const count = (lines: string) => lines.split('\n').length;
  console.log(`  ${count(index.services.services)} services, ${count(index.services.owners)} owners, ` +
    `${index.trackers.hostCount} tracker hosts, ${index.cookies.length} cookie rules`);
} catch (error) {
  console.error(`build-lists: ${(error as Error).message}`);
  process.exit(1);
}
