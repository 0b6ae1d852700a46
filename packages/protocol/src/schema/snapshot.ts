import { z } from 'zod';
import { StateVersionSchema } from './frames.js';
import { PresenceEntrySchema, PresenceEntryV4Schema } from './presence-entry.js';
import { AnyJson, NonEmptyString, NonNegativeInt } from './primitives.js';

/** `snapshot.authMode` (sent to admin sockets only). */
export const AuthModes = ['none', 'token', 'password', 'trusted-proxy'] as const;
export type AuthMode = (typeof AuthModes)[number];

/** Which session the Control UI opens by default, e.g. `agent:main:main`. */
export const SessionDefaultsSchema = z.strictObject({
  defaultAgentId: NonEmptyString,
  mainKey: NonEmptyString,
  mainSessionKey: NonEmptyString,
  scope: NonEmptyString.optional(),
});
export type SessionDefaults = z.infer<typeof SessionDefaultsSchema>;

/** v3 `updateAvailable`. OpenClaw leaves this one object open, so unknown keys pass through. */
export const UpdateAvailableSchema = z.looseObject({
  currentVersion: NonEmptyString,
  latestVersion: NonEmptyString,
  channel: NonEmptyString,
});
export type UpdateAvailable = z.infer<typeof UpdateAvailableSchema>;

const snapshotShape = {
  presence: z.array(PresenceEntrySchema),
  /** `{}` or the cached HealthSummary; any JSON on the wire. */
  health: AnyJson,
  stateVersion: StateVersionSchema,
  uptimeMs: NonNegativeInt,
  /** Only sent to `operator.admin` sockets. */
  configPath: NonEmptyString.optional(),
  /** Only sent to `operator.admin` sockets. */
  stateDir: NonEmptyString.optional(),
  sessionDefaults: SessionDefaultsSchema.optional(),
  authMode: z.enum(AuthModes).optional(),
  updateAvailable: UpdateAvailableSchema.optional(),
};

/** The v3 hello-ok `snapshot` (strict). */
export const SnapshotSchema = z.strictObject(snapshotShape);
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** v4 `sessionDefaults` adds `modelConfigured`, `ownership` and `selectionRequired`. */
export const SessionDefaultsV4Schema = z.strictObject({
  defaultAgentId: NonEmptyString,
  modelConfigured: z.boolean().optional(),
  ownership: z.enum(['sole', 'legacy', 'explicit']).optional(),
  selectionRequired: z.boolean().optional(),
  mainKey: NonEmptyString,
  mainSessionKey: NonEmptyString,
  scope: NonEmptyString.optional(),
});

/** v4 `updateAvailable`: strict, with optional git details. */
const UpdateAvailableV4Schema = z.strictObject({
  currentVersion: NonEmptyString,
  latestVersion: NonEmptyString,
  channel: NonEmptyString,
  currentSha: NonEmptyString.optional(),
  upstreamRef: NonEmptyString.optional(),
  upstreamSha: NonEmptyString.optional(),
  repositoryUrl: NonEmptyString.optional(),
  commitsBehind: NonNegativeInt.optional(),
  commits: z.array(z.strictObject({ sha: NonEmptyString, subject: z.string().max(120) })).max(5).optional(),
});

/**
 * v4 `updateSchedule`. Its nested `install`/`target`/`campaign` objects describe OpenClaw's own
 * updater; Rusty Claw never sends them, so they are carried as opaque JSON.
 */
const UpdateScheduleSchema = z.strictObject({
  channel: NonEmptyString,
  autoEnabled: z.boolean(),
  install: AnyJson.optional(),
  target: AnyJson.optional(),
  campaign: AnyJson.optional(),
});

/** The v4 hello-ok `snapshot`: v3's fields plus `suspension`, `appliedConfigHash`, `controlUiIdentityUrl`, `updateSchedule`. */
export const SnapshotV4Schema = z.strictObject({
  ...snapshotShape,
  suspension: z.strictObject({ phase: z.enum(['accepting', 'preparing', 'draining', 'prepared']) }).optional(),
  presence: z.array(PresenceEntryV4Schema),
  appliedConfigHash: NonEmptyString.nullable().optional(),
  sessionDefaults: SessionDefaultsV4Schema.optional(),
  controlUiIdentityUrl: NonEmptyString.optional(),
  updateAvailable: UpdateAvailableV4Schema.optional(),
  updateSchedule: UpdateScheduleSchema.optional(),
});
export type SnapshotV4 = z.infer<typeof SnapshotV4Schema>;
