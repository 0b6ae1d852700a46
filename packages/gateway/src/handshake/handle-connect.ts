import {
  ConnectErrorDetailCodes,
  ConnectParamsSchema,
  ErrorCodes,
  MAX_PROTOCOL,
  MIN_PROTOCOL,
  isRole,
  negotiateProtocol,
  type RequestFrame,
} from '@rusty-claw/protocol';
import type { ConnectionSession } from '../connection/connection-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { errorShape, respondError } from '../connection/respond-error.js';
import { formatSchemaIssues } from '../methods/format-schema-issues.js';
import type { DeviceTokenEntry } from '../pairing/device-records.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { buildHelloOk } from './build-hello-ok.js';
import { checkBrowserOrigin } from './check-browser-origin.js';
import { reject, type HandshakeRejection } from './handshake-rejection.js';
import { resolveConnectAuth } from './resolve-connect-auth.js';
import { resolveDevicePairing } from './resolve-device-pairing.js';
import { WEBCHAT_MAX_PAYLOAD } from '../webchat/webchat-guard.js';
import { decideWebchatConnect, matchWebchatToken } from '../webchat/webchat-connect.js';

/** Raises ws's per-socket frame limit after hello-ok (ws keeps it on the receiver; OpenClaw does the same). */
function raiseMaxPayload(connection: GatewayConnection, maxPayload: number): void {
  const receiver = (connection.socket as unknown as { _receiver?: { _maxPayload: number } })._receiver;
  if (receiver) receiver._maxPayload = maxPayload;
}

/**
 * Runs the whole handshake for the first request of a socket (OpenClaw §3.5, in its order) and either
 * registers the session and answers hello-ok, or answers the failure and closes the socket.
 */
export async function handleConnect(ctx: GatewayContext, connection: GatewayConnection, frame: RequestFrame): Promise<void> {
  const outcome = await decideConnect(ctx, connection, frame);
  if (!outcome.ok) {
    respondError(connection, frame.id, outcome.error);
    connection.close(outcome.closeCode, outcome.closeReason);
    return;
  }
  // The socket may have gone while the device files were read.
  if (!connection.isOpen) return;
  const { session, deviceToken } = outcome;
  connection.session = session;
  raiseMaxPayload(connection, session.webchat ? Math.min(WEBCHAT_MAX_PAYLOAD, ctx.policy.maxPayload) : ctx.policy.maxPayload);
  if (session.presenceKey) {
    ctx.presence.upsert(session.presenceKey, {
      host: session.client.displayName ?? session.client.id,
      ...(connection.reportedIp ? { ip: connection.reportedIp } : {}),
      version: session.client.version,
      platform: session.client.platform,
      ...(session.client.deviceFamily ? { deviceFamily: session.client.deviceFamily } : {}),
      ...(session.client.modelIdentifier ? { modelIdentifier: session.client.modelIdentifier } : {}),
      mode: session.client.mode,
      ...(session.deviceId ? { deviceId: session.deviceId } : {}),
      roles: [session.role],
      scopes: [...session.scopes],
      ...(session.deviceId || session.client.instanceId ? { instanceId: session.deviceId ?? session.client.instanceId } : {}),
      reason: 'connect',
    });
  }
  connection.sendResponse({ type: 'res', id: frame.id, ok: true, payload: buildHelloOk(ctx, session, connection.connId, deviceToken) });
  ctx.logger.debug(
    { connId: connection.connId, client: session.client.id, mode: session.client.mode, protocol: session.protocol, auth: session.authMethod },
    'hello-ok',
  );
  if (session.presenceKey) ctx.publishPresence();
}

type Decision = { ok: true; session: ConnectionSession; deviceToken: DeviceTokenEntry | undefined } | HandshakeRejection;

async function decideConnect(ctx: GatewayContext, connection: GatewayConnection, frame: RequestFrame): Promise<Decision> {
  const parsed = ConnectParamsSchema.safeParse(frame.params);
  if (!parsed.success) {
    return reject(errorShape(ErrorCodes.INVALID_REQUEST, `invalid connect params: ${formatSchemaIssues(parsed.error, frame.params)}`));
  }
  const connect = parsed.data;
  if (!ctx.isReady()) {
    return reject(
      errorShape(ErrorCodes.UNAVAILABLE, 'gateway starting; retry shortly', {
        retryable: true,
        retryAfterMs: 500,
        details: { reason: 'startup-sidecars' },
      }),
      1013,
      'gateway starting',
    );
  }
  const protocol = negotiateProtocol(connect.minProtocol, connect.maxProtocol);
  if (protocol === undefined) {
    return reject(
      errorShape(ErrorCodes.INVALID_REQUEST, 'protocol mismatch', {
        details: {
          code: ConnectErrorDetailCodes.PROTOCOL_MISMATCH,
          clientMinProtocol: connect.minProtocol,
          clientMaxProtocol: connect.maxProtocol,
          expectedProtocol: MAX_PROTOCOL,
          minimumProbeProtocol: MIN_PROTOCOL,
        },
      }),
      1002,
      'protocol mismatch',
    );
  }
  const role = connect.role ?? 'operator';
  if (!isRole(role)) return reject(errorShape(ErrorCodes.INVALID_REQUEST, 'invalid role'), 1008, 'invalid role');
  const scopes = [...new Set(connect.scopes ?? [])];
  // A socket presenting the web chat token may also come from the web chat's own allowed origins.
  const webchat = matchWebchatToken(ctx, connection, connect);
  const controlUiOrigins = ctx.config.gateway?.controlUi?.allowedOrigins;
  const allowedOrigins = webchat ? [...(controlUiOrigins ?? []), ...webchat.allowedOrigins] : controlUiOrigins;
  const origin = checkBrowserOrigin({ connection, client: connect.client, allowedOrigins });
  if (!origin.ok) {
    const message = 'origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)';
    return reject(errorShape(ErrorCodes.INVALID_REQUEST, message, { details: { code: ConnectErrorDetailCodes.CONTROL_UI_ORIGIN_NOT_ALLOWED, reason: origin.reason } }));
  }

  if (webchat) return decideWebchatConnect({ ctx, access: webchat, connect, protocol, role, scopes });
  const auth = await resolveConnectAuth({ ctx, connection, connect, protocol, role, scopes });
  if (!auth.ok) return auth;
  let deviceToken: DeviceTokenEntry | undefined;
  if (auth.device) {
    const pairing = await resolveDevicePairing({ ctx, connection, connect, auth: { ...auth, device: auth.device }, role, scopes });
    if (!pairing.ok) return pairing;
    deviceToken = await ctx.devices.ensureToken({ deviceId: auth.device.id, role, scopes });
  }
  const session: ConnectionSession = {
    protocol,
    role,
    scopes,
    client: connect.client,
    caps: connect.caps ?? [],
    authMethod: auth.method,
    connectedAtMs: ctx.now(),
    ...(auth.device ? { deviceId: auth.device.id } : {}),
    // CLI-mode clients are one-shot callers; presence would only flicker (OpenClaw skips them too).
    ...(connect.client.mode === 'cli' ? {} : { presenceKey: auth.device?.id ?? connect.client.instanceId ?? connection.connId }),
  };
  return { ok: true, session, deviceToken };
}
