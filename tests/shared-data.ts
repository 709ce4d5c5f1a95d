// Where the real public registries used by tests live (../shared/data, never copied into the project).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The shared test data folder: $VIGIE_SHARED_DATA, else ../shared/data beside the checkout, else /work/shared/data. */
export function sharedDataDir(): string {
  const candidates = [
    process.env.VIGIE_SHARED_DATA,
    resolve(here, '../../shared/data'),
    '/work/shared/data',
  ].filter((p): p is string => Boolean(p));
  for (const dir of candidates) if (existsSync(join(dir, 'README.md'))) return dir;
  throw new Error(`Shared test data not found; set VIGIE_SHARED_DATA (looked in ${candidates.join(', ')})`);
}
