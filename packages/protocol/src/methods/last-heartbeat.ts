import { z } from 'zod';
import { HeartbeatEventSchema } from '../schema/event-payloads.js';

/** `last-heartbeat` takes no params (not validated by OpenClaw). */
export const LastHeartbeatParamsSchema = z.object({});
export type LastHeartbeatParams = z.infer<typeof LastHeartbeatParamsSchema>;

/** The last `heartbeat` event payload, or `null` before the first heartbeat ran. */
export const LastHeartbeatResultSchema = HeartbeatEventSchema.nullable();
export type LastHeartbeatResult = z.infer<typeof LastHeartbeatResultSchema>;
