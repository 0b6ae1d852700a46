import type { BackoffOptions } from './backoff-delay.js';

/**
 * Timing knobs of the Telegram channel (not part of OpenClaw's config: defaults suit production, tests shorten
 * them). See the README's "Thresholds" table.
 */
export interface TelegramChannelTuning {
  /** getUpdates `timeout` (long-poll hold) in seconds. Default 30. `connected` needs a round trip within 2×. */
  pollTimeoutSeconds?: number;
  /** A poll unanswered after timeout + this is aborted as dead (half-open socket). Default 10 000 ms. */
  pollGraceMs?: number;
  /** Reconnect backoff (5xx, dropped polls, 409): base and ceiling, with equal jitter. Default 1 000 / 60 000 ms. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Retry delay after onInbound rejected (the update is fetched again). Default 500 / 30 000 ms. */
  inboundRetryBaseMs?: number;
  inboundRetryMaxMs?: number;
  /** Longest 429 retry_after a send waits out. Default 60 000 ms. */
  maxRateLimitWaitMs?: number;
  /** How long stop() waits for an in-flight onInbound before returning. Default 5 000 ms. */
  stopTimeoutMs?: number;
  /** Randomness for jitter (tests may pin it). */
  random?: () => number;
}

export interface ResolvedTuning {
  pollTimeoutSeconds: number;
  pollGraceMs: number;
  backoff: BackoffOptions;
  inboundRetry: BackoffOptions;
  maxRateLimitWaitMs: number;
  stopTimeoutMs: number;
}

export function resolveTuning(tuning: TelegramChannelTuning = {}): ResolvedTuning {
  const random = tuning.random ?? Math.random;
  return {
    pollTimeoutSeconds: tuning.pollTimeoutSeconds ?? 30,
    pollGraceMs: tuning.pollGraceMs ?? 10_000,
    backoff: { baseMs: tuning.backoffBaseMs ?? 1_000, maxMs: tuning.backoffMaxMs ?? 60_000, random },
    inboundRetry: { baseMs: tuning.inboundRetryBaseMs ?? 500, maxMs: tuning.inboundRetryMaxMs ?? 30_000, random },
    maxRateLimitWaitMs: tuning.maxRateLimitWaitMs ?? 60_000,
    stopTimeoutMs: tuning.stopTimeoutMs ?? 5_000,
  };
}
