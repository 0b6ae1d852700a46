import { GatewayMethodNames, LastHeartbeatParamsSchema } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';

/** `last-heartbeat`: no heartbeat runner exists yet, so there is never a last one (`null`, as OpenClaw before its first). */
export const lastHeartbeatMethod = defineMethod({
  name: GatewayMethodNames.LastHeartbeat,
  params: LastHeartbeatParamsSchema,
  handle: () => null,
});
