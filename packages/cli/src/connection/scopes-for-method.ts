import { ALL_OPERATOR_SCOPES, OperatorScopes, requiredScopeForMethod, type OperatorScope } from '@rusty-claw/protocol';

/**
 * Least privilege, as OpenClaw's CLI does it: request exactly the scope the method needs
 * (`health` needs none but is asked for with `operator.read`, like OpenClaw's CLI), and every
 * operator scope only for a method that is unclassified (which needs admin anyway) or node-only.
 */
export function scopesForMethod(method: string): OperatorScope[] {
  const required = requiredScopeForMethod(method);
  if (required === 'none') return [OperatorScopes.READ];
  if (required === 'node') return [...ALL_OPERATOR_SCOPES];
  return [required];
}
