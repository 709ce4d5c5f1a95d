import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Audit } from '../../utils/audit';
import type { HistoryEntry } from '../../components/history';
import { HistoryRecorder, SAVE_AT_MOST_MS, SAVE_QUIET_MS } from './history';

function audit(host: string, score: number): Audit {
  return {
    page: { url: `https://${host}/page?token=secret`, host, https: true, publicSector: null },
    requests: { total: 3, thirdParty: 1 },
    thirdParties: [],
    organisations: [],
    cookies: [],
    transport: { https: true, mixedContent: [] },
    methodology: 'SN-1',
    lists: 'L-test',
    score: { score, grade: score >= 90 ? 'A' : 'C', deductions: [], gates: [] },
  } as unknown as Audit;
}

/** The arguments a changed visit gives: its page and how to get its audit. */
function changed(host: string, score: number): [string, () => Audit] {
  const a = audit(host, score);
  return [a.page.url, () => a];
}

function setup(options: { days?: number; private?: boolean } = {}) {
  const saved: Array<{ entry: HistoryEntry; audit: Audit }> = [];
  const pruned: number[] = [];
  const recorder = new HistoryRecorder(
    {
      save: async (entry, a) => {
        saved.push({ entry, audit: a });
      },
      prune: async (days) => {
        pruned.push(days);
      },
    },
    { days: () => options.days ?? 90, isPrivate: async () => options.private ?? false },
  );
  return { recorder, saved, pruned };
}

describe('HistoryRecorder', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('folds a burst of updates of one visit into one write of the newest audit, once the visit is quiet', async () => {
    const { recorder, saved } = setup();
    recorder.update(3, 1000, ...changed('www.lyon.fr', 70));
    recorder.update(3, 1000, ...changed('www.lyon.fr', 60));
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS - 1);
    expect(saved).toHaveLength(0);
    recorder.update(3, 1000, ...changed('www.lyon.fr', 55));
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS - 1);
    expect(saved).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await recorder.settled();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.entry).toMatchObject({ id: '3:1000', site: 'www.lyon.fr', score: 55, page: 'https://www.lyon.fr/page' });
  });

  it('writes a visit that never goes quiet at least every SAVE_AT_MOST_MS', async () => {
    const { recorder, saved } = setup();
    const step = SAVE_QUIET_MS / 2;
    for (let elapsed = 0; elapsed < SAVE_AT_MOST_MS * 2; elapsed += step) {
      recorder.update(3, 1000, ...changed('www.lyon.fr', 50 + elapsed / step));
      await vi.advanceTimersByTimeAsync(step);
    }
    await recorder.settled();
    expect(saved).toHaveLength(2);
    expect(saved[0]!.entry.score).toBe(50 + SAVE_AT_MOST_MS / step - 1);
  });

  it('asks for the audit only when it writes it', async () => {
    const { recorder, saved } = setup();
    const asked: number[] = [];
    for (const score of [90, 80, 70]) {
      recorder.update(3, 1000, 'https://www.lyon.fr/', () => {
        asked.push(score);
        return audit('www.lyon.fr', score);
      });
    }
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS);
    await recorder.settled();
    expect(asked).toEqual([70]);
    expect(saved.map((s) => s.entry.score)).toEqual([70]);
  });

  it('writes the previous visit at once when a new page starts in the tab, then trims the history', async () => {
    const { recorder, saved, pruned } = setup();
    recorder.update(3, 1000, ...changed('www.lyon.fr', 60));
    recorder.update(3, 5000, ...changed('www.paris.fr', 95));
    await recorder.settled();
    expect(saved.map((s) => s.entry.id)).toEqual(['3:1000']);
    expect(pruned).toEqual([90]);
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS);
    await recorder.settled();
    expect(saved.map((s) => s.entry.id)).toEqual(['3:1000', '3:5000']);
  });

  it('writes a closed tab’s visit at once and forgets the tab', async () => {
    const { recorder, saved } = setup();
    recorder.update(4, 2000, ...changed('www.lyon.fr', 60));
    recorder.end(4);
    await recorder.settled();
    expect(saved).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS * 2);
    await recorder.settled();
    expect(saved).toHaveLength(1);
  });

  it('writes nothing when the history is off or the tab is private', async () => {
    for (const options of [{ days: 0 }, { private: true }]) {
      const { recorder, saved } = setup(options);
      recorder.update(5, 1, ...changed('www.lyon.fr', 60));
      recorder.end(5);
      await recorder.settled();
      expect(saved).toHaveLength(0);
    }
  });

  it('does not make the audit in words when the history is off', async () => {
    const { recorder, saved } = setup({ days: 0 });
    const made = vi.fn(() => audit('www.lyon.fr', 60));
    recorder.update(5, 1, 'https://www.lyon.fr/page', made);
    await vi.advanceTimersByTimeAsync(SAVE_QUIET_MS);
    recorder.end(5);
    await recorder.settled();
    expect(made).not.toHaveBeenCalled();
    expect(saved).toHaveLength(0);
  });

  it('keeps only web pages', async () => {
    const { recorder, saved } = setup();
    const blob = audit('', 100);
    recorder.update(6, 1, 'blob:chrome-extension://abc/123', () => ({ ...blob, page: { ...blob.page, url: 'blob:chrome-extension://abc/123' } }));
    recorder.end(6);
    await recorder.settled();
    expect(saved).toHaveLength(0);
  });

  it('keeps working after a failed write', async () => {
    let fail = true;
    const saved: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const recorder = new HistoryRecorder(
      {
        save: async (entry) => {
          if (fail) throw new Error('QuotaExceededError');
          saved.push(entry.id);
        },
        prune: async () => {},
      },
      { days: () => 30, isPrivate: async () => false },
    );
    recorder.update(1, 1, ...changed('a.fr', 50));
    recorder.end(1);
    await recorder.settled();
    fail = false;
    recorder.update(2, 2, ...changed('b.fr', 50));
    recorder.end(2);
    await recorder.settled();
    expect(saved).toEqual(['2:2']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
