import type { MethodDefinition } from './method-definition.js';
import { configGetMethod } from './config-get-method.js';
import { configPatchMethod } from './config-patch-method.js';
import { configSchemaMethod } from './config-schema-method.js';
import { configSetMethod } from './config-set-method.js';
import { devicePairApproveMethod, devicePairListMethod, devicePairRejectMethod, devicePairRemoveMethod } from './device-pair-methods.js';
import { deviceTokenRevokeMethod, deviceTokenRotateMethod } from './device-token-methods.js';
import { healthMethod } from './health-method.js';
import { lastHeartbeatMethod } from './last-heartbeat-method.js';
import { statusMethod } from './status-method.js';
import { systemPresenceMethod } from './system-presence-method.js';

/** Every method this gateway answers, in the order hello-ok advertises them. `connect` is the handshake itself. */
export const GATEWAY_METHODS: readonly MethodDefinition[] = [
  healthMethod,
  statusMethod,
  systemPresenceMethod,
  configGetMethod,
  configSetMethod,
  configPatchMethod,
  configSchemaMethod,
  lastHeartbeatMethod,
  devicePairListMethod,
  devicePairApproveMethod,
  devicePairRejectMethod,
  devicePairRemoveMethod,
  deviceTokenRotateMethod,
  deviceTokenRevokeMethod,
] as MethodDefinition[];

/** `hello-ok.features.methods`: `connect` plus every method above. */
export function advertisedMethodNames(methods: readonly MethodDefinition[]): string[] {
  return ['connect', ...methods.map((method) => method.name)];
}
