import { z } from 'zod';
import { AnyJson, NonEmptyString, NonNegativeInt } from '../primitives.js';

/**
 * The `agent` event payload (OpenClaw `AgentEvent`): `{runId, seq (per run, from 1), stream, ts, data}`. Streams:
 * `lifecycle` (`data.phase` start/end/error, plus Rusty Claw's `failover`/`fallback` decisions), `assistant`
 * (`data.text` accumulated, `data.delta` the new chunk), `thinking`, `tool` (start/result; only for the sockets that
 * started the run with the `tool-events` cap), `compaction`, `error` (a seq gap).
 *
 * `sessionKey` is not in OpenClaw's TypeBox schema, yet its gateway adds it to every `agent` broadcast
 * (`server-chat.ts`) and its UI routes events by it; the wire is the reference, so it is allowed here.
 */
export const AgentEventSchema = z.strictObject({
  runId: NonEmptyString,
  seq: NonNegativeInt,
  stream: NonEmptyString,
  ts: NonNegativeInt,
  sessionKey: NonEmptyString.optional(),
  spawnedBy: NonEmptyString.optional(),
  data: z.record(z.string(), AnyJson),
});
export type AgentEvent = z.infer<typeof AgentEventSchema>;

const chatEventBase = {
  runId: NonEmptyString,
  sessionKey: NonEmptyString,
  agentId: NonEmptyString.optional(),
  spawnedBy: NonEmptyString.optional(),
  seq: NonNegativeInt,
};

const ChatErrorKindSchema = z.enum(['refusal', 'timeout', 'rate_limit', 'context_length', 'unknown']);

/**
 * The `chat` event as protocol-4 clients (OpenClaw 2026.9.6) validate it: one strict object per `state`. A `delta`
 * carries `deltaText` (the text added since the previous delta, or the whole text with `replace:true`) next to the
 * accumulated `message`; v3's `ChatEventSchema` has no `deltaText` and forbids it, so the gateway shapes each `chat`
 * event for the socket's negotiated protocol.
 */
export const ChatEventV4Schema = z.union([
  z.strictObject({ ...chatEventBase, state: z.literal('delta'), message: AnyJson.optional(), deltaText: z.string(), replace: z.boolean().optional(), usage: AnyJson.optional() }),
  z.strictObject({ ...chatEventBase, state: z.literal('final'), message: AnyJson.optional(), usage: AnyJson.optional(), stopReason: z.string().optional(), yielded: z.literal(true).optional() }),
  z.strictObject({ ...chatEventBase, state: z.literal('aborted'), message: AnyJson.optional(), errorMessage: z.string().optional(), stopReason: z.string().optional() }),
  z.strictObject({
    ...chatEventBase,
    state: z.literal('error'),
    message: AnyJson.optional(),
    errorMessage: z.string().optional(),
    errorKind: ChatErrorKindSchema.optional(),
    errorDetail: z
      .strictObject({
        provider: z.string().max(300).optional(),
        model: z.string().max(300).optional(),
        failoverReason: z.string().max(300).optional(),
        providerRuntimeFailureKind: z.string().max(300).optional(),
        providerErrorType: z.string().max(300).optional(),
        httpStatus: z.int().min(100).max(599).optional(),
        providerErrorMessagePreview: z.string().max(300).optional(),
      })
      .optional(),
    usage: AnyJson.optional(),
    stopReason: z.string().optional(),
  }),
]);
export type ChatEventV4 = z.infer<typeof ChatEventV4Schema>;
