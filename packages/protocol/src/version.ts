// Protocol versions and the limits a server advertises. v3 = OpenClaw ≤ 2026.5.7 clients,
// v4 = 2026.5.12 and later; Rusty Claw speaks both and picks the highest version both sides accept.

export const MIN_PROTOCOL = 3;
export const MAX_PROTOCOL = 4;
export type ProtocolVersion = 3 | 4;

/**
 * The highest protocol version in both `[clientMin, clientMax]` and `[MIN_PROTOCOL, MAX_PROTOCOL]`,
 * or `undefined` when the ranges do not overlap (answer "protocol mismatch", close 1002).
 */
export function negotiateProtocol(clientMin: number, clientMax: number): ProtocolVersion | undefined {
  if (!Number.isInteger(clientMin) || !Number.isInteger(clientMax)) return undefined;
  const high = Math.min(clientMax, MAX_PROTOCOL);
  const low = Math.max(clientMin, MIN_PROTOCOL);
  if (high < low) return undefined;
  return high as ProtocolVersion;
}

/** `hello-ok.policy` defaults: 25 MiB frames, 50 MiB send buffer, `tick` every 30 s (OpenClaw's values). */
export const DEFAULT_POLICY = Object.freeze({
  maxPayload: 26_214_400,
  maxBufferedBytes: 52_428_800,
  tickIntervalMs: 30_000,
});

/** Largest frame accepted before `hello-ok`; bigger ones close the socket with 1009. */
export const PREAUTH_MAX_PAYLOAD = 65_536;

/** Time a socket has to complete `connect` after the upgrade. */
export const HANDSHAKE_TIMEOUT_MS = 15_000;

/** Largest allowed `|now − device.signedAt|` for a device signature. */
export const DEVICE_SIGNATURE_MAX_SKEW_MS = 120_000;
