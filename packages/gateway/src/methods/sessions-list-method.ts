import { join } from 'node:path';
import type { SessionRecord } from '@rusty-claw/plugin-sdk';
import { RuntimeMethodNames, SessionsListParamsSchema, type SessionRow } from '@rusty-claw/protocol';
import { agentModels } from '../agent/agent-models.js';
import type { Core } from '../agent/core-module.js';
import { matchesListFilters, sessionRow } from '../agent/session-rows.js';
import { resolveAgentOrder } from '../health/agent-order.js';
import { defineMethod } from './method-definition.js';

/** OpenClaw's default page size. */
const DEFAULT_LIMIT = 100;

/**
 * `sessions.list`: the sessions of one agent (`agentId`) or of every configured agent, newest first, filtered by
 * `activeMinutes`, `label`, `spawnedBy` and `search` (key, label, display name), at most `limit` (default 100), with
 * `hasActiveRun` and, on request, the last message preview and a title derived from the first user message.
 * `defaults` is the default agent's configured model with its context window.
 */
export const sessionsListMethod = defineMethod({
  name: RuntimeMethodNames.SessionsList,
  params: SessionsListParamsSchema,
  handle: async ({ ctx, params }) => {
    const agents = ctx.agents;
    const core = await agents.core();
    const { defaultAgentId, ordered } = resolveAgentOrder(ctx.config);
    const agentIds = params.agentId === undefined ? ordered.map((agent) => agent.id) : [core.normalizeAgentId(params.agentId)];
    const now = ctx.now();
    const found: Array<{ agentId: string; record: SessionRecord }> = [];
    for (const agentId of agentIds) {
      const store = await agents.store(agentId);
      for (const record of await store.list()) if (matchesListFilters(record, params, now)) found.push({ agentId, record });
    }
    found.sort((a, b) => b.record.updatedAt - a.record.updatedAt);
    const limit = params.limit ?? DEFAULT_LIMIT;
    const page = found.slice(0, limit);
    const sessions: SessionRow[] = [];
    for (const { agentId, record } of page) {
      sessions.push(
        await sessionRow({
          core,
          store: await agents.store(agentId),
          record,
          hasActiveRun: agents.runs.hasActiveRun(record.key),
          includeLastMessage: params.includeLastMessage === true,
          includeDerivedTitle: params.includeDerivedTitles === true,
        }),
      );
    }
    const primary = agentModels(core, ctx.config, defaultAgentId).primary;
    let defaults: { modelProvider: string | null; model: string | null; contextTokens: number | null } = { modelProvider: null, model: null, contextTokens: null };
    const ref = primary === undefined ? undefined : safeParse(core, primary);
    if (ref !== undefined) {
      const listed = (await agents.registry()).listModels().find((model) => model.ref === core.formatModelRef(ref));
      defaults = { modelProvider: ref.provider, model: ref.model, contextTokens: listed?.contextWindow ?? null };
    }
    const thinkingDefault = ctx.config.agents?.defaults?.thinkingDefault;
    return {
      ts: now,
      path: join(core.FileSessionStore.sessionsDir(ctx.stateDir, agentIds[0] ?? defaultAgentId), 'sessions.json'),
      count: sessions.length,
      totalCount: found.length,
      limitApplied: limit,
      hasMore: found.length > sessions.length,
      defaults: { ...defaults, ...(thinkingDefault === undefined ? {} : { thinkingDefault }) },
      sessions,
    };
  },
});

function safeParse(core: Core, ref: string): { provider: string; model: string } | undefined {
  try {
    return core.parseModelRef(ref);
  } catch {
    return undefined;
  }
}
