import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-backoff.js';

describe('reconnectDelayMs (exponential, full jitter, capped)', () => {
  const policy = { initialDelayMs: 1_000, maxDelayMs: 30_000 };
  it('draws uniformly below a ceiling that doubles per attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelayMs(attempt, policy, () => 0.5))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(reconnectDelayMs(3, policy, () => 0)).toBe(0);
    expect(reconnectDelayMs(3, policy, () => 0.999999)).toBe(7_999);
  });
  it('never exceeds the cap, however many attempts', () => {
    expect(reconnectDelayMs(10, policy, () => 0.999999)).toBe(29_999);
    expect(reconnectDelayMs(1_000, policy, () => 0.5)).toBe(15_000);
  });
});
