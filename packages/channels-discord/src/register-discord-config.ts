import type { z } from 'zod';
import { createDiscordConfigSchema, DISCORD_UNSUPPORTED_ACCOUNT_KEYS, type DiscordSecretInput } from './discord-config-schema.js';

/**
 * The two things the composition root hands over from `@rusty-claw/core` (pass the core module itself, or an object
 * with these two members). Taken as arguments so this package need not depend on core at runtime.
 */
export interface DiscordConfigRegistry {
  registerChannelConfigSchema(name: string, schema: z.ZodType, options?: { openclawOnlyKeys?: readonly string[] }): () => void;
  /** Core's resolving secret schema: env SecretRefs become strings while the config is validated. */
  SecretInputSchema: z.ZodType<DiscordSecretInput>;
}

/**
 * Registers the `channels.discord` schema with core's config loader, so `loadConfig` checks it (unknown keys are
 * errors with their path) and reports the top-level OpenClaw keys not implemented yet as `unsupported`. Returns the
 * unregister function.
 */
export function registerDiscordConfig(core: DiscordConfigRegistry): () => void {
  return core.registerChannelConfigSchema('discord', createDiscordConfigSchema({ secretInput: core.SecretInputSchema }), {
    openclawOnlyKeys: DISCORD_UNSUPPORTED_ACCOUNT_KEYS,
  });
}
