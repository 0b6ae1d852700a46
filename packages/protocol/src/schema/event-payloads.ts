import { z } from 'zod';
import { PresenceEntrySchema } from './presence-entry.js';
import { AnyJson, NonEmptyString, NonEmptyStringArray, NonNegativeInt } from './primitives.js';

/**
 * Every event a v3 gateway advertises in `hello-ok.features.events` (OpenClaw 2026.5.7 `GATEWAY_EVENTS`,
 * in its order). Plugins may add `plugin.*` events on top.
 */
export const GATEWAY_EVENTS: readonly string[] = Object.freeze([
  'connect.challenge',
  'agent',
  'chat',
  'session.message',
  'session.tool',
  'sessions.changed',
  'presence',
  'tick',
  'talk.mode',
  'shutdown',
  'health',
  'heartbeat',
  'cron',
  'node.pair.requested',
  'node.pair.resolved',
  'node.invoke.request',
  'device.pair.requested',
  'device.pair.resolved',
  'voicewake.changed',
  'voicewake.routing.changed',
  'exec.approval.requested',
  'exec.approval.resolved',
  'plugin.approval.requested',
  'plugin.approval.resolved',
  'update.available',
]);

/**
 * `connect.challenge`: the first frame a server sends, `{nonce: uuid, ts: epoch ms}`, without `seq`.
 * v4 servers add `capabilities`, so unknown keys are tolerated (and dropped).
 */
export const ConnectChallengePayloadSchema = z.object({
  nonce: NonEmptyString,
  ts: NonNegativeInt,
  capabilities: z.array(z.string()).optional(),
});
export type ConnectChallengePayload = z.infer<typeof ConnectChallengePayloadSchema>;

/** `tick` payload, broadcast every `policy.tickIntervalMs`. Strict. */
export const TickEventSchema = z.strictObject({ ts: NonNegativeInt });
export type TickEvent = z.infer<typeof TickEventSchema>;

/** `shutdown` payload; the server then closes every socket with 1012 "service restart". Strict. */
export const ShutdownEventSchema = z.strictObject({
  reason: NonEmptyString,
  restartExpectedMs: NonNegativeInt.optional(),
});
export type ShutdownEvent = z.infer<typeof ShutdownEventSchema>;

/** `presence` payload (the frame also carries `stateVersion`). */
export const PresenceEventSchema = z.strictObject({ presence: z.array(PresenceEntrySchema) });
export type PresenceEvent = z.infer<typeof PresenceEventSchema>;

/** `device.pair.requested`: a device asked to pair and waits for `device.pair.approve`. Strict. */
export const DevicePairRequestedEventSchema = z.strictObject({
  requestId: NonEmptyString,
  deviceId: NonEmptyString,
  publicKey: NonEmptyString,
  displayName: NonEmptyString.optional(),
  platform: NonEmptyString.optional(),
  deviceFamily: NonEmptyString.optional(),
  clientId: NonEmptyString.optional(),
  clientMode: NonEmptyString.optional(),
  role: NonEmptyString.optional(),
  roles: NonEmptyStringArray.optional(),
  scopes: NonEmptyStringArray.optional(),
  remoteIp: NonEmptyString.optional(),
  silent: z.boolean().optional(),
  isRepair: z.boolean().optional(),
  ts: NonNegativeInt,
});
export type DevicePairRequestedEvent = z.infer<typeof DevicePairRequestedEventSchema>;

/** `device.pair.resolved`: `decision` is e.g. `approved`/`rejected`. Strict. */
export const DevicePairResolvedEventSchema = z.strictObject({
  requestId: NonEmptyString,
  deviceId: NonEmptyString,
  decision: NonEmptyString,
  ts: NonNegativeInt,
});
export type DevicePairResolvedEvent = z.infer<typeof DevicePairResolvedEventSchema>;

/** `heartbeat` payload, also the result of `last-heartbeat`. */
export const HeartbeatEventSchema = z.object({
  ts: NonNegativeInt,
  status: z.enum(['sent', 'ok-empty', 'ok-token', 'skipped', 'failed']),
  to: z.string().optional(),
  accountId: z.string().optional(),
  preview: z.string().optional(),
  durationMs: z.number().min(0).optional(),
  hasMedia: z.boolean().optional(),
  reason: z.string().optional(),
  channel: z.string().optional(),
  silent: z.boolean().optional(),
  indicatorType: z.enum(['ok', 'alert', 'error']).optional(),
});
export type HeartbeatEvent = z.infer<typeof HeartbeatEventSchema>;

/**
 * `chat` payload (strict). `message` of a `delta` holds the FULL accumulated text so far (replace,
 * not append); `runId` is the client's `idempotencyKey`; `seq` is the run's agent-event seq.
 */
export const ChatEventSchema = z.strictObject({
  runId: NonEmptyString,
  sessionKey: NonEmptyString,
  spawnedBy: NonEmptyString.optional(),
  seq: NonNegativeInt,
  state: z.enum(['delta', 'final', 'aborted', 'error']),
  message: AnyJson.optional(),
  errorMessage: z.string().optional(),
  errorKind: z.enum(['refusal', 'timeout', 'rate_limit', 'context_length', 'unknown']).optional(),
  usage: AnyJson.optional(),
  stopReason: z.string().optional(),
});
export type ChatEvent = z.infer<typeof ChatEventSchema>;
