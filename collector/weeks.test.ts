// Week arithmetic: the only time the collector knows.
import { describe, expect, it } from 'vitest';
import { currentWeek, isFutureWeek, mondayOf, weeksAgo } from './weeks';

describe('weeks', () => {
  it('finds the Monday of an ISO week, across year boundaries', () => {
    expect(new Date(mondayOf('2026-W48')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(mondayOf('2026-W01')).toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(new Date(mondayOf('2026-W53')).toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(() => mondayOf('2026-48')).toThrow();
  });

  it('counts weeks back and refuses weeks that have not started', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    expect(currentWeek(now)).toBe('2026-W49');
    expect(weeksAgo(1, now)).toBe('2026-W48');
    expect(weeksAgo(49, now)).toBe('2025-W52');
    expect(isFutureWeek('2026-W49', now)).toBe(false);
    // Monday of next week is five days away: a forged or broken date.
    expect(isFutureWeek('2026-W50', now)).toBe(true);
    // A day of slack, for places already in next week.
    expect(isFutureWeek('2026-W50', Date.UTC(2026, 11, 6, 12))).toBe(false);
  });
});
