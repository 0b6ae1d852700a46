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
import { agentMethod } from './agent-method.js';
import { agentWaitMethod } from './agent-wait-method.js';
import { agentsListMethod } from './agents-list-method.js';
import { chatAbortMethod } from './chat-abort-method.js';
import { chatHistoryMethod } from './chat-history-method.js';
import { chatSendMethod } from './chat-send-method.js';
import { modelsListMethod } from './models-list-method.js';
import { sessionsCompactMethod } from './sessions-compact-method.js';
import { sessionsDeleteMethod } from './sessions-delete-method.js';
import { sessionsListMethod } from './sessions-list-method.js';
import { sessionsPatchMethod } from './sessions-patch-method.js';
import { sessionsResetMethod } from './sessions-reset-method.js';
import { channelsLoginMethod, channelsLogoutMethod, channelsStartMethod, channelsStopMethod } from './channels-account-methods.js';
import { channelsStatusMethod } from './channels-status-method.js';
import { pairingApproveMethod, pairingDismissMethod } from './pairing-approve-method.js';
import { pairingListMethod } from './pairing-list-method.js';

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
  // Agent runtime (issue 4), in OpenClaw's advertised order.
  modelsListMethod,
  agentsListMethod,
  sessionsListMethod,
  sessionsPatchMethod,
  sessionsResetMethod,
  sessionsDeleteMethod,
  sessionsCompactMethod,
  agentMethod,
  agentWaitMethod,
  chatHistoryMethod,
  chatAbortMethod,
  chatSendMethod,
  // Channels (issue 5): OpenClaw's channel methods, our channels.login, and 2026.9.6's DM pairing methods.
  channelsStatusMethod,
  channelsStartMethod,
  channelsStopMethod,
  channelsLogoutMethod,
  channelsLoginMethod,
  pairingListMethod,
  pairingApproveMethod,
  pairingDismissMethod,
] as MethodDefinition[];

/** `hello-ok.features.methods`: `connect` plus every method above. */
export function advertisedMethodNames(methods: readonly MethodDefinition[]): string[] {
  return ['connect', ...methods.map((method) => method.name)];
}
