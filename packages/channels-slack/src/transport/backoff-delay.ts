export interface BackoffOptions {
  /** Delay before the first retry (ms). */
  baseMs: number;
  /** Ceiling of the exponential part (ms). */
  maxMs: number;
  /** Source of randomness in [0, 1) (tests pin it). */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half of `min(maxMs, baseMs * 2^attempt)` is fixed, the other half random.
 * The fixed half keeps a flapping network from being hammered; the random half keeps many gateways that lost Slack
 * at the same moment from reconnecting in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  const random = options.random ?? Math.random;
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
