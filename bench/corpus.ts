// A deterministic corpus of request URLs for benchmarks: known services' hosts mixed with unknown hosts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Small seeded PRNG (mulberry32) so every run measures the same URLs. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = ['/', '/js/app.js', '/css/site.css', '/collect', '/g/collect', '/pixel.gif', '/api/v1/track', '/s/font.woff2', '/embed/x'];

/**
 * `size` URLs: 60 % on hosts of known services (third-party-web's domains, subdomains of wildcards), 40 % on
 * 20,000 unknown hosts; paths and query strings vary, as they do on real pages.
 */
export function requestCorpus(root: string, size = 100_000, seed = 42): string[] {
  const entities = JSON.parse(readFileSync(join(root, 'node_modules/third-party-web/dist/entities.json'), 'utf8')) as Array<{
    domains: string[];
  }>;
  const known = entities.flatMap((e) => e.domains.map((d) => (d.startsWith('*.') ? `www.${d.slice(2)}` : d)));
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const unknown = Array.from({ length: 20_000 }, (_, i) => `${pick(['cdn', 'static', 'api', 'www', 'img'])}.vendor${i}.${pick(['com', 'fr', 'de', 'io', 'net', 'co.uk'])}`);
  const urls: string[] = [];
  for (let i = 0; i < size; i++) {
    const host = rnd() < 0.6 ? pick(known) : pick(unknown);
    urls.push(`https://${host}${pick(PATHS)}?v=${Math.floor(rnd() * 1e6)}&r=${i}`);
  }
  return urls;
}
