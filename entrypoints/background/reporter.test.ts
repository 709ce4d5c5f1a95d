// What the reporter does with each answer of a collector, and how long it waits: the parts without a browser.
import { describe, expect, it } from 'vitest';
import { backoffMs, DELAY_MS, outcomeOf, randomDelayMs } from './reporter';

const half = () => 0.5;

describe('outcomeOf', () => {
  it('keeps the collector id of a stored report', () => {
    expect(outcomeOf(202, '{"id":"r-123"}', null, 1, half)).toEqual({ kind: 'sent', id: 'r-123' });
  });

  it('drops what the collector refuses, with its reason for the person', () => {
    expect(outcomeOf(400, '{"message":"third_parties[3].country: expected ISO code"}', null, 1, half)).toEqual({
      kind: 'dropped',
      reason: 'HTTP 400: third_parties[3].country: expected ISO code',
    });
    expect(outcomeOf(413, 'too big', null, 1, half)).toEqual({ kind: 'dropped', reason: 'HTTP 413' });
    expect(outcomeOf(415, '', null, 1, half).kind).toBe('dropped');
  });

  it('retries when the collector is busy or failing, honouring Retry-After', () => {
    expect(outcomeOf(429, '', '120', 1, half)).toEqual({ kind: 'retry', afterMs: 120_000, reason: 'HTTP 429' });
    expect(outcomeOf(503, '', null, 1, half)).toMatchObject({ kind: 'retry', reason: 'HTTP 503' });
  });
});

describe('delays', () => {
  it('backs off, doubling, with jitter, up to six hours', () => {
    expect(backoffMs(1, null, half)).toBe(60_000);
    expect(backoffMs(3, null, half)).toBe(240_000);
    expect(backoffMs(30, null, half)).toBe(6 * 3_600_000);
    expect(backoffMs(2, null, () => 0)).toBe(90_000);
    expect(backoffMs(2, 30, half)).toBe(30_000);
  });

  it('sends after a random delay within its bounds', () => {
    expect(randomDelayMs(() => 0)).toBe(DELAY_MS.min);
    expect(randomDelayMs(() => 0.999999)).toBeLessThanOrEqual(DELAY_MS.max);
    expect(DELAY_MS.min).toBeGreaterThan(0);
  });
});
