// Two independent 32-bit hashes of a host name: 64 bits in all, so 82,000 tracker hosts fit in a small sorted
// table instead of a Set of strings (a chance collision with an unlisted host is about 1 in 2^47).
// The hashes run from the last character to the first, so one pass over a host yields the hashes of all its
// parent domains (c.b.a, then b.a, then a) at each dot.

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Calls `visit(hashA, hashB)` for every domain suffix of `host` that starts at a label (shortest first), and stops
 * early when `visit` returns true; returns whether it did.
 */
export function hostSuffixHashes(host: string, visit: (a: number, b: number) => boolean): boolean {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = host.length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    if ((i === 0 || host.charCodeAt(i - 1) === 46) /* . */ && visit(fmix(a), fmix(b))) return true;
  }
  return false;
}

/** The pair of hashes of the whole host (what the build stores for each listed host). */
export function hostHashes(host: string): [number, number] {
  let pair: [number, number] = [0, 0];
  hostSuffixHashes(host, (a, b) => {
    pair = [a, b];
    return false;
  });
  return pair;
}

/** Sorted [a0,b0,a1,b1,...] pairs: is the pair (a,b) present? */
export function hasHashPair(table: Uint32Array, a: number, b: number): boolean {
  let lo = 0;
  let hi = (table.length >>> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const ma = table[mid * 2]!;
    if (ma < a) lo = mid + 1;
    else if (ma > a) hi = mid - 1;
    else {
      const mb = table[mid * 2 + 1]!;
      if (mb < b) lo = mid + 1;
      else if (mb > b) hi = mid - 1;
      else return true;
    }
  }
  return false;
}
