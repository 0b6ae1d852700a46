import { z } from 'zod';
import { NonEmptyString, NonNegativeInt } from '../schema/primitives.js';

// Params of the config methods are strict, as in OpenClaw (`additionalProperties: false`): a typo
// in a write request must fail loudly instead of being ignored.

/** `config.get` takes nothing: strict `{}`. */
export const ConfigGetParamsSchema = z.strictObject({});
export type ConfigGetParams = z.infer<typeof ConfigGetParamsSchema>;

/** One validation problem of a config file. */
export const ConfigIssueSchema = z.looseObject({
  path: z.string(),
  message: z.string(),
  allowedValues: z.array(z.string()).optional(),
  allowedValuesHiddenCount: z.number().optional(),
});

/**
 * `config.get` result: the config file snapshot, secrets redacted to `"__OPENCLAW_REDACTED__"`.
 * `hash` (sha256 of the raw text) is the `baseHash` write guard for `config.set`/`config.patch`;
 * it is absent when no file exists.
 */
export const ConfigGetResultSchema = z.looseObject({
  path: z.string(),
  exists: z.boolean(),
  raw: z.string().nullable(),
  parsed: z.unknown(),
  sourceConfig: z.unknown(),
  resolved: z.unknown(),
  valid: z.boolean(),
  runtimeConfig: z.unknown(),
  config: z.unknown(),
  hash: z.string().optional(),
  issues: z.array(ConfigIssueSchema),
  warnings: z.array(ConfigIssueSchema),
  legacyIssues: z.array(z.looseObject({ path: z.string(), message: z.string() })),
});
export type ConfigGetResult = z.infer<typeof ConfigGetResultSchema>;

/** `config.set`: replace the file with `raw` (JSON5 text). `baseHash` is required once a file exists. */
export const ConfigSetParamsSchema = z.strictObject({
  raw: NonEmptyString,
  baseHash: NonEmptyString.optional(),
});
export type ConfigSetParams = z.infer<typeof ConfigSetParamsSchema>;

/** `config.set` result: where it was written and the new config (redacted). */
export const ConfigSetResultSchema = z.looseObject({
  ok: z.literal(true),
  path: z.string(),
  config: z.unknown(),
});
export type ConfigSetResult = z.infer<typeof ConfigSetResultSchema>;

/** Where to report back after a config-triggered restart. */
export const DeliveryContextSchema = z.strictObject({
  channel: z.string().optional(),
  to: z.string().optional(),
  accountId: z.string().optional(),
  threadId: z.union([z.string(), z.number()]).optional(),
});

/** `config.patch`: `raw` is a JSON merge patch (RFC 7396: objects merge, `null` deletes, arrays replace). */
export const ConfigPatchParamsSchema = z.strictObject({
  raw: NonEmptyString,
  baseHash: NonEmptyString.optional(),
  sessionKey: z.string().optional(),
  deliveryContext: DeliveryContextSchema.optional(),
  note: z.string().optional(),
  restartDelayMs: NonNegativeInt.optional(),
});
export type ConfigPatchParams = z.infer<typeof ConfigPatchParamsSchema>;

/** `config.patch` result. `noop:true` when nothing changed; `restart` describes a scheduled restart. */
export const ConfigPatchResultSchema = z.looseObject({
  ok: z.literal(true),
  path: z.string(),
  config: z.unknown(),
  noop: z.boolean().optional(),
  restart: z.unknown().optional(),
});
export type ConfigPatchResult = z.infer<typeof ConfigPatchResultSchema>;

/** `config.schema` takes nothing: strict `{}`. */
export const ConfigSchemaParamsSchema = z.strictObject({});
export type ConfigSchemaParams = z.infer<typeof ConfigSchemaParamsSchema>;

/** Editor hints for one config path (label, help, grouping, secrecy). Strict, as in OpenClaw. */
export const ConfigUiHintSchema = z.strictObject({
  label: z.string().optional(),
  help: z.string().optional(),
  tags: z.array(z.string()).optional(),
  group: z.string().optional(),
  order: z.int().optional(),
  advanced: z.boolean().optional(),
  sensitive: z.boolean().optional(),
  placeholder: z.string().optional(),
  itemTemplate: z.unknown().optional(),
});
export type ConfigUiHint = z.infer<typeof ConfigUiHintSchema>;

/** `config.schema` result: the config's JSON Schema plus UI hints keyed by dotted path. Strict. */
export const ConfigSchemaResultSchema = z.strictObject({
  schema: z.unknown(),
  uiHints: z.record(z.string(), ConfigUiHintSchema),
  version: NonEmptyString,
  generatedAt: NonEmptyString,
});
export type ConfigSchemaResult = z.infer<typeof ConfigSchemaResultSchema>;
