export interface BackoffOptions {
  /** Delay of the first retry before jitter. */
  baseMs: number;
  /** Ceiling of the exponential growth. */
  maxMs: number;
  /** Source of randomness in [0, 1) (injectable for tests). */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": the delay for `attempt` (0-based) is half of `min(max, base·2^attempt)`
 * plus a random part of the other half, so reconnecting clients spread out but never retry immediately.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
