import { OperatorScopes, isOperatorScope, scopesSatisfy } from '@rusty-claw/protocol';

/**
 * Whether `allowed` covers every scope in `requested` for `role`. Operator scopes follow the protocol's
 * cover rules (admin covers all, write covers read); other roles need an exact match.
 */
export function roleScopesAllow(role: string, requested: readonly string[], allowed: readonly string[]): boolean {
  return missingScope(role, requested, allowed) === undefined;
}

/** The first scope of `requested` that `allowed` does not cover, if any. */
export function missingScope(role: string, requested: readonly string[], allowed: readonly string[]): string | undefined {
  for (const scope of requested) {
    const ok =
      role !== 'operator'
        ? allowed.includes(scope)
        : isOperatorScope(scope)
          ? scopesSatisfy(allowed, scope)
          : allowed.includes(scope) || allowed.includes(OperatorScopes.ADMIN);
    if (!ok) return scope;
  }
  return undefined;
}
