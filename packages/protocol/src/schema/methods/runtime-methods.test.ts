import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { diffJsonSchemas } from '../../compat/json-schema-diff.js';
import { loadOpenClawSchemas, type JsonSchema } from '../../compat/load-openclaw.js';
import { sampleFromJsonSchema } from '../../compat/sample-from-json-schema.js';
import * as protocol from '../../index.js';
import { AGENT_V4_KEYS } from './agent-methods.js';
import { CHAT_HISTORY_V4_KEYS, CHAT_SEND_V4_KEYS } from './chat-methods.js';
import { SESSIONS_LIST_V4_KEYS, SESSIONS_PATCH_V4_KEYS } from './sessions-methods.js';

// The runtime method schemas against OpenClaw's own TypeBox schemas (2026.5.7 = v3, 2026.9.6 = v4): structure
// (keys, strictness, bounds) with every deliberate difference pinned, and acceptance (a full and a minimal value of
// ours pass OpenClaw's Ajv validation once the keys only a newer client sends are dropped).

type Pair = { ours: z.ZodType; theirs: string; known?: string[]; newerOnly?: readonly string[] };

const only = (keys: readonly string[]): string[] => keys.map((key) => `$.${key}: only ours has it`);

const v3Pairs: Record<string, Pair> = {
  ChatSendParams: {
    ours: protocol.ChatSendParamsSchema,
    theirs: 'ChatSendParams',
    // v4 keys a 2026.9.6 client may send; the attachment item shape is ours (OpenClaw v3 accepts any item).
    known: only(['agentId', ...CHAT_SEND_V4_KEYS]),
    newerOnly: ['agentId', ...CHAT_SEND_V4_KEYS],
  },
  ChatHistoryParams: {
    ours: protocol.ChatHistoryParamsSchema,
    theirs: 'ChatHistoryParams',
    known: only(['agentId', 'sessionId', ...CHAT_HISTORY_V4_KEYS]),
    newerOnly: ['agentId', 'sessionId', ...CHAT_HISTORY_V4_KEYS],
  },
  ChatAbortParams: { ours: protocol.ChatAbortParamsSchema, theirs: 'ChatAbortParams' },
  ChatEvent: { ours: protocol.ChatEventSchema, theirs: 'ChatEvent' },
  AgentEvent: {
    ours: protocol.AgentEventSchema,
    theirs: 'AgentEvent',
    // OpenClaw's gateway adds sessionKey to every agent broadcast although its schema does not list it.
    known: ['$.sessionKey: only ours has it'],
    newerOnly: ['sessionKey'],
  },
  AgentParams: { ours: protocol.AgentParamsSchema, theirs: 'AgentParams', known: only(AGENT_V4_KEYS), newerOnly: AGENT_V4_KEYS },
  AgentWaitParams: { ours: protocol.AgentWaitParamsSchema, theirs: 'AgentWaitParams' },
  SessionsListParams: {
    ours: protocol.SessionsListParamsSchema,
    theirs: 'SessionsListParams',
    known: only(SESSIONS_LIST_V4_KEYS),
    newerOnly: SESSIONS_LIST_V4_KEYS,
  },
  SessionsPatchParams: {
    ours: protocol.SessionsPatchParamsSchema,
    theirs: 'SessionsPatchParams',
    known: only(['agentId', ...SESSIONS_PATCH_V4_KEYS]),
    newerOnly: ['agentId', ...SESSIONS_PATCH_V4_KEYS],
  },
  SessionsResetParams: {
    ours: protocol.SessionsResetParamsSchema,
    theirs: 'SessionsResetParams',
    known: only(['agentId', 'expectedSessionId']),
    newerOnly: ['agentId', 'expectedSessionId'],
  },
  SessionsDeleteParams: {
    ours: protocol.SessionsDeleteParamsSchema,
    theirs: 'SessionsDeleteParams',
    known: only(['agentId', 'expectedSessionId', 'expectedLifecycleRevision', 'expectedSessionUpdatedAt', 'archivedOnly']),
    newerOnly: ['agentId', 'expectedSessionId', 'expectedLifecycleRevision', 'expectedSessionUpdatedAt', 'archivedOnly'],
  },
  SessionsCompactParams: { ours: protocol.SessionsCompactParamsSchema, theirs: 'SessionsCompactParams', known: only(['agentId']), newerOnly: ['agentId'] },
  ModelsListParams: {
    ours: protocol.ModelsListParamsSchema,
    theirs: 'ModelsListParams',
    known: [
      '$.view: enum values only ours accepts "provider-config"',
      ...only(['agentId', 'sessionKey', 'authProfileId', 'provider', 'includeDetails', 'includeProviderCapabilities', 'includeDefaultModels', 'preparedOnly', 'refresh']),
    ],
    newerOnly: ['agentId', 'sessionKey', 'authProfileId', 'provider', 'includeDetails', 'includeProviderCapabilities', 'includeDefaultModels', 'preparedOnly', 'refresh'],
  },
  ModelsListResult: { ours: protocol.ModelsListResultSchema, theirs: 'ModelsListResult' },
  ModelChoice: { ours: protocol.ModelChoiceSchema, theirs: 'ModelChoice' },
  AgentsListParams: { ours: protocol.AgentsListParamsSchema, theirs: 'AgentsListParams' },
  AgentsListResult: { ours: protocol.AgentsListResultSchema, theirs: 'AgentsListResult' },
  AgentSummary: { ours: protocol.AgentSummarySchema, theirs: 'AgentSummary' },
};

const toJson = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as JsonSchema;

describe('runtime method schemas against OpenClaw 2026.5.7 (v3)', () => {
  let theirs: Record<string, JsonSchema>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  beforeAll(async () => {
    theirs = await loadOpenClawSchemas('v3');
  }, 30_000);

  it.each(Object.entries(v3Pairs))('%s: structure matches apart from the documented differences', (_name, pair) => {
    const theirSchema = theirs[pair.theirs];
    expect(theirSchema, `OpenClaw has no ${pair.theirs}`).toBeDefined();
    expect(diffJsonSchemas(toJson(pair.ours), theirSchema as JsonSchema).sort()).toEqual([...(pair.known ?? [])].sort());
  });

  it.each(Object.entries(v3Pairs))('%s: values our schema accepts are valid for OpenClaw', (_name, pair) => {
    const validate = ajv.compile(theirs[pair.theirs] as JsonSchema);
    for (const mode of ['full', 'minimal'] as const) {
      const sample = sampleFromJsonSchema(toJson(pair.ours), mode);
      const parsed = pair.ours.safeParse(sample);
      expect(parsed.success, `${mode} sample rejected by our own schema: ${parsed.error?.message}`).toBe(true);
      const value = structuredClone(parsed.data) as Record<string, unknown>;
      for (const key of pair.newerOnly ?? []) delete value[key];
      expect(validate(value), `${mode}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`).toBe(true);
    }
  });
});

describe('protocol-4 chat events', () => {
  it('our v4 chat event schema matches OpenClaw 2026.9.6 state by state', async () => {
    const v4 = await loadOpenClawSchemas('v4');
    const theirs = v4['ChatEvent'] as { anyOf: JsonSchema[] };
    const ours = toJson(protocol.ChatEventV4Schema) as { anyOf: JsonSchema[] };
    const byState = (options: JsonSchema[]) =>
      new Map(options.map((option) => [((option['properties'] as Record<string, JsonSchema>)['state'] as { const: string }).const, option]));
    const mine = byState(ours.anyOf);
    for (const [state, schema] of byState(theirs.anyOf)) {
      if (state === 'status') continue; // OpenClaw's run start-up phases (worktrees, setup): never sent by Rusty Claw
      expect(diffJsonSchemas(mine.get(state) as JsonSchema, schema), state).toEqual([]);
    }
  }, 30_000);

  it('a delta needs deltaText for v4 and must not carry it for v3', () => {
    const delta = { runId: 'r', sessionKey: 'agent:main:main', seq: 2, state: 'delta', message: { role: 'assistant', content: [{ type: 'text', text: 'Hi' }], timestamp: 1 } };
    expect(protocol.ChatEventSchema.safeParse(delta).success).toBe(true);
    expect(protocol.ChatEventV4Schema.safeParse(delta).success).toBe(false);
    expect(protocol.ChatEventV4Schema.safeParse({ ...delta, deltaText: 'Hi' }).success).toBe(true);
    expect(protocol.ChatEventSchema.safeParse({ ...delta, deltaText: 'Hi' }).success).toBe(false);
  });
});

describe('params refuse what OpenClaw refuses', () => {
  it('chat.send: an unknown key, a missing idempotency key and an over-long session key are refused', () => {
    const base = { sessionKey: 'main', message: 'hi', idempotencyKey: 'k1' };
    expect(protocol.ChatSendParamsSchema.safeParse(base).success).toBe(true);
    expect(protocol.ChatSendParamsSchema.safeParse({ ...base, bogus: 1 }).success).toBe(false);
    expect(protocol.ChatSendParamsSchema.safeParse({ ...base, idempotencyKey: '' }).success).toBe(false);
    expect(protocol.ChatSendParamsSchema.safeParse({ ...base, sessionKey: 'x'.repeat(513) }).success).toBe(false);
    // A 2026.9.6 client's extra keys pass.
    expect(protocol.ChatSendParamsSchema.safeParse({ ...base, agentId: 'main', queueMode: 'followup' }).success).toBe(true);
  });

  it('sessions.patch: null clears a value; a wrong enum value is refused', () => {
    expect(protocol.SessionsPatchParamsSchema.safeParse({ key: 'main', model: null, thinkingLevel: 'high' }).success).toBe(true);
    expect(protocol.SessionsPatchParamsSchema.safeParse({ key: 'main', sendPolicy: 'maybe' }).success).toBe(false);
  });

  it('RuntimeMethodNames are all classified in the scope table', () => {
    for (const name of Object.values(protocol.RuntimeMethodNames)) expect(protocol.isMethodClassified(name), name).toBe(true);
    expect(protocol.requiredScopeForMethod('chat.send')).toBe('operator.write');
    expect(protocol.requiredScopeForMethod('chat.history')).toBe('operator.read');
    expect(protocol.requiredScopeForMethod('sessions.patch')).toBe('operator.admin');
  });
});
