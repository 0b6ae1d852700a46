import { ErrorCodes, type ConnectParams, type ProtocolVersion } from '@rusty-claw/protocol';
import type { ConnectionSession } from '../connection/connection-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { errorShape } from '../connection/respond-error.js';
import { reject, type HandshakeRejection } from '../handshake/handshake-rejection.js';
import type { GatewayContext } from '../server/gateway-context.js';
import type { WebchatAccess } from './webchat-access.js';
import { WEBCHAT_MAX_SCOPES, parseVisitorId, webchatSessionKey } from './webchat-scope.js';

/**
 * The web chat access when this `connect` presents the web chat token, else undefined (the normal auth path
 * runs). An IP locked out for guessing secrets is not let in with it either: otherwise the lockout would not
 * slow down guessing the web chat token. A success does not reset that counter (the token is handed to
 * browsers, so holding it must not wipe an attacker's record).
 */
export function matchWebchatToken(ctx: GatewayContext, connection: GatewayConnection, connect: ConnectParams): WebchatAccess | undefined {
  const access = ctx.webchat;
  if (!access || !access.matches(connect.auth?.token)) return undefined;
  if (!ctx.rateLimiter.check(connection.clientIp, 'shared-secret').allowed) return undefined;
  return access;
}

/**
 * Accepts a socket that presented the web chat token: role operator, scopes capped to read + write, no device,
 * no presence entry, and bound to the visitor's own session (`client.instanceId` is the visitor id).
 */
export function decideWebchatConnect(params: {
  ctx: GatewayContext;
  access: WebchatAccess;
  connect: ConnectParams;
  protocol: ProtocolVersion;
  role: string;
  scopes: readonly string[];
}): { ok: true; session: ConnectionSession; deviceToken: undefined } | HandshakeRejection {
  const { ctx, access, connect, protocol, role, scopes } = params;
  if (role !== 'operator') return reject(errorShape(ErrorCodes.INVALID_REQUEST, 'the web chat token is only valid for role operator'));
  const visitorId = parseVisitorId(connect.client.instanceId);
  if (visitorId === undefined) {
    return reject(
      errorShape(ErrorCodes.INVALID_REQUEST, 'web chat needs a visitor id: client.instanceId of 16–128 characters [A-Za-z0-9_-]', {
        details: { code: 'WEBCHAT_VISITOR_ID_INVALID' },
      }),
    );
  }
  const agentId = access.agentId(ctx.config);
  const session: ConnectionSession = {
    protocol,
    role: 'operator',
    scopes: scopes.filter((scope) => WEBCHAT_MAX_SCOPES.includes(scope)),
    client: connect.client,
    caps: [],
    authMethod: 'token',
    connectedAtMs: ctx.now(),
    webchat: { agentId, visitorId, sessionKey: webchatSessionKey(agentId, visitorId) },
  };
  return { ok: true, session, deviceToken: undefined };
}
