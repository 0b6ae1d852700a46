import type { z } from 'zod';
import { createSlackConfigSchema, type SlackSecretInput } from './slack-config-schema.js';
import { SLACK_UNSUPPORTED_KEYS } from './unsupported-keys.js';

/**
 * The two things the composition root hands over from `@rusty-claw/core` (pass the core module itself, or an object
 * with these two members). Taken as arguments so this package need not depend on core at runtime.
 */
export interface SlackConfigRegistry {
  registerChannelConfigSchema(name: string, schema: z.ZodType, options?: { openclawOnlyKeys?: readonly string[] }): () => void;
  /** Core's resolving secret schema: env SecretRefs become strings while the config is validated. */
  SecretInputSchema: z.ZodType<SlackSecretInput>;
}

/**
 * Registers the `channels.slack` schema with core's config loader, so `loadConfig` checks it (unknown keys are errors
 * with their path) and reports the top-level OpenClaw keys not implemented yet as `unsupported`. Returns the
 * unregister function.
 */
export function registerSlackConfig(core: SlackConfigRegistry): () => void {
  return core.registerChannelConfigSchema('slack', createSlackConfigSchema({ secretInput: core.SecretInputSchema }), {
    openclawOnlyKeys: SLACK_UNSUPPORTED_KEYS,
  });
}
