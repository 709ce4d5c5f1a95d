// Engine benchmarks: classification speed against tldts and third-party-web, cold load and heap of the index.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'tldts';
import { createClassifier } from '../utils/classify';
import { createLists } from '../utils/lists';
import { readCompiledLists } from '../cli/lists';
import { requestCorpus } from './corpus';
import { interleave, median, printFigures, type Figure } from './measure';

const require = createRequire(import.meta.url);

export async function benchEngine(root: string): Promise<Figure[]> {
  const urls = requestCorpus(root);
  const { index: compiled, tables } = readCompiledLists(root);
  const tpw = require('third-party-web') as { getEntity(url: string): unknown };
  const page = 'https://www.lyon.fr/';

  // The classifier as the extension and the CLI use it: one lists instance, its host cache warm after a page.
  const lists = createLists(compiled, tables);
  const classify = createClassifier(lists, page);
  let sink = 0;
  const tasks = {
    tldts: () => {
      for (const u of urls) sink += parse(u).domain?.length ?? 0;
    },
    vigie: () => {
      for (const u of urls) sink += classify(u) ? 1 : 0;
    },
    // Every host seen for the first time: a fresh lists instance has an empty cache.
    vigieCold: () => {
      const fresh = createClassifier(createLists(compiled, tables), page);
      for (const u of urls) sink += fresh(u) ? 1 : 0;
    },
    thirdPartyWeb: () => {
      for (const u of urls) sink += tpw.getEntity(u) ? 1 : 0;
    },
  };
  tasks.vigie(); // warm-up: JIT and the host cache
  tasks.thirdPartyWeb();
  tasks.tldts();
  const t = interleave(tasks, 7);
  const coldLoad = loadInChild(root, 'time');
  const heap = loadInChild(root, 'heap');
  if (sink < 0) console.log(sink);

  const figures: Figure[] = [
    { name: `corpus: request URLs`, value: String(urls.length) },
    { name: 'tldts.parse, µs per URL', value: ((t.tldts! * 1000) / urls.length).toFixed(3) },
    { name: 'Vigie classify, µs per URL', value: ((t.vigie! * 1000) / urls.length).toFixed(3) },
    { name: 'Vigie classify with an empty host cache, µs per URL', value: ((t.vigieCold! * 1000) / urls.length).toFixed(3) },
    { name: "third-party-web getEntity, µs per URL", value: ((t.thirdPartyWeb! * 1000) / urls.length).toFixed(3) },
    { name: 'classify / tldts.parse', value: `${(t.vigie! / t.tldts!).toFixed(2)}×`, target: '≤ 1.5×', ok: t.vigie! / t.tldts! <= 1.5 },
    { name: 'classify (empty cache) / tldts.parse', value: `${(t.vigieCold! / t.tldts!).toFixed(2)}×` },
    {
      name: 'getEntity / classify (classify is faster by)',
      value: `${(t.thirdPartyWeb! / t.vigie!).toFixed(2)}×`,
      target: '≥ 2×',
      ok: t.thirdPartyWeb! / t.vigie! >= 2,
    },
    { name: 'cold load of the compiled index (parse + build), ms', value: coldLoad.toFixed(1), target: '< 20 ms', ok: coldLoad < 20 },
    { name: 'heap held by the index, MB', value: heap.toFixed(2), target: '< 8 MB', ok: heap < 8 },
  ];
  printFigures('Engine (issue 2)', figures);
  return figures;
}

/** Measures in fresh Node processes, where nothing is cached or compiled yet: median of 5. */
function loadInChild(root: string, what: 'time' | 'heap'): number {
  const script = join(root, 'bench/load-index.ts');
  const values = Array.from({ length: 5 }, () =>
    Number(
      execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, what], { cwd: root, encoding: 'utf8' }).trim(),
    ),
  );
  return median(values);
}
