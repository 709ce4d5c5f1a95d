// The SQLite writer thread: what the database refuses comes back to the caller, a closed store takes no more
// writes, and the database file is left whole (its WAL folded back in).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeReport } from '../test-support/reports';
import { SqliteStore } from './sqlite';

describe('SqliteStore writes in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('commits, reports refusals, purges, and closes', async () => {
    const store = new SqliteStore(join(dir, 'store.sqlite'));
    const report = makeReport({ week: '2026-W10' });
    const incoming = (id: string) => ({ id, report, body: JSON.stringify(report) });
    await store.insertReports([incoming('a'), incoming('b')]);
    // Committed before the promise resolves: this thread's own connection already reads it.
    expect((await store.site(report.site))?.reports).toBe(2);
    await expect(store.insertReports([incoming('a')])).rejects.toThrow(/UNIQUE/);
    expect(await store.purgeBefore('2026-W11')).toBe(2);
    await store.close();
    await expect(store.insertReports([incoming('c')])).rejects.toThrow(/stopped/);
    expect(readdirSync(dir)).toEqual(['store.sqlite']);
  });
});
