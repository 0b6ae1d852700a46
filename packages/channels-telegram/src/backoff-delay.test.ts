import { describe, expect, test } from 'vitest';
import { backoffDelay, sleep } from './backoff-delay.js';
import { DedupeCache } from './dedupe-cache.js';

describe('backoffDelay', () => {
  test('grows exponentially to the ceiling, with equal jitter in [ceiling/2, ceiling]', () => {
    const low = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, maxMs: 30_000, random: () => 0 });
    const high = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, maxMs: 30_000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5, 10].map(low)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect([0, 1, 2, 5, 50].map(high)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });

  test('never zero, even with jitter', () => {
    for (let attempt = 0; attempt < 8; attempt += 1) expect(backoffDelay(attempt, { baseMs: 100, maxMs: 1000, random: Math.random })).toBeGreaterThanOrEqual(50);
  });

  test('sleep ends early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('DedupeCache', () => {
  test('remembers up to capacity, evicting the least recently seen', () => {
    const cache = new DedupeCache(2);
    cache.add('a');
    cache.add('b');
    expect(cache.has('a')).toBe(true); // refreshes a
    cache.add('c'); // evicts b
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
    expect(() => new DedupeCache(0)).toThrow(RangeError);
  });
});
