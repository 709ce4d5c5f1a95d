#!/usr/bin/env node
// `npx vigie`: runs the bundled command line, built by `npm install` (or `npm run build:cli`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/vigie.mjs', import.meta.url));
if (!existsSync(bundle)) {
  console.error('vigie: the command line is not built yet; run `npm install` or `npm run build:cli` first.');
  process.exit(2);
}
const { run } = await import(bundle);
await run();
