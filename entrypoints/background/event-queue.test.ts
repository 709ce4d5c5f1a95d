import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventQueue } from './event-queue';

describe('EventQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds events until started, then applies them in arrival order', () => {
    const queue = new EventQueue(100);
    const seen: string[] = [];
    const a = (x: string) => seen.push(`a:${x}`);
    const b = (x: string) => seen.push(`b:${x}`);
    queue.push(a, '1');
    queue.push(b, '2');
    queue.push(a, '3');
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([]);
    queue.start();
    expect(seen).toEqual(['a:1', 'b:2', 'a:3']);
  });

  it('applies a batch after the delay, or at once when drained', () => {
    const queue = new EventQueue(100);
    const seen: number[] = [];
    const add = (n: number) => seen.push(n);
    queue.start();
    queue.push(add, 1);
    queue.push(add, 2);
    vi.advanceTimersByTime(99);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1, 2]);
    queue.push(add, 3);
    queue.drain();
    expect(seen).toEqual([1, 2, 3]);
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('goes on past a failing event, and runs events queued by a handler in the next batch', () => {
    const queue = new EventQueue(100);
    const seen: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    queue.start();
    queue.push(() => {
      throw new Error('broken event');
    }, undefined);
    queue.push(() => {
      seen.push('first');
      queue.push(() => seen.push('queued by a handler'), undefined);
    }, undefined);
    queue.drain();
    expect(seen).toEqual(['first']);
    expect(error).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['first', 'queued by a handler']);
    error.mockRestore();
  });
});
