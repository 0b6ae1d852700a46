import { z } from 'zod';
import { NonNegativeInt } from '../schema/primitives.js';

/**
 * `health` params: `{probe?: boolean}`. Unknown keys are tolerated (and dropped): the live OpenClaw
 * gateway answered `health {bogus:1}` with ok:true, and `health` must work for every client.
 */
export const HealthParamsSchema = z.object({ probe: z.boolean().optional() });
export type HealthParams = z.infer<typeof HealthParamsSchema>;

/** One channel account's health. Open: channel plugins add their own keys. */
export const ChannelAccountHealthSchema = z.looseObject({
  accountId: z.string(),
  configured: z.boolean().optional(),
  linked: z.boolean().optional(),
  authAgeMs: z.number().nullable().optional(),
  probe: z.unknown().optional(),
  lastProbeAt: z.number().nullable().optional(),
});

/** A channel's health: its default account's fields, plus every account by id. */
export const ChannelHealthSchema = ChannelAccountHealthSchema.extend({
  accounts: z.record(z.string(), ChannelAccountHealthSchema).optional(),
});

/** The heartbeat configuration of one agent as reported by `health`. */
export const HeartbeatSummarySchema = z.looseObject({
  enabled: z.boolean(),
  every: z.string(),
  everyMs: NonNegativeInt.nullable(),
  prompt: z.string(),
  target: z.string(),
  model: z.string().optional(),
  ackMaxChars: NonNegativeInt,
});

/** `{path, count, recent}`: a session store at a glance. */
export const SessionStoreHealthSchema = z.looseObject({
  path: z.string(),
  count: NonNegativeInt,
  recent: z.array(z.looseObject({ key: z.string(), updatedAt: z.number().nullable(), age: z.number().nullable() })),
});

/** One agent in `health.agents`. */
export const AgentHealthSchema = z.looseObject({
  agentId: z.string(),
  name: z.string().optional(),
  isDefault: z.boolean(),
  heartbeat: HeartbeatSummarySchema,
  sessions: SessionStoreHealthSchema,
});

/**
 * `HealthSummary`: the `health` result and the `health` event payload. Open (OpenClaw adds keys
 * between releases, e.g. `configReload`, `modelRuntime`), but every key OpenClaw's type requires is
 * required here.
 */
export const HealthResultSchema = z.looseObject({
  ok: z.literal(true),
  ts: NonNegativeInt,
  durationMs: z.number().min(0),
  eventLoop: z.unknown().optional(),
  plugins: z
    .looseObject({
      loaded: z.array(z.string()),
      errors: z.array(z.looseObject({ id: z.string(), origin: z.string(), activated: z.boolean(), error: z.string() })),
    })
    .optional(),
  channels: z.record(z.string(), ChannelHealthSchema),
  channelOrder: z.array(z.string()),
  channelLabels: z.record(z.string(), z.string()),
  heartbeatSeconds: NonNegativeInt,
  defaultAgentId: z.string(),
  agents: z.array(AgentHealthSchema),
  sessions: SessionStoreHealthSchema,
});
export type HealthResult = z.infer<typeof HealthResultSchema>;
/** Alias: the same shape is called HealthSummary in OpenClaw. */
export const HealthSummarySchema = HealthResultSchema;
export type HealthSummary = HealthResult;
