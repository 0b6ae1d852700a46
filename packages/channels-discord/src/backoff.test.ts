import { describe, expect, test } from 'vitest';
import { backoffDelay, sleep } from './backoff.js';
import { RecentKeys } from './recent-keys.js';

describe('backoffDelay', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  test('doubles per attempt and caps at maxMs', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, options, () => 1)).toBe(60_000);
    expect(backoffDelay(10_000, options, () => 1)).toBe(60_000);
  });

  test('jitter keeps the wait between half and all of the ceiling', () => {
    expect(backoffDelay(2, options, () => 0)).toBe(2000);
    for (let index = 0; index < 50; index += 1) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });
});

describe('sleep', () => {
  test('resolves false at once when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    expect(await pending).toBe(false);
    expect(await sleep(1, controller.signal)).toBe(false);
    expect(await sleep(1)).toBe(true);
  });
});

describe('RecentKeys', () => {
  test('remembers up to capacity and evicts the oldest', () => {
    const keys = new RecentKeys(2);
    keys.add('a');
    keys.add('b');
    keys.add('a'); // refreshed: b is now the oldest
    keys.add('c');
    expect(keys.has('a')).toBe(true);
    expect(keys.has('b')).toBe(false);
    expect(keys.has('c')).toBe(true);
    expect(keys.size).toBe(2);
    expect(() => new RecentKeys(0)).toThrow(RangeError);
  });
});
