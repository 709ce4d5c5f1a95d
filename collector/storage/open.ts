// Picks the store from the settings: PostgreSQL when DATABASE_URL is set, else the SQLite file under DATA_DIR.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import type { Store } from './store';

export const SQLITE_FILE = 'vigie-collector.sqlite';

export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  if (config.databaseUrl) {
    // Loaded only when used: a SQLite-only collector never needs pg, and the reverse.
    const { PostgresStore } = await import('./postgres');
    return PostgresStore.open(config.databaseUrl);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const { SqliteStore } = await import('./sqlite');
  return new SqliteStore(join(config.dataDir, SQLITE_FILE));
}
