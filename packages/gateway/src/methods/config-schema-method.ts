import { ConfigSchemaParamsSchema, GatewayMethodNames } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';
import { loadCore } from './config-snapshot.js';

/** `config.schema`: the config's JSON Schema and UI hints (built on first call by core, then cached there). */
export const configSchemaMethod = defineMethod({
  name: GatewayMethodNames.ConfigSchema,
  params: ConfigSchemaParamsSchema,
  handle: async ({ ctx }) => {
    const core = await loadCore();
    return { schema: core.configJsonSchema(), uiHints: core.configUiHints(), version: ctx.version, generatedAt: new Date(ctx.now()).toISOString() };
  },
});
