// Timing helpers for benchmarks: interleaved rounds and medians, so ratios compare runs made side by side.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs each named task once per round, in turn, for `rounds` rounds; returns the median milliseconds of each. */
export function interleave(tasks: Record<string, () => void>, rounds: number): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, task] of Object.entries(tasks)) {
      const start = process.hrtime.bigint();
      task();
      times[name]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export interface Figure {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  for (const f of figures) {
    const verdict = f.ok === undefined ? '' : f.ok ? '  ok' : '  MISSED';
    console.log(`  ${f.name.padEnd(58)} ${f.value.padStart(14)}${f.target ? `   (target ${f.target})` : ''}${verdict}`);
  }
}
