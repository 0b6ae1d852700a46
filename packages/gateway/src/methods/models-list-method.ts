import { ModelsListParamsSchema, RuntimeMethodNames, type ModelChoice } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';

/**
 * `models.list {view?}`: the models of `models.providers.*.models[]` plus the refs the agents are configured
 * with, each `{id, name, provider, contextWindow, reasoning?}` (OpenClaw's strict ModelChoice). `view:"configured"`
 * lists only the models declared under `models.providers`.
 */
export const modelsListMethod = defineMethod({
  name: RuntimeMethodNames.ModelsList,
  params: ModelsListParamsSchema,
  handle: async ({ ctx, params }) => {
    const registry = await ctx.agents.registry();
    const models: ModelChoice[] = registry
      .listModels()
      .filter((model) => params.view !== 'configured' || model.configured)
      .map((model) => ({
        id: model.id,
        name: model.name || model.id,
        provider: model.provider,
        ...(model.contextWindow >= 1 ? { contextWindow: Math.round(model.contextWindow) } : {}),
        ...(model.reasoning === undefined ? {} : { reasoning: model.reasoning }),
      }));
    return { models };
  },
});
