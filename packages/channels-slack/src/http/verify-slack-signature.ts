import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's own replay window: a signed request older (or newer) than five minutes is refused. */
export const SLACK_SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SlackSignatureFailure = 'missing_headers' | 'malformed_timestamp' | 'stale_timestamp' | 'future_timestamp' | 'bad_signature';
export type SlackSignatureCheck = { ok: true } | { ok: false; reason: SlackSignatureFailure };

export interface VerifySlackSignatureOptions {
  signingSecret: string;
  /** `x-slack-request-timestamp` (Unix seconds). */
  timestamp: string | undefined;
  /** `x-slack-signature` (`v0=<hex>`). */
  signature: string | undefined;
  /** The request body exactly as received: the signature covers the raw bytes, not a re-serialisation. */
  rawBody: string | Uint8Array;
  nowMs?: number;
  toleranceSeconds?: number;
}

/**
 * Checks a Slack request signature: `v0=` + hex HMAC-SHA256(signingSecret, `v0:${timestamp}:${rawBody}`), compared
 * in constant time, with timestamps outside ±5 minutes refused so a captured request cannot be replayed later.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function verifySlackSignature(options: VerifySlackSignatureOptions): SlackSignatureCheck {
  const { timestamp, signature } = options;
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '') return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };
  const nowSeconds = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? SLACK_SIGNATURE_TOLERANCE_SECONDS;
  const age = nowSeconds - Number(timestamp);
  if (age > tolerance) return { ok: false, reason: 'stale_timestamp' };
  if (age < -tolerance) return { ok: false, reason: 'future_timestamp' };
  const expected = Buffer.from(`v0=${signSlackBody(options.signingSecret, timestamp, options.rawBody)}`, 'utf8');
  const received = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself on a mismatch so both paths cost the same.
  const sameLength = received.length === expected.length;
  const equal = timingSafeEqual(sameLength ? received : expected, expected);
  return sameLength && equal ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/** Hex HMAC-SHA256 of `v0:${timestamp}:${body}`, the part after `v0=` in `x-slack-signature`. */
export function signSlackBody(signingSecret: string, timestamp: string, body: string | Uint8Array): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return hmac.digest('hex');
}
