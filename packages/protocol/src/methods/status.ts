import { z } from 'zod';
import { NonNegativeInt } from '../schema/primitives.js';

/**
 * `status` params. v3 clients send `{includeChannelSummary?}` or nothing; v4's CLI adds
 * `includeCliProjection`. Unknown keys are dropped rather than refused, like `health`.
 */
export const StatusParamsSchema = z.object({
  includeChannelSummary: z.boolean().optional(),
  includeCliProjection: z.boolean().optional(),
});
export type StatusParams = z.infer<typeof StatusParamsSchema>;

const NullableNumber = z.number().nullable();

/** One session as `status` lists it (OpenClaw `SessionStatus`; required keys as in its type). */
export const SessionStatusSchema = z.looseObject({
  agentId: z.string().optional(),
  key: z.string(),
  kind: z.enum(['cron', 'direct', 'group', 'global', 'unknown']),
  sessionId: z.string().optional(),
  updatedAt: NullableNumber,
  age: NullableNumber,
  totalTokens: NullableNumber,
  totalTokensFresh: z.boolean(),
  remainingTokens: NullableNumber,
  percentUsed: NullableNumber,
  model: z.string().nullable(),
  contextTokens: NullableNumber,
  flags: z.array(z.string()),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** Task registry counters (`tasks`). */
const TaskSummarySchema = z.looseObject({
  total: NonNegativeInt,
  active: NonNegativeInt,
  terminal: NonNegativeInt,
  failures: NonNegativeInt,
  byStatus: z.record(z.string(), z.number()),
  byRuntime: z.record(z.string(), z.number()),
});

/** Task audit counters (`taskAudit`). */
const TaskAuditSummarySchema = z.looseObject({
  total: NonNegativeInt,
  warnings: NonNegativeInt,
  errors: NonNegativeInt,
  byCode: z.record(z.string(), z.number()),
});

/** `StatusSummary`: the `status` result. Open, with OpenClaw's required keys required. */
export const StatusResultSchema = z.looseObject({
  runtimeVersion: z.string().nullable().optional(),
  eventLoop: z.unknown().optional(),
  linkChannel: z
    .looseObject({ id: z.string(), label: z.string(), linked: z.boolean(), authAgeMs: NullableNumber })
    .optional(),
  heartbeat: z.looseObject({
    defaultAgentId: z.string(),
    agents: z.array(
      z.looseObject({ agentId: z.string(), enabled: z.boolean(), every: z.string(), everyMs: NullableNumber }),
    ),
  }),
  channelSummary: z.array(z.string()),
  queuedSystemEvents: z.array(z.string()),
  tasks: TaskSummarySchema,
  taskAudit: TaskAuditSummarySchema,
  sessions: z.looseObject({
    paths: z.array(z.string()),
    count: NonNegativeInt,
    defaults: z.looseObject({ model: z.string().nullable(), contextTokens: NullableNumber }),
    recent: z.array(SessionStatusSchema),
    byAgent: z.array(
      z.looseObject({ agentId: z.string(), path: z.string(), count: NonNegativeInt, recent: z.array(SessionStatusSchema) }),
    ),
  }),
});
export type StatusResult = z.infer<typeof StatusResultSchema>;
/** Alias: the same shape is called StatusSummary in OpenClaw. */
export const StatusSummarySchema = StatusResultSchema;
export type StatusSummary = StatusResult;
