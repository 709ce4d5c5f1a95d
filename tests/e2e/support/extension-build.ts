// Where the built extension is (npm run build writes it; CI builds before running tests).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export type BuildTarget = 'chrome-mv3' | 'firefox-mv2';

/** Absolute path of .output/<target>; throws a sentence saying how to build it when it is missing. */
export function extensionBuildDir(target: BuildTarget): string {
  const dir = process.env.VIGIE_EXTENSION_OUTPUT ? join(process.env.VIGIE_EXTENSION_OUTPUT, target) : join(root, '.output', target);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension in ${dir}: run \`npm run build\` first (npm test does it).`);
  }
  return dir;
}
