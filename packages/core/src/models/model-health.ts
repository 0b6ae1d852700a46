import type { ProviderErrorKind } from '@rusty-claw/plugin-sdk';

export interface ModelCooldown {
  ref: string;
  until: number;
  reason: ProviderErrorKind;
  failures: number;
}

export interface BadProfile {
  profile: string;
  kind: ProviderErrorKind;
  message: string;
  at: number;
}

/** OpenClaw's auth-profile cooldown steps (30 s, 1 min, then 5 min) for failures without a `Retry-After`. */
export function defaultCooldownMs(failures: number): number {
  if (failures <= 1) return 30_000;
  if (failures === 2) return 60_000;
  return 300_000;
}

/**
 * What failover remembers between runs: models in a cooldown after a rate limit, overload, 5xx or timeout, and
 * provider profiles marked bad after an auth or billing failure (skipped until the config changes: the gateway
 * builds a new registry, and with it a new `ModelHealth`, when the config is reloaded). In memory, per process.
 */
export class ModelHealth {
  readonly #now: () => number;
  readonly #cooldowns = new Map<string, ModelCooldown>();
  readonly #bad = new Map<string, BadProfile>();

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The active cooldown of `ref`, if any. */
  cooldown(ref: string): ModelCooldown | undefined {
    const cooldown = this.#cooldowns.get(ref);
    return cooldown && cooldown.until > this.#now() ? { ...cooldown } : undefined;
  }

  /** Starts (or extends) a cooldown: `retryAfterMs` when the provider sent one, else the default steps. */
  coolDown(ref: string, reason: ProviderErrorKind, retryAfterMs?: number): ModelCooldown {
    const failures = (this.#cooldowns.get(ref)?.failures ?? 0) + 1;
    const ms = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : defaultCooldownMs(failures);
    const cooldown = { ref, until: this.#now() + ms, reason, failures };
    this.#cooldowns.set(ref, cooldown);
    return { ...cooldown };
  }

  /** A success ends the cooldown and resets the failure count. */
  recordSuccess(ref: string): void {
    this.#cooldowns.delete(ref);
  }

  markBad(profile: string, kind: ProviderErrorKind, message: string): BadProfile {
    const bad = { profile, kind, message, at: this.#now() };
    this.#bad.set(profile, bad);
    return { ...bad };
  }

  badProfile(profile: string): BadProfile | undefined {
    const bad = this.#bad.get(profile);
    return bad && { ...bad };
  }

  /** Forget everything (e.g. `models.authStatus` re-check or a manual retry). */
  reset(): void {
    this.#cooldowns.clear();
    this.#bad.clear();
  }
}
