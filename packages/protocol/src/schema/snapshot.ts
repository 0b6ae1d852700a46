import { z } from 'zod';
import { StateVersionSchema } from './frames.js';
import { PresenceEntrySchema, PresenceEntryV4Schema } from './presence-entry.js';
import { AnyJson, NonEmptyString, NonNegativeInt, PositiveInt } from './primitives.js';

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

const gitInstallBase = {
  currentSha: NonEmptyString.optional(),
  commitAtMs: NonNegativeInt.optional(),
  installedAtMs: NonNegativeInt.optional(),
};

/** How the running OpenClaw was installed and where its git checkout stands (v4 `updateSchedule.install`). */
const UpdateInstallSchema = z.strictObject({
  kind: z.enum(['package', 'git', 'unknown']),
  git: z
    .union([
      z.strictObject({ ...gitInstallBase, status: z.literal('current') }),
      z.strictObject({ ...gitInstallBase, status: z.literal('behind'), commitsBehind: PositiveInt }),
      z.strictObject({ ...gitInstallBase, status: z.literal('ahead'), commitsAhead: PositiveInt }),
      z.strictObject({ ...gitInstallBase, status: z.literal('diverged'), commitsAhead: PositiveInt, commitsBehind: PositiveInt }),
      z.strictObject({
        ...gitInstallBase,
        status: z.literal('unavailable'),
        reason: z.enum(['fetch-failed', 'no-upstream', 'no-upstream-sha', 'comparison-failed', 'git-unavailable']),
      }),
    ])
    .optional(),
});

/** What an update would move to (v4 `updateSchedule.target`). */
const UpdateTargetSchema = z.union([
  z.strictObject({ kind: z.literal('package'), version: NonEmptyString }),
  z.strictObject({ kind: z.literal('git'), upstreamRef: NonEmptyString, upstreamSha: NonEmptyString, commitsBehind: NonNegativeInt }),
]);

/** A scheduled, announced update (v4 `updateSchedule.campaign`). */
const UpdateCampaignSchema = z.strictObject({
  id: NonEmptyString,
  state: z.enum(['waiting-for-idle', 'countdown', 'applying']),
  announcedAtMs: NonNegativeInt,
  applyAtMs: NonNegativeInt.optional(),
  holdUntilMs: NonNegativeInt.optional(),
  forceAtMs: NonNegativeInt,
  updatedAtMs: NonNegativeInt,
});

/** v4 `updateSchedule`: OpenClaw's self-updater state. Rusty Claw sends at most `{channel, autoEnabled}`. */
const UpdateScheduleSchema = z.strictObject({
  channel: NonEmptyString,
  autoEnabled: z.boolean(),
  install: UpdateInstallSchema.optional(),
  target: UpdateTargetSchema.optional(),
  campaign: UpdateCampaignSchema.optional(),
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
