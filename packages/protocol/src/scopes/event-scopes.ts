import { OperatorScopes, Roles, scopesSatisfy, type OperatorScope } from './operator-scopes.js';

const R = OperatorScopes.READ;

/**
 * THE event guard table (OpenClaw `server-broadcast.ts`, spec §6): the scope an operator socket
 * needs to receive a broadcast event. Fail closed: an event missing here is never delivered,
 * except `plugin.*` events (see `requiredScopeForEvent`). `connect.challenge` is absent on purpose:
 * it is sent once, before auth, never broadcast.
 */
export const EVENT_SCOPES: Readonly<Record<string, OperatorScope | 'none'>> = Object.freeze({
  agent: R,
  chat: R,
  'chat.side_result': R,
  cron: R,
  'sessions.changed': R,
  'session.message': R,
  'session.tool': R,
  'voicewake.changed': R,
  'voicewake.routing.changed': R,
  'exec.approval.requested': OperatorScopes.APPROVALS,
  'exec.approval.resolved': OperatorScopes.APPROVALS,
  'plugin.approval.requested': OperatorScopes.APPROVALS,
  'plugin.approval.resolved': OperatorScopes.APPROVALS,
  'device.pair.requested': OperatorScopes.PAIRING,
  'device.pair.resolved': OperatorScopes.PAIRING,
  'node.pair.requested': OperatorScopes.PAIRING,
  'node.pair.resolved': OperatorScopes.PAIRING,
  'talk.mode': OperatorScopes.WRITE,
  health: 'none',
  heartbeat: 'none',
  presence: 'none',
  shutdown: 'none',
  tick: 'none',
  'update.available': 'none',
});

/** Events a `node`-role socket receives by broadcast besides the scope-free ones. */
export const NODE_BROADCAST_EVENTS: ReadonlySet<string> = new Set(['voicewake.changed', 'voicewake.routing.changed']);

/** Prefix of plugin-defined events; unlisted ones need `operator.write` (admin also covers it). */
export const PLUGIN_EVENT_PREFIX = 'plugin.';

/**
 * The scope needed to receive `event` by broadcast: the table entry; `operator.write` for an unlisted
 * `plugin.*` event; `undefined` for anything else, meaning "never deliver".
 */
export function requiredScopeForEvent(event: string): OperatorScope | 'none' | undefined {
  if (Object.hasOwn(EVENT_SCOPES, event)) return EVENT_SCOPES[event];
  if (event.startsWith(PLUGIN_EVENT_PREFIX)) return OperatorScopes.WRITE;
  return undefined;
}

/**
 * Whether a socket with this role and these scopes gets the broadcast `event`. Scope-free events go
 * to everyone; `node` sockets otherwise only get `NODE_BROADCAST_EVENTS`; plugin events only reach
 * operators.
 */
export function canReceiveEvent(client: { role?: string | undefined; scopes?: readonly string[] | undefined }, event: string): boolean {
  const required = requiredScopeForEvent(event);
  if (required === undefined) return false;
  if (required === 'none') return true;
  const role = client.role ?? Roles.OPERATOR;
  if (role !== Roles.OPERATOR) return role === Roles.NODE && NODE_BROADCAST_EVENTS.has(event);
  return scopesSatisfy(client.scopes ?? [], required);
}
