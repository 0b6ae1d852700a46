import { z } from 'zod';
import { NonEmptyString, NonEmptyStringArray, NonNegativeInt, PositiveInt } from './primitives.js';
import { SnapshotSchema, SnapshotV4Schema } from './snapshot.js';

// The payload of a successful `connect` response. Strict at every level, as in OpenClaw: Swift and
// Kotlin clients decode it into generated models and fail on unknown keys.

/** `hello-ok.policy` in v3: exactly the three limits. */
export const PolicySchema = z.strictObject({
  maxPayload: PositiveInt,
  maxBufferedBytes: PositiveInt,
  tickIntervalMs: PositiveInt,
});
export type Policy = z.infer<typeof PolicySchema>;

/** v4 `policy`: adds attachment limits and session-sharing hints. */
export const PolicyV4Schema = z.strictObject({
  maxPayload: PositiveInt,
  maxBufferedBytes: PositiveInt,
  tickIntervalMs: PositiveInt,
  attachments: z.strictObject({ maxBytes: PositiveInt, maxImageBytes: PositiveInt }).optional(),
  allowedSessionVisibilities: z.array(z.enum(['shared', 'read-only', 'suggest', 'draft'])).optional(),
  hasMultipleSessionSharingIdentities: z.boolean().optional(),
});
export type PolicyV4 = z.infer<typeof PolicyV4Schema>;

/** An extra device token issued at hello (bootstrap flows); all four keys required. */
export const IssuedDeviceTokenSchema = z.strictObject({
  deviceToken: NonEmptyString,
  role: NonEmptyString,
  scopes: NonEmptyStringArray,
  issuedAtMs: NonNegativeInt,
});

/**
 * `hello-ok.auth` in v3: the negotiated role and effective scopes, plus the device token issued to
 * a paired device. Send `deviceToken` whenever the client presented a device: older clients expect it.
 */
export const HelloOkAuthSchema = z.strictObject({
  deviceToken: NonEmptyString.optional(),
  role: NonEmptyString,
  scopes: NonEmptyStringArray,
  issuedAtMs: NonNegativeInt.optional(),
  deviceTokens: z.array(IssuedDeviceTokenSchema).optional(),
});
export type HelloOkAuth = z.infer<typeof HelloOkAuthSchema>;

/** How a v4 socket authenticated (`hello-ok.auth.method`). */
export const HelloOkAuthMethods = ['none', 'token', 'password', 'tailscale', 'device-token', 'bootstrap-token', 'trusted-proxy'] as const;

/** v4 `auth`: adds `method` and the opaque device-recovery fields. */
export const HelloOkAuthV4Schema = z.strictObject({
  method: z.enum(HelloOkAuthMethods).optional(),
  deviceToken: NonEmptyString.optional(),
  recoveryMigrationAllowed: z.literal(true).optional(),
  recoveryScope: NonEmptyString.optional(),
  role: NonEmptyString,
  scopes: NonEmptyStringArray,
  issuedAtMs: NonNegativeInt.optional(),
  deviceTokens: z.array(IssuedDeviceTokenSchema).optional(),
});
export type HelloOkAuthV4 = z.infer<typeof HelloOkAuthV4Schema>;

/** `hello-ok.features`: what the server implements. Clients use it for discovery only. */
export const FeaturesSchema = z.strictObject({ methods: NonEmptyStringArray, events: NonEmptyStringArray });

/**
 * v3 hello-ok (OpenClaw 2026.5.x). `auth` is required since 2026.5; `canvasHostUrl` is v3-only
 * (v4 replaced it with `pluginSurfaceUrls`).
 */
export const HelloOkV3Schema = z.strictObject({
  type: z.literal('hello-ok'),
  protocol: z.literal(3),
  server: z.strictObject({ version: NonEmptyString, connId: NonEmptyString }),
  features: FeaturesSchema,
  snapshot: SnapshotSchema,
  canvasHostUrl: NonEmptyString.optional(),
  auth: HelloOkAuthSchema,
  policy: PolicySchema,
});
export type HelloOkV3 = z.infer<typeof HelloOkV3Schema>;

/** A Control UI tab contributed by a plugin (v4). */
const ControlUiTabSchema = z.strictObject({
  pluginId: NonEmptyString,
  id: NonEmptyString,
  label: NonEmptyString,
  description: z.string().optional(),
  icon: z.string().optional(),
  path: z.string().optional(),
  placement: z.string().optional(),
  slug: z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional(),
  requiresGatewayAuth: z.boolean().optional(),
  group: z.enum(['control', 'agent']).optional(),
  order: z.number().optional(),
});

/** A widget kind the Control UI can render (v4). */
const ControlUiWidgetKindSchema = z.strictObject({ pluginId: NonEmptyString, kind: NonEmptyString, label: NonEmptyString });

/** A link reader: URLs the Control UI previews through gateway methods (v4). */
const ControlUiLinkReaderSchema = z.strictObject({
  pluginId: NonEmptyString,
  id: NonEmptyString,
  label: NonEmptyString,
  icon: z.string().optional(),
  linkReader: z.strictObject({
    hosts: z.array(NonEmptyString.max(253)).min(1).max(16),
    pathPattern: z.string().min(2).max(1024),
    detailMethod: NonEmptyString.max(128),
    previewMethod: NonEmptyString.max(128).optional(),
    imageMethod: NonEmptyString.max(128).optional(),
  }),
});

/**
 * v4 hello-ok (OpenClaw 2026.5.12 and later, observed from 2026.9.6). Adds `server.buildId/bootId/
 * controlUiBuildSource`, `features.capabilities`, the Control UI extension lists, the
 * `pluginSurfaceUrls` map (surface name → capability URL), v4 `auth` and `policy`.
 */
export const HelloOkV4Schema = z.strictObject({
  type: z.literal('hello-ok'),
  protocol: z.literal(4),
  server: z.strictObject({
    version: NonEmptyString,
    buildId: NonEmptyString.max(96).optional(),
    bootId: NonEmptyString.max(96).optional(),
    controlUiBuildSource: z.enum(['bundled', 'configured']).optional(),
    connId: NonEmptyString,
  }),
  features: z.strictObject({
    methods: NonEmptyStringArray,
    events: NonEmptyStringArray,
    capabilities: NonEmptyStringArray.optional(),
  }),
  snapshot: SnapshotV4Schema,
  controlUiUrl: NonEmptyString.optional(),
  controlUiTabs: z.array(ControlUiTabSchema).optional(),
  controlUiWidgetKinds: z.array(ControlUiWidgetKindSchema).optional(),
  controlUiLinkReaders: z.array(ControlUiLinkReaderSchema).optional(),
  pluginSurfaceUrls: z.record(z.string(), NonEmptyString).optional(),
  auth: HelloOkAuthV4Schema,
  policy: PolicyV4Schema,
});
export type HelloOkV4 = z.infer<typeof HelloOkV4Schema>;

/** Either version, discriminated by `protocol`. */
export const HelloOkSchema = z.discriminatedUnion('protocol', [HelloOkV3Schema, HelloOkV4Schema]);
export type HelloOk = z.infer<typeof HelloOkSchema>;
