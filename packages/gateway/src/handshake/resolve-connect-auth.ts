import { ConnectErrorDetailCodes, ErrorCodes, type ConnectParams, type ProtocolVersion } from '@rusty-claw/protocol';
import { authorizeSharedSecret } from '../auth/authorize-shared-secret.js';
import type { AuthMethod } from '../connection/connection-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { errorShape } from '../connection/respond-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { authFailureDetails, formatAuthFailureMessage, type AuthFailureReason } from './auth-failure.js';
import { reject, type HandshakeRejection } from './handshake-rejection.js';
import { verifyDeviceProof } from './verify-device-proof.js';

/** A socket that passed authentication (pairing is decided next). */
export interface ConnectAuthAccepted {
  ok: true;
  method: AuthMethod;
  /** The shared secret was presented and valid (or `auth.mode` is `none`): the owner's credential. */
  sharedSecretOk: boolean;
  device?: { id: string; publicKey: string };
}

/**
 * Steps 6–8 of OpenClaw's handshake (§3.5): shared secret, device proof, device-token fallback, and the
 * missing-device rule. A valid shared secret without a device is accepted with the requested scopes (the
 * secret is the owner's credential; see the README on this deviation from v3, which cleared them).
 */
export async function resolveConnectAuth(params: {
  ctx: GatewayContext;
  connection: GatewayConnection;
  connect: ConnectParams;
  protocol: ProtocolVersion;
  role: 'operator' | 'node';
  scopes: readonly string[];
}): Promise<ConnectAuthAccepted | HandshakeRejection> {
  const { ctx, connection, connect, protocol, role, scopes } = params;
  const ip = connection.clientIp;
  const shared = authorizeSharedSecret({ auth: ctx.auth, provided: connect.auth, limiter: ctx.rateLimiter, ip });
  const device = connect.device;
  const presentedSecret = Boolean(connect.auth?.token || connect.auth?.password);

  const unauthorized = (reason: AuthFailureReason): HandshakeRejection => {
    const message = formatAuthFailureMessage({ protocol, reason, client: connect.client, isLocalClient: connection.isLocalDirect });
    const details = authFailureDetails({ reason, auth: connect.auth, hasDeviceIdentity: device !== undefined });
    ctx.logger.warn({ connId: connection.connId, remote: connection.remoteAddress, reason, client: connect.client.id }, 'connect unauthorized');
    const retry = reason === 'rate_limited' && !shared.ok && shared.retryAfterMs !== undefined ? { retryAfterMs: shared.retryAfterMs } : {};
    return reject(errorShape(ErrorCodes.INVALID_REQUEST, message, { details, ...retry }));
  };

  if (!device) {
    if (shared.ok && role === 'operator') return { ok: true, method: shared.method, sharedSecretOk: true };
    if (!shared.ok && presentedSecret) return unauthorized(shared.reason);
    return reject(
      errorShape(ErrorCodes.NOT_PAIRED, 'device identity required', { details: { code: ConnectErrorDetailCodes.DEVICE_IDENTITY_REQUIRED } }),
    );
  }

  const proof = verifyDeviceProof({ device, connect, role, scopes, expectedNonce: connection.nonce, now: ctx.now() });
  if (!proof.ok) {
    ctx.logger.warn({ connId: connection.connId, deviceId: device.id, reason: proof.reason }, 'device auth invalid');
    return reject(errorShape(ErrorCodes.INVALID_REQUEST, proof.message, { details: { code: proof.detailCode, reason: proof.reason } }));
  }
  const verified = { id: device.id, publicKey: proof.publicKey };
  if (shared.ok) return { ok: true, method: shared.method, sharedSecretOk: true, device: verified };

  // Shared auth failed or was absent: a device token (explicit, or the shared token field reused) may still do.
  const explicitDeviceToken = connect.auth?.deviceToken?.trim();
  const candidate = explicitDeviceToken || connect.auth?.token?.trim();
  if (!candidate) return unauthorized(shared.reason);
  const check = ctx.rateLimiter.check(ip, 'device-token');
  if (!check.allowed) {
    return reject(
      errorShape(ErrorCodes.INVALID_REQUEST, formatAuthFailureMessage({ protocol, reason: 'rate_limited', client: connect.client, isLocalClient: connection.isLocalDirect }), {
        details: authFailureDetails({ reason: 'rate_limited', auth: connect.auth, hasDeviceIdentity: true }),
        retryAfterMs: check.retryAfterMs,
      }),
    );
  }
  const verifiedToken = await ctx.devices.verifyToken({ deviceId: device.id, role, token: candidate, scopes });
  if (verifiedToken.ok) {
    ctx.rateLimiter.reset(ip, 'device-token');
    return { ok: true, method: 'device-token', sharedSecretOk: false, device: verified };
  }
  ctx.rateLimiter.recordFailure(ip, 'device-token');
  return unauthorized(explicitDeviceToken ? 'device_token_mismatch' : shared.reason);
}
