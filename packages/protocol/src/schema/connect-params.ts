import { z } from 'zod';
import { NonEmptyString, NonEmptyStringArray, NonNegativeInt, PositiveInt } from './primitives.js';

/**
 * `client.id` values. v3's thirteen, then v4's additions (`openclaw-browser-copilot`,
 * `openclaw-linux`, `openclaw-watchos`, `openclaw-worker`): the server validates `connect` before it
 * negotiates a version, so one enum has to accept both generations of clients.
 */
export const ClientIds = [
  'webchat-ui',
  'openclaw-control-ui',
  'openclaw-browser-copilot',
  'openclaw-tui',
  'webchat',
  'cli',
  'gateway-client',
  'openclaw-macos',
  'openclaw-linux',
  'openclaw-ios',
  'openclaw-watchos',
  'openclaw-android',
  'node-host',
  'openclaw-worker',
  'test',
  'fingerprint',
  'openclaw-probe',
] as const;
export type ClientId = (typeof ClientIds)[number];

/** `client.mode` values (v3's seven plus v4's `worker`). */
export const ClientModes = ['webchat', 'cli', 'ui', 'backend', 'node', 'worker', 'probe', 'test'] as const;
export type ClientMode = (typeof ClientModes)[number];

/** `connect.client`: who is calling. Strict, like OpenClaw's. `buildId`/`timeZone` are v4 fields. */
export const ClientInfoSchema = z.strictObject({
  id: z.enum(ClientIds),
  displayName: NonEmptyString.optional(),
  version: NonEmptyString,
  buildId: NonEmptyString.max(96).optional(),
  platform: NonEmptyString,
  deviceFamily: NonEmptyString.optional(),
  modelIdentifier: NonEmptyString.optional(),
  timeZone: NonEmptyString.max(64).optional(),
  mode: z.enum(ClientModes),
  instanceId: NonEmptyString.optional(),
});
export type ClientInfo = z.infer<typeof ClientInfoSchema>;

/** `connect.device`: the Ed25519 proof of possession over the challenge nonce (see `buildDeviceAuthPayload`). */
export const ConnectDeviceSchema = z.strictObject({
  id: NonEmptyString,
  publicKey: NonEmptyString,
  signature: NonEmptyString,
  signedAt: NonNegativeInt,
  nonce: NonEmptyString,
});
export type ConnectDevice = z.infer<typeof ConnectDeviceSchema>;

/**
 * `connect.auth`. Deliberately lenient: the four credentials any OpenClaw client sends are typed
 * (`bootstrapToken` only exists since 2026.4, older servers rejected it), and unknown keys — v4's
 * runtime-identity tokens, future additions — are accepted and dropped rather than failing the
 * whole handshake on a field we would ignore anyway.
 */
export const ConnectAuthSchema = z.object({
  token: z.string().optional(),
  bootstrapToken: z.string().optional(),
  deviceToken: z.string().optional(),
  password: z.string().optional(),
});
export type ConnectAuth = z.infer<typeof ConnectAuthSchema>;

/** v4 `connect.workerRuns` (worker role only; validated so a worker gets "invalid role", not "invalid params"). */
const WorkerRunsSchema = z.strictObject({
  bundleHash: z.string().length(64).regex(/^[a-f0-9]{64}$/),
  openclawVersion: NonEmptyString.max(128),
  protocolFeatures: z
    .array(NonEmptyString.max(128))
    .max(64)
    .refine((features) => new Set(features).size === features.length, 'protocolFeatures must be unique'),
  bundlePrewarm: PositiveInt.optional(),
});

/** v4 `connect.modelCatalog`: which agent/session's model catalog the client wants pushed. */
const ModelCatalogRequestSchema = z.union([
  z.strictObject({ agentId: NonEmptyString.optional(), sessionKey: NonEmptyString.optional() }),
  z.strictObject({ agentId: NonEmptyString.optional(), shortId: NonEmptyString, slugHint: NonEmptyString.optional() }),
]);

/**
 * Params of the `connect` request (the first frame a client sends). Strict: an unknown top-level key
 * is an "invalid connect params" failure, exactly as in OpenClaw. `role` defaults to `operator`
 * and `caps` to `[]` on the server side.
 */
export const ConnectParamsSchema = z.strictObject({
  minProtocol: PositiveInt,
  maxProtocol: PositiveInt,
  client: ClientInfoSchema,
  caps: NonEmptyStringArray.optional(),
  commands: NonEmptyStringArray.optional(),
  computerUse: z.unknown().optional(),
  workerRuns: WorkerRunsSchema.optional(),
  permissions: z.record(z.string(), z.boolean()).optional(),
  pathEnv: z.string().optional(),
  role: NonEmptyString.optional(),
  scopes: NonEmptyStringArray.optional(),
  modelCatalog: ModelCatalogRequestSchema.optional(),
  device: ConnectDeviceSchema.optional(),
  auth: ConnectAuthSchema.optional(),
  locale: z.string().optional(),
  userAgent: z.string().optional(),
});
export type ConnectParams = z.infer<typeof ConnectParamsSchema>;
