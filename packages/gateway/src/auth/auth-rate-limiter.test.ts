import { describe, expect, it } from 'vitest';
import { AuthRateLimiter } from './auth-rate-limiter.js';

describe('AuthRateLimiter', () => {
  it('slides its window: old failures stop counting', () => {
    let now = 0;
    const limiter = new AuthRateLimiter({ maxAttempts: 2, windowMs: 1_000, lockoutMs: 5_000 }, () => now);
    limiter.recordFailure('10.0.0.1', 'shared-secret');
    now = 1_500;
    limiter.recordFailure('10.0.0.1', 'shared-secret');
    expect(limiter.check('10.0.0.1', 'shared-secret').allowed).toBe(true);
    limiter.recordFailure('10.0.0.1', 'shared-secret');
    expect(limiter.check('10.0.0.1', 'shared-secret')).toEqual({ allowed: false, retryAfterMs: 5_000 });
  });

  it('keeps separate counters per IP and per credential class; a success resets', () => {
    const limiter = new AuthRateLimiter({ maxAttempts: 1, windowMs: 1_000, lockoutMs: 1_000 }, () => 0);
    limiter.recordFailure('10.0.0.1', 'device-token');
    expect(limiter.check('10.0.0.1', 'device-token').allowed).toBe(false);
    expect(limiter.check('10.0.0.1', 'shared-secret').allowed).toBe(true);
    expect(limiter.check('10.0.0.2', 'device-token').allowed).toBe(true);
    limiter.reset('10.0.0.1', 'device-token');
    expect(limiter.check('10.0.0.1', 'device-token').allowed).toBe(true);
  });
});
