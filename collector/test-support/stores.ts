// The two stores the same tests run on: a SQLite file in a temp folder, and a database on a throwaway cluster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { postgresBinDir, stopPostgres, usePostgres } from './postgres';

export interface StoreSetting {
  databaseUrl: string | null;
  dataDir: string;
  cleanup(): void;
}

export interface StoreCase {
  name: 'sqlite' | 'postgres';
  /** Settings for a fresh, empty store. */
  fresh(): Promise<StoreSetting>;
}

const sqlite: StoreCase = {
  name: 'sqlite',
  async fresh() {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-collector-'));
    return { databaseUrl: null, dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

const postgres: StoreCase = {
  name: 'postgres',
  async fresh() {
    const cluster = await usePostgres();
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-collector-'));
    return { databaseUrl: await cluster.createDatabase(), dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

/**
 * Both stores. Without PostgreSQL binaries the PostgreSQL half is skipped with a warning on a developer's machine,
 * and fails in CI (CI=true), where scripts/install-system.sh installs them.
 */
export function storeCases(): StoreCase[] {
  // The test file's cluster (if any test started one) stops when the file is done.
  afterAll(() => stopPostgres());
  if (postgresBinDir() || process.env.CI === 'true') return [sqlite, postgres];
  console.warn('PostgreSQL binaries not found: collector tests run on SQLite only (scripts/install-system.sh installs them)');
  return [sqlite];
}
