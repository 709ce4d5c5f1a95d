// The committed compiled index must be exactly what the lists and the pinned packages compile to today.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_PATH, TABLES_PATH, compileIndex, serialise } from './compile-index';
import { loadOwners } from './compile-owners';
import { slug } from './slug';

const root = resolve(import.meta.dirname, '../..');

describe('compiled lists', () => {
  const { index: fresh, tables } = compileIndex(root);

  it('are not stale: run `npm run build:lists` and commit the result when this fails', () => {
    const committed = readFileSync(join(root, COMPILED_PATH), 'utf8');
    const parsed = JSON.parse(committed) as { version: string };
    expect(parsed.version, 'lists/compiled/index.json is stale').toBe(fresh.version);
    expect(committed === serialise(fresh), 'lists/compiled/index.json is stale').toBe(true);
    expect(Buffer.compare(readFileSync(join(root, TABLES_PATH)), tables), 'lists/compiled/tables.bin is stale').toBe(0);
  });

  it('record the provenance and licence of every part', () => {
    const packages = fresh.provenance.map((p) => `${p.package ?? 'vigie'}@${p.licence}`);
    expect(packages).toEqual(
      expect.arrayContaining([
        'vigie@AGPL-3.0-or-later',
        'third-party-web@MIT',
        '@adguard/dnr-rulesets@GPL-3.0',
        '@ip-location-db/asn@CC-BY-4.0',
      ]),
    );
    for (const p of fresh.provenance) if (p.package) expect(p.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('give every company third-party-web names an owner with a parent country', () => {
    const owners = loadOwners(root);
    const entities = JSON.parse(
      readFileSync(join(root, 'node_modules/third-party-web/dist/entities.json'), 'utf8'),
    ) as Array<{ name: string; company?: string }>;
    const missing = entities.map((e) => slug(e.company ?? e.name)).filter((id) => !owners.has(id));
    expect(missing).toEqual([]);
  });

  it('version changes with content', () => {
    expect(fresh.version).toMatch(/^L-[0-9a-f]{16}$/);
  });
});
