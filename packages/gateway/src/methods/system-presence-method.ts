import { GatewayMethodNames, SystemPresenceParamsSchema } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';

/** `system-presence`: every presence entry, the gateway's own first. */
export const systemPresenceMethod = defineMethod({
  name: GatewayMethodNames.SystemPresence,
  params: SystemPresenceParamsSchema,
  handle: ({ ctx }) => ctx.presence.list(),
});
