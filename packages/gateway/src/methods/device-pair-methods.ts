import { ProtocolError } from '@rusty-claw/plugin-sdk';
import {
  DevicePairApproveParamsSchema,
  DevicePairListParamsSchema,
  DevicePairRejectParamsSchema,
  DevicePairRemoveParamsSchema,
  ErrorCodes,
  GatewayMethodNames,
} from '@rusty-claw/protocol';
import { summarizePairedDevice } from '../pairing/device-records.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { deviceManagementAuthz } from './device-management-authz.js';
import { defineMethod } from './method-definition.js';

function invalid(message: string): ProtocolError {
  return new ProtocolError(ErrorCodes.INVALID_REQUEST, message);
}

/** Closes every socket of `deviceId` (optionally one role) once the current response is on the wire. */
export function disconnectDeviceLater(ctx: GatewayContext, deviceId: string, reason: string, role?: string): void {
  setImmediate(() => {
    for (const connection of ctx.connections.forDevice(deviceId, role)) connection.close(1008, reason);
  });
}

/** `device.pair.list`: pending requests and paired devices (token values never leave the gateway). */
export const devicePairListMethod = defineMethod({
  name: GatewayMethodNames.DevicePairList,
  params: DevicePairListParamsSchema,
  handle: async ({ ctx, session }) => {
    const { ownDeviceOnly } = deviceManagementAuthz(session);
    const list = await ctx.devices.list();
    const pending = ownDeviceOnly ? list.pending.filter((entry) => entry.deviceId === ownDeviceOnly) : list.pending;
    const paired = ownDeviceOnly ? list.paired.filter((entry) => entry.deviceId === ownDeviceOnly) : list.paired;
    return { pending, paired: paired.map(summarizePairedDevice) };
  },
});

/** `device.pair.approve {requestId}`: the caller's scopes must cover what the device asked for. */
export const devicePairApproveMethod = defineMethod({
  name: GatewayMethodNames.DevicePairApprove,
  params: DevicePairApproveParamsSchema,
  handle: async ({ ctx, session, params }) => {
    const { ownDeviceOnly } = deviceManagementAuthz(session);
    if (ownDeviceOnly) {
      const pending = await ctx.devices.getPending(params.requestId);
      if (!pending || pending.deviceId !== ownDeviceOnly) throw invalid('device pairing approval denied');
    }
    const result = await ctx.devices.approve(params.requestId, { callerScopes: session.scopes });
    if (!result) throw invalid('unknown requestId');
    if (result.status === 'forbidden') throw invalid(`missing scope: ${result.scope}`);
    ctx.logger.info({ deviceId: result.device.deviceId, requestId: params.requestId }, 'device pairing approved');
    ctx.connections.broadcast(
      'device.pair.resolved',
      { requestId: params.requestId, deviceId: result.device.deviceId, decision: 'approved', ts: ctx.now() },
      { dropIfSlow: true },
    );
    return { requestId: params.requestId, device: summarizePairedDevice(result.device) };
  },
});

/** `device.pair.reject {requestId}`. */
export const devicePairRejectMethod = defineMethod({
  name: GatewayMethodNames.DevicePairReject,
  params: DevicePairRejectParamsSchema,
  handle: async ({ ctx, session, params }) => {
    const { ownDeviceOnly } = deviceManagementAuthz(session);
    if (ownDeviceOnly) {
      const pending = await ctx.devices.getPending(params.requestId);
      if (!pending || pending.deviceId !== ownDeviceOnly) throw invalid('device pairing rejection denied');
    }
    const rejected = await ctx.devices.reject(params.requestId);
    if (!rejected) throw invalid('unknown requestId');
    ctx.connections.broadcast(
      'device.pair.resolved',
      { requestId: rejected.requestId, deviceId: rejected.deviceId, decision: 'rejected', ts: ctx.now() },
      { dropIfSlow: true },
    );
    return rejected;
  },
});

/** `device.pair.remove {deviceId}`: unpairs the device and closes its live sockets (1008). */
export const devicePairRemoveMethod = defineMethod({
  name: GatewayMethodNames.DevicePairRemove,
  params: DevicePairRemoveParamsSchema,
  handle: async ({ ctx, session, params }) => {
    const { ownDeviceOnly } = deviceManagementAuthz(session);
    if (ownDeviceOnly && ownDeviceOnly !== params.deviceId.trim()) throw invalid('device pairing removal denied');
    const removed = await ctx.devices.remove(params.deviceId);
    if (!removed) throw invalid('unknown deviceId');
    ctx.logger.info({ deviceId: removed.deviceId }, 'device pairing removed');
    disconnectDeviceLater(ctx, removed.deviceId, 'device removed');
    return removed;
  },
});
