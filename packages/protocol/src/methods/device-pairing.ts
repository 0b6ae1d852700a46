import { z } from 'zod';
import { DevicePairRequestedEventSchema } from '../schema/event-payloads.js';
import { NonEmptyString, NonEmptyStringArray, NonNegativeInt } from '../schema/primitives.js';

// Device pairing and device-token management (scope operator.pairing). Params are strict, as in
// OpenClaw; results are open objects with OpenClaw's required keys.

/** `device.pair.list` takes nothing: strict `{}`. */
export const DevicePairListParamsSchema = z.strictObject({});
export type DevicePairListParams = z.infer<typeof DevicePairListParamsSchema>;

/** A pending pairing request: the same object the `device.pair.requested` event carries. */
export const PendingDeviceSchema = DevicePairRequestedEventSchema;
export type PendingDevice = z.infer<typeof PendingDeviceSchema>;

/** A device token without the secret (what list/approve return). */
export const DeviceTokenSummarySchema = z.looseObject({
  role: z.string(),
  scopes: z.array(z.string()),
  createdAtMs: NonNegativeInt,
  rotatedAtMs: NonNegativeInt.optional(),
  revokedAtMs: NonNegativeInt.optional(),
  lastUsedAtMs: NonNegativeInt.optional(),
});
export type DeviceTokenSummary = z.infer<typeof DeviceTokenSummarySchema>;

/** A paired device as returned to operators: token secrets and approved-scope internals removed. */
export const PairedDeviceSchema = z.looseObject({
  deviceId: z.string(),
  publicKey: z.string(),
  displayName: z.string().optional(),
  platform: z.string().optional(),
  deviceFamily: z.string().optional(),
  clientId: z.string().optional(),
  clientMode: z.string().optional(),
  role: z.string().optional(),
  roles: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  remoteIp: z.string().optional(),
  tokens: z.array(DeviceTokenSummarySchema).optional(),
  createdAtMs: NonNegativeInt,
  approvedAtMs: NonNegativeInt,
  lastSeenAtMs: NonNegativeInt.optional(),
  lastSeenReason: z.string().optional(),
});
export type PairedDevice = z.infer<typeof PairedDeviceSchema>;

export const DevicePairListResultSchema = z.looseObject({
  pending: z.array(PendingDeviceSchema),
  paired: z.array(PairedDeviceSchema),
});
export type DevicePairListResult = z.infer<typeof DevicePairListResultSchema>;

/** `device.pair.approve {requestId}`. */
export const DevicePairApproveParamsSchema = z.strictObject({ requestId: NonEmptyString });
export type DevicePairApproveParams = z.infer<typeof DevicePairApproveParamsSchema>;
export const DevicePairApproveResultSchema = z.looseObject({ requestId: z.string(), device: PairedDeviceSchema });
export type DevicePairApproveResult = z.infer<typeof DevicePairApproveResultSchema>;

/** `device.pair.reject {requestId}`. */
export const DevicePairRejectParamsSchema = z.strictObject({ requestId: NonEmptyString });
export type DevicePairRejectParams = z.infer<typeof DevicePairRejectParamsSchema>;
export const DevicePairRejectResultSchema = z.looseObject({ requestId: z.string(), deviceId: z.string() });
export type DevicePairRejectResult = z.infer<typeof DevicePairRejectResultSchema>;

/** `device.pair.remove {deviceId}`: unpairs and disconnects the device. */
export const DevicePairRemoveParamsSchema = z.strictObject({ deviceId: NonEmptyString });
export type DevicePairRemoveParams = z.infer<typeof DevicePairRemoveParamsSchema>;
export const DevicePairRemoveResultSchema = z.looseObject({ deviceId: z.string() });
export type DevicePairRemoveResult = z.infer<typeof DevicePairRemoveResultSchema>;

/** `device.token.rotate {deviceId, role, scopes?}`: issue a fresh token (optionally narrower scopes). */
export const DeviceTokenRotateParamsSchema = z.strictObject({
  deviceId: NonEmptyString,
  role: NonEmptyString,
  scopes: NonEmptyStringArray.optional(),
});
export type DeviceTokenRotateParams = z.infer<typeof DeviceTokenRotateParamsSchema>;
/** `token` is only returned when the caller may see it (the device itself, or an admin). */
export const DeviceTokenRotateResultSchema = z.looseObject({
  deviceId: z.string(),
  role: z.string(),
  token: z.string().optional(),
  scopes: z.array(z.string()),
  rotatedAtMs: NonNegativeInt,
});
export type DeviceTokenRotateResult = z.infer<typeof DeviceTokenRotateResultSchema>;

/** `device.token.revoke {deviceId, role}`. */
export const DeviceTokenRevokeParamsSchema = z.strictObject({ deviceId: NonEmptyString, role: NonEmptyString });
export type DeviceTokenRevokeParams = z.infer<typeof DeviceTokenRevokeParamsSchema>;
export const DeviceTokenRevokeResultSchema = z.looseObject({
  deviceId: z.string(),
  role: z.string(),
  revokedAtMs: NonNegativeInt,
});
export type DeviceTokenRevokeResult = z.infer<typeof DeviceTokenRevokeResultSchema>;
