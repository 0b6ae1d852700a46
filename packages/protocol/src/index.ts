// Public surface of @rusty-claw/protocol: the OpenClaw-compatible Gateway wire protocol (v3 + v4).
// Every export is deliberate; nothing is re-exported wholesale.

export { VERSION } from './package-version.js';

// Versions and advertised limits
export {
  MIN_PROTOCOL,
  MAX_PROTOCOL,
  negotiateProtocol,
  DEFAULT_POLICY,
  PREAUTH_MAX_PAYLOAD,
  HANDSHAKE_TIMEOUT_MS,
  DEVICE_SIGNATURE_MAX_SKEW_MS,
  type ProtocolVersion,
} from './version.js';

// Frames and errors
export {
  RequestFrameSchema,
  ResponseFrameSchema,
  EventFrameSchema,
  GatewayFrameSchema,
  ErrorShapeSchema,
  StateVersionSchema,
  type RequestFrame,
  type ResponseFrame,
  type EventFrame,
  type GatewayFrame,
  type ErrorShape,
  type StateVersion,
} from './schema/frames.js';
export {
  ErrorCodes,
  ConnectErrorDetailCodes,
  NON_RETRYABLE_CONNECT_DETAIL_CODES,
  GatewayErrorDetailCodes,
  ConnectRecoveryNextSteps,
  DeviceAuthFailureReasons,
  PairingReasons,
  type ErrorCode,
  type ConnectErrorDetailCode,
  type ConnectRecoveryNextStep,
  type PairingReason,
} from './schema/error-codes.js';

// Handshake
export {
  ConnectParamsSchema,
  ClientInfoSchema,
  ConnectDeviceSchema,
  ConnectAuthSchema,
  ClientIds,
  ClientModes,
  type ConnectParams,
  type ClientInfo,
  type ConnectDevice,
  type ConnectAuth,
  type ClientId,
  type ClientMode,
} from './schema/connect-params.js';
export {
  HelloOkSchema,
  HelloOkV3Schema,
  HelloOkV4Schema,
  HelloOkAuthSchema,
  HelloOkAuthV4Schema,
  HelloOkAuthMethods,
  PolicySchema,
  PolicyV4Schema,
  FeaturesSchema,
  IssuedDeviceTokenSchema,
  type HelloOk,
  type HelloOkV3,
  type HelloOkV4,
  type HelloOkAuth,
  type HelloOkAuthV4,
  type Policy,
  type PolicyV4,
} from './schema/hello-ok.js';
export {
  SnapshotSchema,
  SnapshotV4Schema,
  SessionDefaultsSchema,
  SessionDefaultsV4Schema,
  UpdateAvailableSchema,
  AuthModes,
  type Snapshot,
  type SnapshotV4,
  type SessionDefaults,
  type UpdateAvailable,
  type AuthMode,
} from './schema/snapshot.js';
export { PresenceEntrySchema, PresenceEntryV4Schema, type PresenceEntry, type PresenceEntryV4 } from './schema/presence-entry.js';

// Events
export {
  GATEWAY_EVENTS,
  ConnectChallengePayloadSchema,
  TickEventSchema,
  ShutdownEventSchema,
  PresenceEventSchema,
  DevicePairRequestedEventSchema,
  DevicePairResolvedEventSchema,
  HeartbeatEventSchema,
  ChatEventSchema,
  type ConnectChallengePayload,
  type TickEvent,
  type ShutdownEvent,
  type PresenceEvent,
  type DevicePairRequestedEvent,
  type DevicePairResolvedEvent,
  type HeartbeatEvent,
  type ChatEvent,
} from './schema/event-payloads.js';

// Methods
export { GatewayMethodNames, type GatewayMethodName } from './methods/gateway-method-names.js';
export { parseMethodParams } from './methods/parse-method-params.js';
export {
  HealthParamsSchema,
  HealthResultSchema,
  HealthSummarySchema,
  type HealthParams,
  type HealthResult,
  type HealthSummary,
} from './methods/health.js';
export {
  StatusParamsSchema,
  StatusResultSchema,
  StatusSummarySchema,
  SessionStatusSchema,
  type StatusParams,
  type StatusResult,
  type StatusSummary,
  type SessionStatus,
} from './methods/status.js';
export {
  SystemPresenceParamsSchema,
  SystemPresenceResultSchema,
  type SystemPresenceParams,
  type SystemPresenceResult,
} from './methods/system-presence.js';
export {
  ConfigGetParamsSchema,
  ConfigGetResultSchema,
  ConfigSetParamsSchema,
  ConfigSetResultSchema,
  ConfigPatchParamsSchema,
  ConfigPatchResultSchema,
  ConfigSchemaParamsSchema,
  ConfigSchemaResultSchema,
  ConfigUiHintSchema,
  type ConfigGetParams,
  type ConfigGetResult,
  type ConfigSetParams,
  type ConfigSetResult,
  type ConfigPatchParams,
  type ConfigPatchResult,
  type ConfigSchemaParams,
  type ConfigSchemaResult,
  type ConfigUiHint,
} from './methods/config.js';
export {
  LastHeartbeatParamsSchema,
  LastHeartbeatResultSchema,
  type LastHeartbeatParams,
  type LastHeartbeatResult,
} from './methods/last-heartbeat.js';
export {
  DevicePairListParamsSchema,
  DevicePairListResultSchema,
  DevicePairApproveParamsSchema,
  DevicePairApproveResultSchema,
  DevicePairRejectParamsSchema,
  DevicePairRejectResultSchema,
  DevicePairRemoveParamsSchema,
  DevicePairRemoveResultSchema,
  DeviceTokenRotateParamsSchema,
  DeviceTokenRotateResultSchema,
  DeviceTokenRevokeParamsSchema,
  DeviceTokenRevokeResultSchema,
  PairedDeviceSchema,
  PendingDeviceSchema,
  DeviceTokenSummarySchema,
  type DevicePairListParams,
  type DevicePairListResult,
  type DevicePairApproveParams,
  type DevicePairApproveResult,
  type DevicePairRejectParams,
  type DevicePairRejectResult,
  type DevicePairRemoveParams,
  type DevicePairRemoveResult,
  type DeviceTokenRotateParams,
  type DeviceTokenRotateResult,
  type DeviceTokenRevokeParams,
  type DeviceTokenRevokeResult,
  type PairedDevice,
  type PendingDevice,
  type DeviceTokenSummary,
} from './methods/device-pairing.js';

// Roles and scopes
export {
  OperatorScopes,
  ALL_OPERATOR_SCOPES,
  Roles,
  isRole,
  isOperatorScope,
  scopesSatisfy,
  type OperatorScope,
  type Role,
} from './scopes/operator-scopes.js';
export {
  METHOD_SCOPES,
  RESERVED_ADMIN_METHOD_PREFIXES,
  requiredScopeForMethod,
  isMethodClassified,
  leastPrivilegeScopesForMethod,
  type MethodRequirement,
} from './scopes/method-scopes.js';
export { authorizeMethod, type MethodAuthorization } from './scopes/authorize-method.js';
export {
  EVENT_SCOPES,
  NODE_BROADCAST_EVENTS,
  PLUGIN_EVENT_PREFIX,
  requiredScopeForEvent,
  canReceiveEvent,
} from './scopes/event-scopes.js';

// Device identity (Ed25519 on node:crypto)
export {
  generateDeviceIdentity,
  loadOrCreateDeviceIdentity,
  deviceIdFromPublicKey,
  publicKeyRawBase64Url,
  type DeviceIdentity,
  type StoredDeviceIdentity,
} from './device/device-identity.js';
export { buildDeviceAuthPayload, normalizeDeviceMetadata, type DeviceAuthPayloadParams } from './device/device-auth-payload.js';
export { signDevicePayload, verifyDeviceSignature } from './device/device-signature.js';

// Errors (recognised by plugin-sdk's RustyClawError.isInstance; see protocol-package-error.ts)
export { ProtocolPackageError } from './errors/protocol-package-error.js';
export { DeviceIdentityError } from './errors/device-identity-error.js';

// Client
export { GatewayClient } from './client/gateway-client.js';
export type { GatewayClientOptions, RequestOptions } from './client/gateway-client-options.js';
export { reconnectDelayMs, DEFAULT_RECONNECT, type ReconnectOptions } from './client/reconnect-backoff.js';
export { GatewayClientError, type GatewayClientErrorCode } from './errors/gateway-client-error.js';
export { GatewayRequestError } from './errors/gateway-request-error.js';

// Agent runtime methods and events: chat, agent, sessions, models, agents (issue 4)
export { RuntimeMethodNames, TOOL_EVENTS_CAP, type RuntimeMethodName } from './schema/methods/runtime-method-names.js';
export {
  InputProvenanceSchema,
  ChatAttachmentSchema,
  ChatSendParamsSchema,
  ChatSendResultSchema,
  ChatHistoryParamsSchema,
  ChatHistoryMessageSchema,
  ChatHistoryResultSchema,
  ChatAbortParamsSchema,
  ChatAbortResultSchema,
  type InputProvenance,
  type ChatAttachment,
  type ChatSendParams,
  type ChatSendResult,
  type ChatHistoryParams,
  type ChatHistoryMessage,
  type ChatHistoryResult,
  type ChatAbortParams,
  type ChatAbortResult,
} from './schema/methods/chat-methods.js';
export {
  AgentParamsSchema,
  AgentAcceptedResultSchema,
  AgentReplyPayloadSchema,
  AgentFinalResultSchema,
  AgentWaitParamsSchema,
  AgentWaitResultSchema,
  type AgentParams,
  type AgentAcceptedResult,
  type AgentReplyPayload,
  type AgentFinalResult,
  type AgentWaitParams,
  type AgentWaitResult,
} from './schema/methods/agent-methods.js';
export { AgentEventSchema, ChatEventV4Schema, type AgentEvent, type ChatEventV4 } from './schema/methods/agent-event.js';
export {
  SessionsListParamsSchema,
  SessionsListResultSchema,
  SessionRowSchema,
  SessionEntrySchema,
  SessionsPatchParamsSchema,
  SessionsPatchResultSchema,
  SessionsResetParamsSchema,
  SessionsResetResultSchema,
  SessionsDeleteParamsSchema,
  SessionsDeleteResultSchema,
  SessionsCompactParamsSchema,
  SessionsCompactResultSchema,
  type SessionsListParams,
  type SessionsListResult,
  type SessionRow,
  type SessionEntry,
  type SessionsPatchParams,
  type SessionsPatchResult,
  type SessionsResetParams,
  type SessionsResetResult,
  type SessionsDeleteParams,
  type SessionsDeleteResult,
  type SessionsCompactParams,
  type SessionsCompactResult,
} from './schema/methods/sessions-methods.js';
export {
  ModelsListParamsSchema,
  ModelsListResultSchema,
  ModelChoiceSchema,
  AgentsListParamsSchema,
  AgentsListResultSchema,
  AgentSummarySchema,
  type ModelsListParams,
  type ModelsListResult,
  type ModelChoice,
  type AgentsListParams,
  type AgentsListResult,
  type AgentSummary,
} from './schema/methods/catalog-methods.js';

// Channel runtime and DM pairing methods (issue 5)
export {
  ChannelMethodNames,
  ChannelsStatusParamsSchema,
  ChannelAccountSnapshotSchema,
  ChannelUiMetaSchema,
  ChannelsStatusResultSchema,
  ChannelAccountParamsSchema,
  ChannelsStartParamsSchema,
  ChannelsStopParamsSchema,
  ChannelsLogoutParamsSchema,
  ChannelsLoginParamsSchema,
  ChannelsStartResultSchema,
  ChannelsStopResultSchema,
  ChannelsLogoutResultSchema,
  ChannelsLoginResultSchema,
  type ChannelMethodName,
  type ChannelsStatusParams,
  type ChannelAccountSnapshot,
  type ChannelUiMeta,
  type ChannelsStatusResult,
  type ChannelAccountParams,
  type ChannelsStartParams,
  type ChannelsStopParams,
  type ChannelsLogoutParams,
  type ChannelsLoginParams,
  type ChannelsStartResult,
  type ChannelsStopResult,
  type ChannelsLogoutResult,
  type ChannelsLoginResult,
} from './schema/methods/channels-methods.js';
export {
  ChannelsPairingListParamsSchema,
  ChannelPairingAccountSchema,
  ChannelPairingRequestSchema,
  ChannelsPairingListResultSchema,
  ChannelsPairingApproveParamsSchema,
  ChannelsPairingApproveResultSchema,
  ChannelsPairingDismissParamsSchema,
  ChannelsPairingDismissResultSchema,
  type ChannelsPairingListParams,
  type ChannelPairingAccount,
  type ChannelPairingRequest,
  type ChannelsPairingListResult,
  type ChannelsPairingApproveParams,
  type ChannelsPairingApproveResult,
  type ChannelsPairingDismissParams,
  type ChannelsPairingDismissResult,
} from './schema/methods/channel-pairing-methods.js';
