import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { DeviceTokenRevokeParamsSchema, DeviceTokenRotateParamsSchema, ErrorCodes, GatewayMethodNames } from '@rusty-claw/protocol';
import { deviceManagementAuthz } from './device-management-authz.js';
import { disconnectDeviceLater } from './device-pair-methods.js';
import { defineMethod } from './method-definition.js';

/**
 * `device.token.rotate {deviceId, role, scopes?}`: a fresh token (scopes within the device's approval and
 * the caller's own). The token value goes back only to the device itself or an admin. The device's
 * sockets for that role are closed, so they reconnect with the new token.
 */
export const deviceTokenRotateMethod = defineMethod({
  name: GatewayMethodNames.DeviceTokenRotate,
  params: DeviceTokenRotateParamsSchema,
  handle: async ({ ctx, session, params }) => {
    const deviceId = params.deviceId.trim();
    const { ownDeviceOnly, isAdmin } = deviceManagementAuthz(session);
    if (ownDeviceOnly && ownDeviceOnly !== deviceId) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'device token rotation denied');
    const rotated = await ctx.devices.rotateToken({ deviceId, role: params.role, scopes: params.scopes, callerScopes: session.scopes });
    if (!rotated.ok) {
      ctx.logger.warn({ deviceId, role: params.role, reason: rotated.reason }, 'device token rotation denied');
      throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'device token rotation denied', { details: { reason: rotated.reason } });
    }
    const { entry } = rotated;
    ctx.logger.info({ deviceId, role: entry.role }, 'device token rotated');
    disconnectDeviceLater(ctx, deviceId, 'device token rotated', entry.role);
    const mayReadToken = isAdmin || session.deviceId === deviceId;
    return {
      deviceId,
      role: entry.role,
      ...(mayReadToken ? { token: entry.token } : {}),
      scopes: entry.scopes,
      rotatedAtMs: entry.rotatedAtMs ?? entry.createdAtMs,
    };
  },
});

/** `device.token.revoke {deviceId, role}`: the token stops working and the device's sockets for that role close at once. */
export const deviceTokenRevokeMethod = defineMethod({
  name: GatewayMethodNames.DeviceTokenRevoke,
  params: DeviceTokenRevokeParamsSchema,
  handle: async ({ ctx, session, params }) => {
    const deviceId = params.deviceId.trim();
    const { ownDeviceOnly } = deviceManagementAuthz(session);
    if (ownDeviceOnly && ownDeviceOnly !== deviceId) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'device token revocation denied');
    const revoked = await ctx.devices.revokeToken({ deviceId, role: params.role, callerScopes: session.scopes });
    if (!revoked.ok) {
      ctx.logger.warn({ deviceId, role: params.role, reason: revoked.reason }, 'device token revocation denied');
      throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'device token revocation denied', { details: { reason: revoked.reason } });
    }
    ctx.logger.info({ deviceId, role: revoked.entry.role }, 'device token revoked');
    disconnectDeviceLater(ctx, deviceId, 'device token revoked', revoked.entry.role);
    return { deviceId, role: revoked.entry.role, revokedAtMs: revoked.entry.revokedAtMs ?? ctx.now() };
  },
});
