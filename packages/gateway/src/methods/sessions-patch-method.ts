import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ErrorCodes, RuntimeMethodNames, SessionsPatchParamsSchema } from '@rusty-claw/protocol';
import { agentModels } from '../agent/agent-models.js';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { normalizeThinkingLevel } from '../agent/run-input.js';
import { sessionEntryOf, sessionIndexFile } from '../agent/session-entry.js';
import { defineMethod } from './method-definition.js';

/** Settings stored on the session entry as given (`null` clears them). */
const PLAIN_FIELDS = [
  'label',
  'fastMode',
  'verboseLevel',
  'traceLevel',
  'reasoningLevel',
  'responseUsage',
  'elevatedLevel',
  'execHost',
  'execSecurity',
  'execAsk',
  'execNode',
  'spawnedBy',
  'spawnedWorkspaceDir',
  'spawnDepth',
  'subagentRole',
  'subagentControlScope',
  'sendPolicy',
  'groupActivation',
] as const;

/**
 * `sessions.patch {key, …}` (admin): changes the session's settings; `null` clears one. `thinkingLevel` must be a
 * known level; `model` (`provider/model`) must be one the registry can build, and is stored as OpenClaw's
 * `providerOverride` + `modelOverride` (the next run tries it first, then the configured models). Creates the
 * session when it does not exist yet, as OpenClaw does.
 */
export const sessionsPatchMethod = defineMethod({
  name: RuntimeMethodNames.SessionsPatch,
  params: SessionsPatchParamsSchema,
  handle: async ({ ctx, params }) => {
    const agents = ctx.agents;
    const { sessionKey, agentId } = await resolveRequestSession(agents, { key: params.key, agentId: params.agentId });
    const core = await agents.core();
    const meta: Record<string, unknown> = {};
    for (const field of PLAIN_FIELDS) {
      const value = params[field];
      if (value !== undefined) meta[field] = value ?? undefined;
    }
    if (params.thinkingLevel !== undefined) {
      if (params.thinkingLevel !== null) normalizeThinkingLevel(params.thinkingLevel, 'request');
      meta['thinkingLevel'] = params.thinkingLevel === null ? undefined : params.thinkingLevel.trim().toLowerCase();
    }
    if (params.model !== undefined) {
      if (params.model !== null) {
        try {
          (await agents.registry()).resolve(params.model);
        } catch (error) {
          throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `model "${params.model}" cannot be used: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      Object.assign(meta, core.modelOverridePatch(params.model ?? undefined));
    }
    const record = await (await agents.store(agentId)).patch(sessionKey, meta);
    const ref = core.sessionModelOverride(record.meta) ?? agentModels(core, ctx.config, agentId).primary;
    const parsed = ref === undefined ? undefined : core.parseModelRef(ref);
    return {
      ok: true,
      path: sessionIndexFile(core, ctx.stateDir, agentId),
      key: sessionKey,
      entry: sessionEntryOf(record),
      resolved: parsed ? { modelProvider: parsed.provider, model: parsed.model } : {},
    };
  },
});
