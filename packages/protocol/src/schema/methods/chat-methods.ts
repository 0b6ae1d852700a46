import { z } from 'zod';
import { AnyJson, NonEmptyString, NonNegativeInt } from '../primitives.js';
import { toleratedKeys } from './tolerated-keys.js';

// `chat.send`, `chat.history`, `chat.abort` (OpenClaw 2026.5.7 `ChatSendParams`, `ChatHistoryParams`,
// `ChatAbortParams`; protocol notes §5.2 ★6–★8). Params are strict like OpenClaw's; results are open objects with
// OpenClaw's required keys.

/** Where an input came from (admin only on `chat.send`, as in OpenClaw). */
export const InputProvenanceSchema = z.strictObject({
  kind: z.enum(['external_user', 'inter_session', 'internal_system']),
  originSessionId: z.string().optional(),
  sourceSessionKey: z.string().optional(),
  sourceChannel: z.string().optional(),
  sourceTool: z.string().optional(),
});
export type InputProvenance = z.infer<typeof InputProvenanceSchema>;

/**
 * A `chat.send` / `agent` attachment: OpenClaw's RPC shape `{type?, mimeType?, fileName?, content: base64}` or the
 * Anthropic-style `{type:"image", source:{type:"base64", media_type, data}}`. Open: clients add keys (`origin`,
 * `sizeBytes`, …) and the gateway reads only what it needs.
 */
export const ChatAttachmentSchema = z.looseObject({
  type: z.string().optional(),
  mimeType: z.string().optional(),
  fileName: z.string().optional(),
  content: AnyJson.optional(),
  source: z.looseObject({ type: z.string().optional(), media_type: z.string().optional(), data: z.string().optional() }).optional(),
});
export type ChatAttachment = z.infer<typeof ChatAttachmentSchema>;

/** Keys OpenClaw 2026.9.6 added to `chat.send` that Rusty Claw accepts without acting on them. */
export const CHAT_SEND_V4_KEYS = [
  'mentions',
  'workContext',
  'intent',
  'fastMode',
  'fastAutoOnSeconds',
  'queueMode',
  'replyToId',
  'toolBindings',
  'suppressCommandInterpretation',
  'expectedLeafEntryId',
  'expectedSessionRoutingContract',
  'expectedPermissionMode',
  'expectedToolOverrides',
] as const;

/**
 * `chat.send`: `sessionKey` (1–512), `message` and a non-empty `idempotencyKey` are required. The reply arrives as
 * `chat` and `agent` events whose `runId` is the idempotency key.
 */
export const ChatSendParamsSchema = z.strictObject({
  sessionKey: z.string().min(1).max(512),
  /** v4: the agent owning the session (must match the key's agent). */
  agentId: NonEmptyString.optional(),
  sessionId: NonEmptyString.optional(),
  message: z.string(),
  thinking: z.string().optional(),
  deliver: z.boolean().optional(),
  originatingChannel: z.string().optional(),
  originatingTo: z.string().optional(),
  originatingAccountId: z.string().optional(),
  originatingThreadId: z.string().optional(),
  attachments: z.array(ChatAttachmentSchema).optional(),
  timeoutMs: NonNegativeInt.optional(),
  systemInputProvenance: InputProvenanceSchema.optional(),
  systemProvenanceReceipt: z.string().optional(),
  idempotencyKey: NonEmptyString,
  ...toleratedKeys(CHAT_SEND_V4_KEYS),
});
export type ChatSendParams = z.infer<typeof ChatSendParamsSchema>;

/**
 * The immediate `chat.send` answer: `{runId, status:"started"}`, `{runId, status:"in_flight"}` for a duplicate of a
 * running key, or (for `/stop`) `{ok:true, aborted, runIds}`. A repeat of a finished key gets the cached answer.
 */
export const ChatSendResultSchema = z.union([
  z.looseObject({ runId: NonEmptyString, status: z.enum(['started', 'in_flight']) }),
  z.looseObject({ ok: z.literal(true), aborted: z.boolean(), runIds: z.array(z.string()) }),
]);
export type ChatSendResult = z.infer<typeof ChatSendResultSchema>;

/** Keys OpenClaw 2026.9.6 added to `chat.history` that Rusty Claw accepts without acting on them. */
export const CHAT_HISTORY_V4_KEYS = ['cursor', 'maxBytes', 'offset', 'pendingBefore', 'inputRunIds', 'messageId'] as const;

/** `chat.history {sessionKey, limit? (1–1000, default 200), maxChars? (1–500000, per text block)}`. */
export const ChatHistoryParamsSchema = z.strictObject({
  sessionKey: NonEmptyString,
  agentId: NonEmptyString.optional(),
  sessionId: NonEmptyString.optional(),
  limit: z.int().min(1).max(1000).optional(),
  maxChars: z.int().min(1).max(500_000).optional(),
  ...toleratedKeys(CHAT_HISTORY_V4_KEYS),
});
export type ChatHistoryParams = z.infer<typeof ChatHistoryParamsSchema>;

/** `__openclaw` on a history message: the transcript entry id and the message's ordinal in the transcript. */
export const ChatHistoryMessageMetaSchema = z.looseObject({
  id: z.string().optional(),
  seq: NonNegativeInt.optional(),
  kind: z.string().optional(),
  truncated: z.boolean().optional(),
  reason: z.string().optional(),
});

/** A display-normalised transcript message: `{role, content, timestamp?, …, __openclaw}`. */
export const ChatHistoryMessageSchema = z.looseObject({
  role: z.string(),
  content: AnyJson.optional(),
  timestamp: z.number().optional(),
  __openclaw: ChatHistoryMessageMetaSchema.optional(),
});
export type ChatHistoryMessage = z.infer<typeof ChatHistoryMessageSchema>;

export const ChatHistoryResultSchema = z.looseObject({
  sessionKey: z.string(),
  sessionId: z.string().optional(),
  messages: z.array(ChatHistoryMessageSchema),
  thinkingLevel: z.string().optional(),
  fastMode: z.boolean().optional(),
  verboseLevel: z.string().optional(),
});
export type ChatHistoryResult = z.infer<typeof ChatHistoryResultSchema>;

/** `chat.abort {sessionKey, runId?}`: without `runId`, every run of the session is aborted. */
export const ChatAbortParamsSchema = z.strictObject({
  sessionKey: NonEmptyString,
  runId: NonEmptyString.optional(),
});
export type ChatAbortParams = z.infer<typeof ChatAbortParamsSchema>;

export const ChatAbortResultSchema = z.looseObject({
  ok: z.literal(true),
  aborted: z.boolean(),
  runIds: z.array(z.string()),
});
export type ChatAbortResult = z.infer<typeof ChatAbortResultSchema>;
