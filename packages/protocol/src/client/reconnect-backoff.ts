/** Reconnect policy of a GatewayClient. */
export interface ReconnectOptions {
  /** First delay ceiling (ms); doubles per attempt. Default 1000 (OpenClaw's). */
  initialDelayMs?: number;
  /** Cap of the delay ceiling (ms). Default 30000 (OpenClaw's). */
  maxDelayMs?: number;
  /** Give up after this many consecutive failed attempts. Default: never. */
  maxAttempts?: number;
}

export const DEFAULT_RECONNECT = Object.freeze({ initialDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: Number.POSITIVE_INFINITY });

/**
 * Exponential backoff with full jitter: a uniform delay in `[0, min(max, initial · 2^attempt))`.
 * Full jitter spreads a herd of clients that lost the same gateway, instead of having them retry in
 * lockstep (AWS Architecture Blog, "Exponential Backoff and Jitter").
 */
export function reconnectDelayMs(attempt: number, options: { initialDelayMs: number; maxDelayMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
