import { ALL_OPERATOR_SCOPES, OperatorScopes } from '@rusty-claw/protocol';
import { asArray, asNumber, asRecord, asString, asStringArray, type Fields } from '../render/read-fields.js';

const NON_ADMIN_SCOPES: ReadonlySet<string> = new Set(ALL_OPERATOR_SCOPES.filter((scope) => scope !== OperatorScopes.ADMIN));

/**
 * The connection scopes needed to grant or take away `scopes` (a gateway only lets an operator hand
 * out or revoke scopes it holds itself): `operator.pairing` plus those scopes, or `operator.admin`
 * when they include admin or a scope this CLI does not know. OpenClaw's `devices approve` does the same.
 */
export function scopesToManage(scopes: readonly string[]): string[] {
  const operatorScopes = scopes.filter((scope) => scope.startsWith('operator.'));
  if (operatorScopes.some((scope) => !NON_ADMIN_SCOPES.has(scope))) return [OperatorScopes.ADMIN];
  return [...new Set<string>([OperatorScopes.PAIRING, ...operatorScopes])];
}

/** Scopes for approving `requestId`, from a `device.pair.list` payload (undefined when it is not pending). */
export function scopesToApprove(list: unknown, requestId: string): string[] | undefined {
  const records = asRecord(list);
  const request = asArray(records?.pending)
    .map(asRecord)
    .find((entry) => asString(entry?.requestId) === requestId);
  if (request === undefined) return undefined;
  const roles = new Set([...asStringArray(request.roles), ...(asString(request.role) !== undefined ? [asString(request.role) as string] : [])]);
  if (roles.size > 0 && !roles.has('operator')) return [OperatorScopes.PAIRING];
  const requested = asStringArray(request.scopes);
  // A repair request may name no scopes: the device keeps what it had.
  const scopes = requested.length > 0 ? requested : pairedOperatorScopes(findPaired(records, asString(request.deviceId)));
  return scopesToManage(scopes);
}

/** Scopes for revoking `deviceId`'s `role` token, from a `device.pair.list` payload. */
export function scopesToRevoke(list: unknown, deviceId: string, role: string): string[] {
  const device = findPaired(asRecord(list), deviceId);
  const token = tokensOf(device).find((entry) => asString(entry.role) === role && asNumber(entry.revokedAtMs) === undefined);
  return scopesToManage(asStringArray(token?.scopes ?? device?.scopes));
}

function findPaired(list: Fields | undefined, deviceId: string | undefined): Fields | undefined {
  return asArray(list?.paired)
    .map(asRecord)
    .find((entry) => entry !== undefined && asString(entry.deviceId) === deviceId);
}

function tokensOf(device: Fields | undefined): Fields[] {
  return asArray(device?.tokens)
    .map(asRecord)
    .filter((entry): entry is Fields => entry !== undefined);
}

function pairedOperatorScopes(device: Fields | undefined): string[] {
  const token = tokensOf(device).find((entry) => asString(entry.role) === 'operator' && asNumber(entry.revokedAtMs) === undefined);
  return asStringArray(token?.scopes ?? device?.scopes);
}
