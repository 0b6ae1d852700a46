import { ErrorCodes, normalizeDeviceMetadata, type ConnectParams, type PairingReason } from '@rusty-claw/protocol';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { errorShape } from '../connection/respond-error.js';
import { approvedRoles, approvedScopeBaseline, effectiveRoles, type PairedDevice } from '../pairing/device-records.js';
import { roleScopesAllow } from '../pairing/role-scopes-allow.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { isBrowserClient } from './check-browser-origin.js';
import type { ConnectAuthAccepted } from './resolve-connect-auth.js';
import { reject, type HandshakeRejection } from './handshake-rejection.js';
import { pairingRequiredCloseReason, pairingRequiredDetails, pairingRequiredMessage } from './pairing-required.js';

/** Why the device's current approval does not cover this connect, if it does not. */
function pairingGap(paired: PairedDevice | undefined, publicKey: string, connect: ConnectParams, role: string, scopes: readonly string[]): PairingReason | undefined {
  if (!paired || paired.publicKey !== publicKey) return 'not-paired';
  const pinnedPlatform = normalizeDeviceMetadata(paired.platform);
  const pinnedFamily = normalizeDeviceMetadata(paired.deviceFamily);
  if (
    (pinnedPlatform !== '' && pinnedPlatform !== normalizeDeviceMetadata(connect.client.platform)) ||
    (pinnedFamily !== '' && pinnedFamily !== normalizeDeviceMetadata(connect.client.deviceFamily))
  ) {
    return 'metadata-upgrade';
  }
  if (!effectiveRoles(paired).includes(role)) return 'role-upgrade';
  if (scopes.length > 0 && !roleScopesAllow(role, scopes, approvedScopeBaseline(paired))) return 'scope-upgrade';
  return undefined;
}

/**
 * Step 10 of the handshake: is this device approved for this role and these scopes? A local connection
 * (loopback, no proxy headers) that also holds the shared secret is approved silently, like OpenClaw's
 * local auto-pairing; unlike OpenClaw this also covers scope upgrades, since the secret alone already
 * grants those scopes to a device-less connection. Anything else records a pending request, tells
 * `operator.pairing` sockets (`device.pair.requested`) and answers NOT_PAIRED.
 */
export async function resolveDevicePairing(params: {
  ctx: GatewayContext;
  connection: GatewayConnection;
  connect: ConnectParams;
  auth: ConnectAuthAccepted & { device: { id: string; publicKey: string } };
  role: 'operator' | 'node';
  scopes: readonly string[];
}): Promise<{ ok: true } | HandshakeRejection> {
  const { ctx, connection, connect, auth, role, scopes } = params;
  const { id: deviceId, publicKey } = auth.device;
  const paired = await ctx.devices.getPaired(deviceId);
  const reason = pairingGap(paired, publicKey, connect, role, scopes);
  if (!reason) {
    await ctx.devices.touch(deviceId, {
      displayName: connect.client.displayName,
      clientId: connect.client.id,
      clientMode: connect.client.mode,
      remoteIp: connection.reportedIp,
    });
    return { ok: true };
  }

  // A page with some other origin (already allowed by the origin check) is not auto-approved, as in OpenClaw.
  const browserOriginAllowed = !connection.origin || isBrowserClient(connect.client);
  const silent = connection.isLocalDirect && auth.sharedSecretOk && browserOriginAllowed;
  const { request, created } = await ctx.devices.requestPairing({
    deviceId,
    publicKey,
    displayName: connect.client.displayName,
    platform: connect.client.platform,
    deviceFamily: connect.client.deviceFamily,
    clientId: connect.client.id,
    clientMode: connect.client.mode,
    role,
    scopes,
    remoteIp: connection.reportedIp,
    silent,
  });
  if (silent) {
    const approved = await ctx.devices.approve(request.requestId, { callerScopes: scopes });
    if (approved?.status === 'approved') {
      ctx.logger.info({ deviceId, role, reason }, 'device pairing auto-approved (local connection with shared secret)');
      ctx.connections.broadcast(
        'device.pair.resolved',
        { requestId: request.requestId, deviceId, decision: 'approved', ts: ctx.now() },
        { dropIfSlow: true },
      );
      return { ok: true };
    }
  } else if (created) {
    ctx.connections.broadcast('device.pair.requested', request, { dropIfSlow: true });
  }

  const samePaired = paired?.publicKey === publicKey ? paired : undefined;
  ctx.logger.warn({ deviceId, role, reason, requestId: request.requestId }, 'device pairing required');
  return reject(
    errorShape(ErrorCodes.NOT_PAIRED, pairingRequiredMessage(reason), {
      details: pairingRequiredDetails({
        reason,
        requestId: request.requestId,
        deviceId,
        requestedRole: role,
        requestedScopes: scopes,
        approvedRoles: samePaired ? approvedRoles(samePaired) : undefined,
        approvedScopes: samePaired ? approvedScopeBaseline(samePaired) : undefined,
      }),
    }),
    1008,
    pairingRequiredCloseReason(reason, request.requestId),
  );
}
