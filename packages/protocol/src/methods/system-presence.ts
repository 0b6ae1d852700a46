import { z } from 'zod';
import { PresenceEntrySchema } from '../schema/presence-entry.js';

/** `system-presence` takes no params; OpenClaw does not validate them, so any object is accepted. */
export const SystemPresenceParamsSchema = z.object({});
export type SystemPresenceParams = z.infer<typeof SystemPresenceParamsSchema>;

/** The presence list, newest first, including the gateway's own `reason:"self"` entry. */
export const SystemPresenceResultSchema = z.array(PresenceEntrySchema);
export type SystemPresenceResult = z.infer<typeof SystemPresenceResultSchema>;
