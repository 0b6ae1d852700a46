import { z } from 'zod';
import { AnyJson, NonEmptyString, NonNegativeInt } from '../primitives.js';
import { ChatAttachmentSchema, InputProvenanceSchema } from './chat-methods.js';
import { toleratedKeys } from './tolerated-keys.js';

// `agent` and `agent.wait` (OpenClaw 2026.5.7 `AgentParams`, `AgentWaitParams`; protocol notes §5.2 ★14–★15, §11).

/** Keys OpenClaw 2026.9.6 added to `agent` that Rusty Claw accepts without acting on them. */
export const AGENT_V4_KEYS = [
  'expectedExistingSessionId',
  'cwd',
  'internalRuntimeHandoffId',
  'internalExecutionIdentityRetry',
  'internalExecutionIdentityRecoveryAttempt',
  'execApprovalFollowupExpectedSessionId',
  'suppressPromptPersistence',
  'sessionEffects',
  'sourceReplyDeliveryMode',
  'disableMessageTool',
  'swarmCollector',
  'swarmOutputSchema',
  'forceRestartSafeTools',
  'forceCodeModeTools',
] as const;

/** A task-completion notice injected into an `agent` run by OpenClaw's subagent/cron machinery (accepted, unused). */
export const AgentInternalEventSchema = z.strictObject({
  type: z.literal('task_completion'),
  source: z.enum(['subagent', 'cron', 'video_generation', 'music_generation']),
  childSessionKey: z.string(),
  childSessionId: z.string().optional(),
  announceType: z.string(),
  taskLabel: z.string(),
  status: z.enum(['ok', 'timeout', 'error', 'unknown']),
  statusLabel: z.string(),
  result: z.string(),
  mediaUrls: z.array(z.string()).optional(),
  statsLine: z.string().optional(),
  replyInstruction: z.string(),
});

/**
 * `agent`: `message` (non-empty) and `idempotencyKey` required. Routing/delivery fields (`to`, `channel`, …) are
 * accepted for compatibility; `timeout` is in seconds.
 */
export const AgentParamsSchema = z.strictObject({
  message: NonEmptyString,
  agentId: NonEmptyString.optional(),
  provider: z.string().optional(),
  model: z.string().optional(),
  to: z.string().optional(),
  replyTo: z.string().optional(),
  sessionId: z.string().optional(),
  sessionKey: z.string().optional(),
  thinking: z.string().optional(),
  deliver: z.boolean().optional(),
  attachments: z.array(ChatAttachmentSchema).optional(),
  channel: z.string().optional(),
  replyChannel: z.string().optional(),
  accountId: z.string().optional(),
  replyAccountId: z.string().optional(),
  threadId: z.string().optional(),
  groupId: z.string().optional(),
  groupChannel: z.string().optional(),
  groupSpace: z.string().optional(),
  timeout: NonNegativeInt.optional(),
  bestEffortDeliver: z.boolean().optional(),
  lane: z.string().optional(),
  cleanupBundleMcpOnRunEnd: z.boolean().optional(),
  modelRun: z.boolean().optional(),
  promptMode: z.enum(['full', 'minimal', 'none']).optional(),
  extraSystemPrompt: z.string().optional(),
  bootstrapContextMode: z.enum(['full', 'lightweight']).optional(),
  bootstrapContextRunKind: z.enum(['default', 'heartbeat', 'cron']).optional(),
  acpTurnSource: z.literal('manual_spawn').optional(),
  internalEvents: z.array(AgentInternalEventSchema).optional(),
  inputProvenance: InputProvenanceSchema.optional(),
  voiceWakeTrigger: z.string().optional(),
  idempotencyKey: NonEmptyString,
  label: z.string().min(1).max(512).optional(),
  ...toleratedKeys(AGENT_V4_KEYS),
});
export type AgentParams = z.infer<typeof AgentParamsSchema>;

/** The first `agent` response: the run was accepted. `runId` is the idempotency key. */
export const AgentAcceptedResultSchema = z.looseObject({
  runId: NonEmptyString,
  status: z.literal('accepted'),
  acceptedAt: NonNegativeInt,
});
export type AgentAcceptedResult = z.infer<typeof AgentAcceptedResultSchema>;

/** One reply payload of a finished run (OpenClaw's outbound payload JSON projection). */
export const AgentReplyPayloadSchema = z.looseObject({
  text: z.string().optional(),
  mediaUrl: z.string().nullable().optional(),
  mediaUrls: z.array(z.string()).optional(),
  replyToId: z.string().optional(),
  isError: z.boolean().optional(),
  isReasoning: z.boolean().optional(),
});
export type AgentReplyPayload = z.infer<typeof AgentReplyPayloadSchema>;

/**
 * The second (final) `agent` response. Success: `{runId, status:"ok", summary:"completed", result:{payloads, meta}}`;
 * aborted: `{status:"timeout", summary:"aborted", stopReason}`; a failure is sent with `ok:false`, error
 * UNAVAILABLE and payload `{runId, status:"error", summary}`.
 */
export const AgentFinalResultSchema = z.looseObject({
  runId: NonEmptyString,
  status: z.enum(['ok', 'timeout', 'error']),
  summary: z.string(),
  stopReason: z.string().optional(),
  result: z
    .looseObject({
      payloads: z.array(AgentReplyPayloadSchema),
      meta: z.looseObject({ durationMs: z.number().min(0), aborted: z.boolean().optional(), stopReason: z.string().optional(), agentMeta: AnyJson.optional() }),
    })
    .optional(),
});
export type AgentFinalResult = z.infer<typeof AgentFinalResultSchema>;

/** `agent.wait {runId, timeoutMs? (default 30000)}`. */
export const AgentWaitParamsSchema = z.strictObject({
  runId: NonEmptyString,
  timeoutMs: NonNegativeInt.optional(),
});
export type AgentWaitParams = z.infer<typeof AgentWaitParamsSchema>;

/** `{runId, status}`; a wait that runs out is the plain `{runId, status:"timeout"}`. */
export const AgentWaitResultSchema = z.looseObject({
  runId: NonEmptyString,
  status: z.enum(['ok', 'error', 'timeout']),
  startedAt: NonNegativeInt.optional(),
  endedAt: NonNegativeInt.optional(),
  error: z.string().optional(),
  stopReason: z.string().optional(),
  livenessState: z.string().optional(),
  yielded: z.boolean().optional(),
});
export type AgentWaitResult = z.infer<typeof AgentWaitResultSchema>;
