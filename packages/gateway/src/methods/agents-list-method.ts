import { AgentsListParamsSchema, RuntimeMethodNames, type AgentSummary } from '@rusty-claw/protocol';
import { agentModels } from '../agent/agent-models.js';
import { resolveAgentOrder } from '../health/agent-order.js';
import { defineMethod } from './method-definition.js';

/**
 * `agents.list`: `{defaultId, mainKey, scope, agents}` with each agent's name, workspace and model
 * (`{primary, fallbacks}`) as configured (the default agent is listed even without `agents.list`).
 */
export const agentsListMethod = defineMethod({
  name: RuntimeMethodNames.AgentsList,
  params: AgentsListParamsSchema,
  handle: async ({ ctx }) => {
    const core = await ctx.agents.core();
    const { defaultAgentId, ordered } = resolveAgentOrder(ctx.config);
    const agents: AgentSummary[] = ordered.map((agent) => {
      const model = agentModels(core, ctx.config, agent.id);
      const workspace = core.resolveAgentWorkspaceDir({ config: ctx.config, agentId: agent.id, stateDir: ctx.stateDir });
      return {
        id: agent.id,
        ...(agent.name ? { name: agent.name } : {}),
        workspace,
        ...(model.primary === undefined && model.fallbacks.length === 0
          ? {}
          : { model: { ...(model.primary === undefined ? {} : { primary: model.primary }), ...(model.fallbacks.length === 0 ? {} : { fallbacks: model.fallbacks }) } }),
      };
    });
    return { defaultId: defaultAgentId, mainKey: ctx.config.session?.mainKey?.trim() || 'main', scope: 'per-sender', agents };
  },
});
