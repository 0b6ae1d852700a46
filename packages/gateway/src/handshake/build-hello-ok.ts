import { OperatorScopes, type HelloOkV3, type HelloOkV4, type Snapshot } from '@rusty-claw/protocol';
import type { ConnectionSession } from '../connection/connection-session.js';
import { resolveAgentOrder } from '../health/agent-order.js';
import type { DeviceTokenEntry } from '../pairing/device-records.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { WEBCHAT_MAX_PAYLOAD } from '../webchat/webchat-guard.js';
import { webchatFeatures, webchatSnapshot } from '../webchat/webchat-hello.js';

/** The hello-ok snapshot: presence, cached health, counters, and (for admins only) paths and auth mode. */
export function buildSnapshot(ctx: GatewayContext, session: ConnectionSession): Snapshot {
  const { defaultAgentId } = resolveAgentOrder(ctx.config);
  const mainKey = ctx.config.session?.mainKey?.trim() || 'main';
  const admin = session.role === 'operator' && session.scopes.includes(OperatorScopes.ADMIN);
  return {
    presence: ctx.presence.list(),
    health: ctx.health.snapshot ?? {},
    stateVersion: ctx.stateVersion(),
    uptimeMs: Math.max(0, ctx.now() - ctx.startedAtMs),
    ...(admin ? { configPath: ctx.configPath, stateDir: ctx.stateDir, authMode: ctx.auth.mode } : {}),
    sessionDefaults: { defaultAgentId, mainKey, mainSessionKey: `agent:${defaultAgentId}:${mainKey}`, scope: 'per-sender' },
  };
}

/**
 * The `connect` answer, shaped for the negotiated version: v3 carries exactly v3's keys (no `auth.method`,
 * no canvas URL since no canvas host runs); v4 adds `auth.method`. `auth.scopes` reports the device
 * token's scopes when one was issued, else the granted scopes, as OpenClaw does.
 */
export function buildHelloOk(ctx: GatewayContext, session: ConnectionSession, connId: string, deviceToken: DeviceTokenEntry | undefined): HelloOkV3 | HelloOkV4 {
  const policy = {
    maxPayload: session.webchat ? Math.min(WEBCHAT_MAX_PAYLOAD, ctx.policy.maxPayload) : ctx.policy.maxPayload,
    maxBufferedBytes: ctx.policy.maxBufferedBytes,
    tickIntervalMs: ctx.policy.tickIntervalMs,
  };
  const features = session.webchat ? webchatFeatures(ctx) : { methods: [...ctx.methodNames], events: [...ctx.eventNames] };
  const tokenFields = deviceToken
    ? { deviceToken: deviceToken.token, issuedAtMs: deviceToken.rotatedAtMs ?? deviceToken.createdAtMs }
    : {};
  const scopes = deviceToken ? [...deviceToken.scopes] : [...session.scopes];
  const snapshot = session.webchat ? webchatSnapshot(ctx, session.webchat) : buildSnapshot(ctx, session);
  if (session.protocol === 3) {
    return {
      type: 'hello-ok',
      protocol: 3,
      server: { version: ctx.version, connId },
      features,
      snapshot,
      auth: { role: session.role, scopes, ...tokenFields },
      policy,
    };
  }
  return {
    type: 'hello-ok',
    protocol: 4,
    server: { version: ctx.version, connId },
    features,
    snapshot,
    auth: { method: session.authMethod, role: session.role, scopes, ...tokenFields },
    policy,
  };
}
