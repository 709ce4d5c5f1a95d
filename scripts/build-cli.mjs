// Bundles the command line (cli/vigie.ts) into dist/cli/vigie.mjs; runs on `npm install` (prepare).
import { build } from 'esbuild';

try {
  await build({
    entryPoints: ['cli/vigie.ts'],
    outfile: 'dist/cli/vigie.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node packages with native parts or their own assets stay outside the bundle.
    packages: 'external',
    sourcemap: false,
    logLevel: 'warning',
  });
} catch {
  process.exit(1);
}
