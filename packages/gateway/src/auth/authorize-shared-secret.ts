import type { ConnectAuth } from '@rusty-claw/protocol';
import type { ResolvedAuth } from '../gateway-options.js';
import type { AuthFailureReason } from '../handshake/auth-failure.js';
import type { AuthRateLimiter } from './auth-rate-limiter.js';
import { safeEqualSecret } from './safe-equal-secret.js';

export type SharedSecretResult =
  | { ok: true; method: 'none' | 'token' | 'password' }
  | { ok: false; reason: AuthFailureReason; retryAfterMs?: number };

/**
 * Checks `connect.auth.token|password` against the gateway's secret in constant time. Only attempts that
 * present a secret count against the per-IP limit (a client that sent nothing is not guessing), and a
 * locked-out IP is refused before its secret is even compared.
 */
export function authorizeSharedSecret(params: {
  auth: ResolvedAuth;
  provided: ConnectAuth | undefined;
  limiter: AuthRateLimiter;
  ip: string;
}): SharedSecretResult {
  const { auth, provided, limiter, ip } = params;
  if (auth.mode === 'none') return { ok: true, method: 'none' };
  const presented = Boolean(provided?.token || provided?.password);
  if (presented) {
    const check = limiter.check(ip, 'shared-secret');
    if (!check.allowed) return { ok: false, reason: 'rate_limited', retryAfterMs: check.retryAfterMs };
  }
  const expected = auth.mode === 'token' ? auth.token : auth.password;
  const given = auth.mode === 'token' ? provided?.token : provided?.password;
  if (!expected) return { ok: false, reason: auth.mode === 'token' ? 'token_missing_config' : 'password_missing_config' };
  if (!given) return { ok: false, reason: auth.mode === 'token' ? 'token_missing' : 'password_missing' };
  if (!safeEqualSecret(given, expected)) {
    limiter.recordFailure(ip, 'shared-secret');
    return { ok: false, reason: auth.mode === 'token' ? 'token_mismatch' : 'password_mismatch' };
  }
  limiter.reset(ip, 'shared-secret');
  return { ok: true, method: auth.mode };
}
