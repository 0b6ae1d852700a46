import { randomBytes } from 'node:crypto';
import { safeEqualSecret } from '../auth/safe-equal-secret.js';
import { approvedRoles, approvedScopeBaseline, uniqueStrings, type DeviceTokenEntry, type PairedDevice } from './device-records.js';
import { missingScope, roleScopesAllow } from './role-scopes-allow.js';

export type VerifyTokenResult =
  | { ok: true }
  | { ok: false; reason: 'device-not-paired' | 'token-missing' | 'token-revoked' | 'token-mismatch' | 'scope-mismatch' };

export type TokenChangeResult =
  | { ok: true; entry: DeviceTokenEntry }
  | { ok: false; reason: 'unknown-device-or-role' | 'scope-outside-approved-baseline' | 'caller-missing-scope'; scope?: string };

/** 32 random bytes, base64url (43 characters), like OpenClaw's pairing tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Operator tokens carry only `operator.*` scopes, node tokens only the others. */
export function scopesForRole(role: string, scopes: readonly string[]): string[] {
  const normalized = uniqueStrings(scopes);
  return role === 'operator'
    ? normalized.filter((scope) => scope.startsWith('operator.'))
    : normalized.filter((scope) => !scope.startsWith('operator.'));
}

/** A fresh token for `role`, keeping the creation time of the one it replaces. */
export function issueToken(role: string, scopes: readonly string[], previous: DeviceTokenEntry | undefined, now: number): DeviceTokenEntry {
  return {
    token: newToken(),
    role,
    scopes: [...scopes],
    createdAtMs: previous?.createdAtMs ?? now,
    ...(previous ? { rotatedAtMs: now } : {}),
  };
}

/** Whether `token` is the live token of (device, role) and covers `scopes` (constant-time compare). */
export function checkDeviceToken(device: PairedDevice | undefined, role: string, token: string, scopes: readonly string[]): VerifyTokenResult {
  if (!device) return { ok: false, reason: 'device-not-paired' };
  const entry = device.tokens?.[role];
  if (!entry) return { ok: false, reason: 'token-missing' };
  if (entry.revokedAtMs !== undefined) return { ok: false, reason: 'token-revoked' };
  if (!token.trim() || !safeEqualSecret(token, entry.token)) return { ok: false, reason: 'token-mismatch' };
  if (!roleScopesAllow(role, entry.scopes, approvedScopeBaseline(device))) return { ok: false, reason: 'scope-mismatch' };
  if (!roleScopesAllow(role, scopes, entry.scopes)) return { ok: false, reason: 'scope-mismatch' };
  return { ok: true };
}

/**
 * The token for a connect: the current one when it still covers `scopes`, else a new one (`changed`).
 * Undefined when the device is not approved for the role or the scopes exceed its approval.
 */
export function tokenForConnect(
  device: PairedDevice | undefined,
  role: string,
  scopes: readonly string[],
  now: number,
): { entry: DeviceTokenEntry; changed: boolean } | undefined {
  if (!device || !approvedRoles(device).includes(role)) return undefined;
  const baseline = approvedScopeBaseline(device);
  const requested = uniqueStrings(scopes);
  if (!roleScopesAllow(role, requested, baseline)) return undefined;
  const existing = device.tokens?.[role];
  if (existing && existing.revokedAtMs === undefined && roleScopesAllow(role, existing.scopes, baseline) && roleScopesAllow(role, requested, existing.scopes)) {
    return { entry: existing, changed: false };
  }
  return { entry: issueToken(role, requested, existing, now), changed: true };
}

/** A replacement token for (device, role), within the device's approval and the caller's own scopes. */
export function rotateDeviceToken(
  device: PairedDevice | undefined,
  params: { role: string; scopes?: readonly string[] | undefined; callerScopes: readonly string[] },
  now: number,
): TokenChangeResult {
  if (!device || !approvedRoles(device).includes(params.role)) return { ok: false, reason: 'unknown-device-or-role' };
  const existing = device.tokens?.[params.role];
  const requested = uniqueStrings(params.scopes ?? existing?.scopes ?? scopesForRole(params.role, approvedScopeBaseline(device)));
  if (!roleScopesAllow(params.role, requested, approvedScopeBaseline(device))) return { ok: false, reason: 'scope-outside-approved-baseline' };
  const missing = missingScope(params.role, requested, params.callerScopes);
  if (params.role === 'operator' && missing) return { ok: false, reason: 'caller-missing-scope', scope: missing };
  return { ok: true, entry: { ...issueToken(params.role, requested, existing, now), rotatedAtMs: now } };
}

/** The revoked form of (device, role)'s token; the caller must hold the scopes the token carries. */
export function revokeDeviceToken(
  device: PairedDevice | undefined,
  params: { role: string; callerScopes: readonly string[] },
  now: number,
): TokenChangeResult {
  const existing = device?.tokens?.[params.role];
  if (!device || !existing || !approvedRoles(device).includes(params.role)) return { ok: false, reason: 'unknown-device-or-role' };
  const missing = missingScope(params.role, existing.scopes, params.callerScopes);
  if (params.role === 'operator' && missing) return { ok: false, reason: 'caller-missing-scope', scope: missing };
  return { ok: true, entry: { ...existing, revokedAtMs: now } };
}
