import type { GatewayPolicy } from '../gateway-options.js';

/**
 * OpenClaw's values (`server-constants.ts`, `auth-rate-limit.ts`): 25 MiB frames, 50 MiB outbound buffer,
 * 30 s ticks, 15 s handshake, 64 KiB before auth, 10 failures per minute then 5 minutes of lockout.
 * `maxInFlightPerSocket` sits above the ~300–430 burst OpenClaw answered before refusing, so clients that
 * worked against OpenClaw are not refused here.
 */
export const DEFAULT_GATEWAY_POLICY: Readonly<GatewayPolicy> = Object.freeze({
  maxPayload: 26_214_400,
  maxBufferedBytes: 52_428_800,
  tickIntervalMs: 30_000,
  handshakeTimeoutMs: 15_000,
  preauthMaxPayload: 65_536,
  maxInFlightPerSocket: 512,
  authRateLimit: Object.freeze({ maxAttempts: 10, windowMs: 60_000, lockoutMs: 300_000 }),
  pingIntervalMs: 25_000,
  drainTimeoutMs: 5_000,
});
