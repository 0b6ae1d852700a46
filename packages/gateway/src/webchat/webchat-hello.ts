import type { Snapshot } from '@rusty-claw/protocol';
import type { GatewayContext } from '../server/gateway-context.js';
import { WEBCHAT_EVENTS, WEBCHAT_METHODS } from './webchat-guard.js';
import type { WebchatScope } from './webchat-scope.js';

/** hello-ok `features` of a web chat socket: only what it may call and will receive, of what this gateway has. */
export function webchatFeatures(ctx: GatewayContext): { methods: string[]; events: string[] } {
  return {
    methods: ctx.methodNames.filter((name) => WEBCHAT_METHODS.has(name)),
    events: ctx.eventNames.filter((name) => WEBCHAT_EVENTS.has(name)),
  };
}

/**
 * hello-ok `snapshot` of a web chat socket: no presence list and no health summary (they name the operator's
 * devices, agents and session keys), and `sessionDefaults.mainSessionKey` set to the visitor's own session, so
 * the page learns the one key it may use from the server instead of guessing the agent id.
 */
export function webchatSnapshot(ctx: GatewayContext, scope: WebchatScope): Snapshot {
  return {
    presence: [],
    health: {},
    stateVersion: ctx.stateVersion(),
    uptimeMs: Math.max(0, ctx.now() - ctx.startedAtMs),
    sessionDefaults: { defaultAgentId: scope.agentId, mainKey: scope.sessionKey.slice(`agent:${scope.agentId}:`.length), mainSessionKey: scope.sessionKey, scope: 'per-sender' },
  };
}
