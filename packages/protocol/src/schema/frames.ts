import { z } from 'zod';
import { AnyJson, NonEmptyString, NonNegativeInt } from './primitives.js';

// The three frame kinds of the Gateway protocol (`src/gateway/protocol/schema/frames.ts` in
// OpenClaw). Every frame object is strict (`additionalProperties: false`): OpenClaw's Node client
// silently drops a frame with an extra key, so a stray field makes a CLI call hang until timeout.

/** `{presence, health}` counters carried by `presence`/`health` events and the snapshot. Exactly those two keys. */
export const StateVersionSchema = z.strictObject({
  presence: NonNegativeInt,
  health: NonNegativeInt,
});
export type StateVersion = z.infer<typeof StateVersionSchema>;

/** The `error` of a failed response. `retryAfterMs` is only meaningful with `retryable: true`. */
export const ErrorShapeSchema = z.strictObject({
  code: NonEmptyString,
  message: NonEmptyString,
  details: AnyJson.optional(),
  retryable: z.boolean().optional(),
  retryAfterMs: NonNegativeInt.optional(),
});
export type ErrorShape = z.infer<typeof ErrorShapeSchema>;

/**
 * `{type:"req", id, method, params?}`. `traceparent` (W3C trace context, ≤ 128 chars) is a v4
 * addition; v3 clients never send it, and accepting it costs nothing. The server treats an absent
 * `params` as `{}`.
 */
export const RequestFrameSchema = z.strictObject({
  type: z.literal('req'),
  id: NonEmptyString,
  method: NonEmptyString,
  params: AnyJson.optional(),
  traceparent: z.string().max(128).optional(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

/**
 * `{type:"res", id, ok, payload?, error?}`. One request may get two responses with the same id
 * (`agent`: an interim `payload.status:"accepted"`, then the final one).
 */
export const ResponseFrameSchema = z.strictObject({
  type: z.literal('res'),
  id: NonEmptyString,
  ok: z.boolean(),
  payload: AnyJson.optional(),
  error: ErrorShapeSchema.optional(),
});
export type ResponseFrame = z.infer<typeof ResponseFrameSchema>;

/**
 * `{type:"event", event, payload?, seq?, stateVersion?}`. `seq` is a per-socket counter of
 * broadcast events (from 1, contiguous); targeted events and `connect.challenge` carry none.
 */
export const EventFrameSchema = z.strictObject({
  type: z.literal('event'),
  event: NonEmptyString,
  payload: AnyJson.optional(),
  seq: NonNegativeInt.optional(),
  stateVersion: StateVersionSchema.optional(),
});
export type EventFrame = z.infer<typeof EventFrameSchema>;

/** Any of the three frames, discriminated by `type`. */
export const GatewayFrameSchema = z.discriminatedUnion('type', [RequestFrameSchema, ResponseFrameSchema, EventFrameSchema]);
export type GatewayFrame = z.infer<typeof GatewayFrameSchema>;
