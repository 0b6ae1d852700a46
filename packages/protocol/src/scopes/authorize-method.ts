import { requiredScopeForMethod } from './method-scopes.js';
import { Roles, isRole, scopesSatisfy, type OperatorScope } from './operator-scopes.js';

/** Result of the per-request gate: allowed, wrong role, or a missing operator scope. */
export type MethodAuthorization =
  | { ok: true }
  | { ok: false; reason: 'role'; role: string }
  | { ok: false; reason: 'scope'; missingScope: OperatorScope };

/**
 * The method gate a server runs before dispatch (OpenClaw `authorizeGatewayMethod`): `health` is
 * open to every role; node-only methods need role `node`; everything else needs role `operator` and
 * the method's scope under the `scopesSatisfy` cover rules. Wire mapping: role → INVALID_REQUEST
 * "unauthorized role: X"; scope → v3 INVALID_REQUEST / v4 FORBIDDEN "missing scope: X".
 */
export function authorizeMethod(client: { role?: string | undefined; scopes?: readonly string[] | undefined }, method: string): MethodAuthorization {
  const required = requiredScopeForMethod(method);
  if (required === 'none') return { ok: true };
  const role = client.role ?? Roles.OPERATOR;
  if (!isRole(role)) return { ok: false, reason: 'role', role };
  if (required === 'node') return role === Roles.NODE ? { ok: true } : { ok: false, reason: 'role', role };
  if (role !== Roles.OPERATOR) return { ok: false, reason: 'role', role };
  if (scopesSatisfy(client.scopes ?? [], required)) return { ok: true };
  return { ok: false, reason: 'scope', missingScope: required };
}
