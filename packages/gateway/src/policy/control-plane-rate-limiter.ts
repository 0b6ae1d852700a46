/** Writes that can change auth or restart the gateway: 3 per 60 s per caller, as OpenClaw limits them. */
export const CONTROL_PLANE_WRITE_METHODS: ReadonlySet<string> = new Set(['config.set', 'config.patch']);
const MAX_REQUESTS = 3;
const WINDOW_MS = 60_000;
const MAX_BUCKETS = 10_000;

/**
 * Fixed-window budget per caller (device id + IP, or the connection when neither is known), OpenClaw's
 * `control-plane-rate-limit.ts`. A refused call learns how long to wait.
 */
export class ControlPlaneRateLimiter {
  private readonly buckets = new Map<string, { count: number; windowStartMs: number }>();

  constructor(private readonly now: () => number) {}

  consume(key: string): { allowed: boolean; retryAfterMs: number } {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket || now - bucket.windowStartMs >= WINDOW_MS) {
      if (!bucket && this.buckets.size >= MAX_BUCKETS) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      this.buckets.set(key, { count: 1, windowStartMs: now });
      return { allowed: true, retryAfterMs: 0 };
    }
    if (bucket.count >= MAX_REQUESTS) return { allowed: false, retryAfterMs: Math.max(0, bucket.windowStartMs + WINDOW_MS - now) };
    bucket.count += 1;
    return { allowed: true, retryAfterMs: 0 };
  }
}
