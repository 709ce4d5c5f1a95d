// Group commit: one transaction for the reports that arrive together, each caller answered with its own fate.
import { describe, expect, it } from 'vitest';
import { IngestQueue } from './ingest-queue';
import type { Incoming } from './aggregate';

const item = (id: string) => ({ id, body: '{}' }) as unknown as Incoming;

describe('IngestQueue', () => {
  it('writes reports that arrive together in one batch, and resolves each once written', async () => {
    const batches: string[][] = [];
    const queue = new IngestQueue(async (batch) => void batches.push(batch.map((b) => b.id)));
    await Promise.all(['a', 'b', 'c'].map((id) => queue.add(item(id))));
    await queue.add(item('d'));
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('retries a failed batch one by one, so one bad report fails alone', async () => {
    const written: string[] = [];
    const queue = new IngestQueue(async (batch) => {
      if (batch.some((b) => b.id === 'bad')) throw new Error('refused');
      written.push(...batch.map((b) => b.id));
    });
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((id) => queue.add(item(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written).toEqual(['a', 'c']);
  });

  it('keeps at most `concurrency` transactions in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const queue = new IngestQueue(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    }, 2);
    const waits: Array<Promise<void>> = [];
    for (let i = 0; i < 20; i++) {
      waits.push(queue.add(item(String(i))));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(waits);
    expect(most).toBe(2);
  });
});
