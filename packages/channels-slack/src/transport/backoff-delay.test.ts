import { expect, test } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

test('doubles per attempt, capped, with half of it jittered', () => {
  const low = { baseMs: 1000, maxMs: 60_000, random: () => 0 };
  const high = { baseMs: 1000, maxMs: 60_000, random: () => 0.999999 };
  expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, low))).toEqual([500, 1000, 2000, 4000]);
  expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, high))).toEqual([1000, 2000, 4000, 8000]);
  expect(backoffDelay(20, low)).toBe(30_000);
  expect(backoffDelay(20, high)).toBe(60_000);
});

test('real randomness stays within the band', () => {
  for (let index = 0; index < 100; index += 1) {
    const delay = backoffDelay(2, { baseMs: 100, maxMs: 10_000 });
    expect(delay).toBeGreaterThanOrEqual(200);
    expect(delay).toBeLessThanOrEqual(400);
  }
});
