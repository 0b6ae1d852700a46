import type { AuthRateLimitPolicy } from '../gateway-options.js';
import { isLoopbackAddress } from '../server/network-locality.js';

/** Separate counters per credential class, so device-token guessing cannot lock out the shared secret (and back). */
export type AuthRateLimitScope = 'shared-secret' | 'device-token';

export interface RateLimitCheck {
  allowed: boolean;
  retryAfterMs: number;
}

interface Entry {
  attempts: number[];
  lockedUntil?: number;
}

/** Bound on tracked keys, so a flood of distinct source addresses cannot grow the map without limit. */
const MAX_ENTRIES = 10_000;

/**
 * Sliding-window limiter of failed authentication attempts per client IP (OpenClaw's `auth-rate-limit.ts`):
 * after `maxAttempts` failures inside `windowMs` the IP is locked out for `lockoutMs`. A success resets it.
 * Loopback is exempt only when the policy says so (`exemptLoopback`, OpenClaw's default): as a library the
 * limiter throttles a local process guessing the token like any other.
 */
export class AuthRateLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: AuthRateLimitPolicy,
    private readonly now: () => number,
  ) {}

  check(ip: string, scope: AuthRateLimitScope): RateLimitCheck {
    if (this.isExempt(ip)) return { allowed: true, retryAfterMs: 0 };
    const entry = this.entries.get(`${scope}:${ip}`);
    if (!entry) return { allowed: true, retryAfterMs: 0 };
    const now = this.now();
    if (entry.lockedUntil !== undefined) {
      if (now < entry.lockedUntil) return { allowed: false, retryAfterMs: entry.lockedUntil - now };
      this.entries.delete(`${scope}:${ip}`);
      return { allowed: true, retryAfterMs: 0 };
    }
    this.slide(entry, now);
    return { allowed: entry.attempts.length < this.policy.maxAttempts, retryAfterMs: 0 };
  }

  recordFailure(ip: string, scope: AuthRateLimitScope): void {
    if (this.isExempt(ip)) return;
    const key = `${scope}:${ip}`;
    const now = this.now();
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) this.prune(now);
      entry = { attempts: [] };
      this.entries.set(key, entry);
    }
    if (entry.lockedUntil !== undefined && now < entry.lockedUntil) return;
    this.slide(entry, now);
    entry.attempts.push(now);
    if (entry.attempts.length >= this.policy.maxAttempts) entry.lockedUntil = now + this.policy.lockoutMs;
  }

  reset(ip: string, scope: AuthRateLimitScope): void {
    this.entries.delete(`${scope}:${ip}`);
  }

  private isExempt(ip: string): boolean {
    return this.policy.exemptLoopback === true && isLoopbackAddress(ip);
  }

  private slide(entry: Entry, now: number): void {
    const cutoff = now - this.policy.windowMs;
    entry.attempts = entry.attempts.filter((ts) => ts > cutoff);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil !== undefined && now < entry.lockedUntil) continue;
      this.slide(entry, now);
      if (entry.attempts.length === 0) this.entries.delete(key);
    }
    // Still full: drop the oldest keys (Map iterates in insertion order).
    for (const key of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(key);
    }
  }
}
