// `npm run bench`: every benchmark, as ratios against references measured in the same run.
import { resolve } from 'node:path';
import { benchEngine } from './engine';
import { benchCollector } from './collector';
import { benchExtension } from './extension';
import { benchAudit } from './audit';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const suites: Record<string, () => Promise<unknown>> = {
  engine: () => benchEngine(root),
  extension: () => benchExtension(),
  collector: () => benchCollector(root),
  audit: () => benchAudit(),
};

for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
