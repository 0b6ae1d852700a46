import { z } from 'zod';
import { NonEmptyString } from '../primitives.js';
import { toleratedKeys } from './tolerated-keys.js';

// `models.list` and `agents.list` (OpenClaw 2026.5.7 `ModelsListParams`/`ModelsListResult`/`ModelChoice`,
// `AgentsListParams`/`AgentsListResult`/`AgentSummary`; protocol notes §5.2 ★12–★13). Results are strict, as
// OpenClaw's are.

/** `models.list {view?: "default" | "configured" | "all"}` (v4 adds `provider-config` and filters, tolerated). */
export const ModelsListParamsSchema = z.strictObject({
  view: z.enum(['default', 'configured', 'provider-config', 'all']).optional(),
  ...toleratedKeys(['agentId', 'sessionKey', 'authProfileId', 'provider', 'includeDetails', 'includeProviderCapabilities', 'includeDefaultModels', 'preparedOnly', 'refresh'] as const),
});
export type ModelsListParams = z.infer<typeof ModelsListParamsSchema>;

/** One model: `id` is the model id (no provider prefix), `provider` its provider id. */
export const ModelChoiceSchema = z.strictObject({
  id: NonEmptyString,
  name: NonEmptyString,
  provider: NonEmptyString,
  alias: NonEmptyString.optional(),
  contextWindow: z.int().min(1).optional(),
  reasoning: z.boolean().optional(),
});
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

export const ModelsListResultSchema = z.strictObject({ models: z.array(ModelChoiceSchema) });
export type ModelsListResult = z.infer<typeof ModelsListResultSchema>;

/** `agents.list {}`. */
export const AgentsListParamsSchema = z.strictObject({});
export type AgentsListParams = z.infer<typeof AgentsListParamsSchema>;

export const AgentSummarySchema = z.strictObject({
  id: NonEmptyString,
  name: NonEmptyString.optional(),
  identity: z
    .strictObject({
      name: NonEmptyString.optional(),
      theme: NonEmptyString.optional(),
      emoji: NonEmptyString.optional(),
      avatar: NonEmptyString.optional(),
      avatarUrl: NonEmptyString.optional(),
    })
    .optional(),
  workspace: NonEmptyString.optional(),
  model: z.strictObject({ primary: NonEmptyString.optional(), fallbacks: z.array(NonEmptyString).optional() }).optional(),
  agentRuntime: z
    .strictObject({ id: NonEmptyString, fallback: z.enum(['pi', 'none']).optional(), source: z.enum(['env', 'agent', 'defaults', 'implicit']) })
    .optional(),
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

export const AgentsListResultSchema = z.strictObject({
  defaultId: NonEmptyString,
  mainKey: NonEmptyString,
  scope: z.enum(['per-sender', 'global']),
  agents: z.array(AgentSummarySchema),
});
export type AgentsListResult = z.infer<typeof AgentsListResultSchema>;
