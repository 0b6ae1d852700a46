/** The operator scopes a client may request in `connect.scopes` and be granted in `hello-ok.auth.scopes`. */
export const OperatorScopes = {
  ADMIN: 'operator.admin',
  READ: 'operator.read',
  WRITE: 'operator.write',
  APPROVALS: 'operator.approvals',
  PAIRING: 'operator.pairing',
  TALK_SECRETS: 'operator.talk.secrets',
} as const;
export type OperatorScope = (typeof OperatorScopes)[keyof typeof OperatorScopes];

/** All operator scopes, admin first (what OpenClaw's CLI requests for an unclassified method). */
export const ALL_OPERATOR_SCOPES: readonly OperatorScope[] = Object.freeze([
  OperatorScopes.ADMIN,
  OperatorScopes.READ,
  OperatorScopes.WRITE,
  OperatorScopes.APPROVALS,
  OperatorScopes.PAIRING,
  OperatorScopes.TALK_SECRETS,
]);

/** The two roles a server accepts: control clients (`operator`) and capability hosts (`node`). */
export const Roles = {
  OPERATOR: 'operator',
  NODE: 'node',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/** `true` for `operator`/`node`; anything else is refused at connect ("invalid role"). */
export function isRole(value: unknown): value is Role {
  return value === Roles.OPERATOR || value === Roles.NODE;
}

const OPERATOR_SCOPE_SET: ReadonlySet<string> = new Set(ALL_OPERATOR_SCOPES);

/** `true` for one of the six operator scopes. */
export function isOperatorScope(value: unknown): value is OperatorScope {
  return typeof value === 'string' && OPERATOR_SCOPE_SET.has(value);
}

/**
 * Whether `granted` covers `required`. The cover rules (OpenClaw's method gate, event guard and
 * pairing check all use them): `operator.admin` covers everything, `operator.write` covers
 * `operator.read`, every other scope covers only itself. `'none'` is always satisfied.
 */
export function scopesSatisfy(granted: readonly string[], required: OperatorScope | 'none'): boolean {
  if (required === 'none') return true;
  if (granted.includes(OperatorScopes.ADMIN)) return true;
  if (required === OperatorScopes.READ && granted.includes(OperatorScopes.WRITE)) return true;
  return granted.includes(required);
}
