import { z } from 'zod';
import { AnyJson, NonEmptyString, NonNegativeInt } from '../primitives.js';
import { toleratedKeys } from './tolerated-keys.js';

// `sessions.list`, `sessions.patch`, `sessions.reset`, `sessions.delete`, `sessions.compact` (OpenClaw 2026.5.7;
// protocol notes §5.2 ★9–★11, §5.3, §7). A session entry is OpenClaw's SessionEntry from `sessions.json`.

/** Keys OpenClaw 2026.9.6 added to `sessions.list` that Rusty Claw accepts without acting on them. */
export const SESSIONS_LIST_V4_KEYS = [
  'offset',
  'activeOnly',
  'requireLastInteraction',
  'sortBy',
  'excludeSubagents',
  'excludeCron',
  'excludeSystem',
  'configuredAgentsOnly',
  'includeActivitySummary',
  'projectId',
  'workspaceDir',
  'group',
  'pinned',
  'boardFace',
  'hasBoard',
  'creatorId',
  'ownerId',
  'ownerFirst',
  'involvingMe',
  'profileRelation',
  'involvingProfileId',
  'includePeople',
  'archived',
] as const;

export const SessionsListParamsSchema = z.strictObject({
  limit: z.int().min(1).optional(),
  activeMinutes: z.int().min(1).optional(),
  includeGlobal: z.boolean().optional(),
  includeUnknown: z.boolean().optional(),
  includeDerivedTitles: z.boolean().optional(),
  includeLastMessage: z.boolean().optional(),
  label: z.string().min(1).max(512).optional(),
  spawnedBy: NonEmptyString.optional(),
  agentId: NonEmptyString.optional(),
  search: z.string().optional(),
  ...toleratedKeys(SESSIONS_LIST_V4_KEYS),
});
export type SessionsListParams = z.infer<typeof SessionsListParamsSchema>;

/** A row of `sessions.list` (OpenClaw's GatewaySessionRow): `key`, `kind`, `updatedAt` required, the rest optional. */
export const SessionRowSchema = z.looseObject({
  key: z.string(),
  kind: z.enum(['direct', 'group', 'global', 'unknown']),
  updatedAt: z.number().nullable(),
  sessionId: z.string().optional(),
  label: z.string().optional(),
  displayName: z.string().optional(),
  derivedTitle: z.string().optional(),
  lastMessagePreview: z.string().optional(),
  channel: z.string().optional(),
  chatType: z.string().optional(),
  thinkingLevel: z.string().optional(),
  verboseLevel: z.string().optional(),
  model: z.string().optional(),
  modelProvider: z.string().optional(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  totalTokens: z.number().optional(),
  contextTokens: z.number().optional(),
  hasActiveRun: z.boolean().optional(),
  status: z.string().optional(),
});
export type SessionRow = z.infer<typeof SessionRowSchema>;

export const SessionsListResultSchema = z.looseObject({
  ts: NonNegativeInt,
  path: z.string(),
  count: NonNegativeInt,
  totalCount: NonNegativeInt.optional(),
  limitApplied: NonNegativeInt.optional(),
  hasMore: z.boolean().optional(),
  defaults: z.looseObject({
    modelProvider: z.string().nullable(),
    model: z.string().nullable(),
    contextTokens: z.number().nullable(),
    thinkingLevels: AnyJson.optional(),
    thinkingOptions: AnyJson.optional(),
    thinkingDefault: z.string().optional(),
  }),
  sessions: z.array(SessionRowSchema),
});
export type SessionsListResult = z.infer<typeof SessionsListResultSchema>;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
/** One of the literals or `null` (OpenClaw's `anyOf: [const…, null]`). */
const nullableOneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.union([...values.map((value) => z.literal(value)), z.null()] as unknown as [z.ZodLiteral<T[number]>, z.ZodNull]).optional();

/** Keys OpenClaw 2026.9.6 added to `sessions.patch` that Rusty Claw accepts without acting on them. */
export const SESSIONS_PATCH_V4_KEYS = [
  'expectedSessionId',
  'expectedLifecycleRevision',
  'expectedPermissionMode',
  'expectedSandboxMode',
  'expectedNativeRuntimeConsent',
  'expectedToolOverrides',
  'expectedMarkedUnreadAt',
  'autoLabel',
  'icon',
  'color',
  'category',
  'boardFace',
  'boardPresentation',
  'statusNote',
  'attention',
  'ttlMinutes',
  'archived',
  'pinned',
  'unread',
  'contextWindow',
  'toolOverrides',
  'permissionMode',
  'sandboxMode',
  'nativeRuntimeConsent',
  'agentRuntime',
  'completionOwnerSessionKey',
  'inheritedToolPolicyVersion',
  'inheritedToolAllow',
  'inheritedToolDeny',
] as const;

/** `sessions.patch {key, …}`: each value may be `null` to clear it. `model` is a `provider/model` override. */
export const SessionsPatchParamsSchema = z.strictObject({
  key: NonEmptyString,
  agentId: NonEmptyString.optional(),
  label: nullable(z.string().min(1).max(512)),
  thinkingLevel: nullable(NonEmptyString),
  fastMode: nullable(z.boolean()),
  verboseLevel: nullable(NonEmptyString),
  traceLevel: nullable(NonEmptyString),
  reasoningLevel: nullable(NonEmptyString),
  responseUsage: nullableOneOf(['off', 'tokens', 'full', 'on']),
  elevatedLevel: nullable(NonEmptyString),
  execHost: nullable(NonEmptyString),
  execSecurity: nullable(NonEmptyString),
  execAsk: nullable(NonEmptyString),
  execNode: nullable(NonEmptyString),
  model: nullable(NonEmptyString),
  spawnedBy: nullable(NonEmptyString),
  spawnedWorkspaceDir: nullable(NonEmptyString),
  spawnDepth: nullable(NonNegativeInt),
  subagentRole: nullableOneOf(['orchestrator', 'leaf']),
  subagentControlScope: nullableOneOf(['children', 'none']),
  sendPolicy: nullableOneOf(['allow', 'deny']),
  groupActivation: nullableOneOf(['mention', 'always']),
  ...toleratedKeys(SESSIONS_PATCH_V4_KEYS),
});
export type SessionsPatchParams = z.infer<typeof SessionsPatchParamsSchema>;

/** A SessionEntry as stored in `sessions.json` (`sessionId` and `updatedAt` required). */
export const SessionEntrySchema = z.looseObject({ sessionId: z.string(), updatedAt: z.number() });
export type SessionEntry = z.infer<typeof SessionEntrySchema>;

export const SessionsPatchResultSchema = z.looseObject({
  ok: z.literal(true),
  path: z.string(),
  key: z.string(),
  entry: SessionEntrySchema,
  resolved: z.looseObject({ modelProvider: z.string().optional(), model: z.string().optional(), agentRuntime: AnyJson.optional() }),
});
export type SessionsPatchResult = z.infer<typeof SessionsPatchResultSchema>;

/** `sessions.reset {key, reason?: "new" | "reset"}`: a fresh transcript; the old one is archived. */
export const SessionsResetParamsSchema = z.strictObject({
  key: NonEmptyString,
  reason: z.enum(['new', 'reset']).optional(),
  ...toleratedKeys(['agentId', 'expectedSessionId'] as const),
});
export type SessionsResetParams = z.infer<typeof SessionsResetParamsSchema>;

export const SessionsResetResultSchema = z.looseObject({ ok: z.literal(true), key: z.string(), entry: SessionEntrySchema });
export type SessionsResetResult = z.infer<typeof SessionsResetResultSchema>;

/** `sessions.delete {key, deleteTranscript? (default true), emitLifecycleHooks?}`. The main session cannot be deleted. */
export const SessionsDeleteParamsSchema = z.strictObject({
  key: NonEmptyString,
  deleteTranscript: z.boolean().optional(),
  emitLifecycleHooks: z.boolean().optional(),
  ...toleratedKeys(['agentId', 'expectedSessionId', 'expectedLifecycleRevision', 'expectedSessionUpdatedAt', 'archivedOnly'] as const),
});
export type SessionsDeleteParams = z.infer<typeof SessionsDeleteParamsSchema>;

export const SessionsDeleteResultSchema = z.looseObject({ ok: z.literal(true), key: z.string(), deleted: z.boolean(), archived: z.array(z.string()) });
export type SessionsDeleteResult = z.infer<typeof SessionsDeleteResultSchema>;

/** `sessions.compact {key, maxLines?}`: summarise older turns with the model (or keep the last `maxLines` entries). */
export const SessionsCompactParamsSchema = z.strictObject({
  key: NonEmptyString,
  maxLines: z.int().min(1).optional(),
  ...toleratedKeys(['agentId'] as const),
});
export type SessionsCompactParams = z.infer<typeof SessionsCompactParamsSchema>;

export const SessionsCompactResultSchema = z.looseObject({
  ok: z.boolean(),
  key: z.string(),
  compacted: z.boolean(),
  reason: z.string().optional(),
  archived: z.string().optional(),
  kept: NonNegativeInt.optional(),
});
export type SessionsCompactResult = z.infer<typeof SessionsCompactResultSchema>;
