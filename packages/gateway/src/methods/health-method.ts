import { GatewayMethodNames, HealthParamsSchema } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';

/** `health {probe?}`: the HealthSummary. `probe:true` rebuilds it and publishes the `health` event. */
export const healthMethod = defineMethod({
  name: GatewayMethodNames.Health,
  params: HealthParamsSchema,
  handle: ({ ctx, params }) => (params.probe === true ? ctx.health.refresh() : ctx.health.get()),
});
