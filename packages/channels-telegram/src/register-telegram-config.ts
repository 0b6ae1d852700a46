import type { z } from 'zod';
import { createTelegramConfigSchema, telegramOpenclawOnlyKeys, type TelegramSecretInput } from './telegram-config-schema.js';

/**
 * The two things the composition root hands over from `@rusty-claw/core` (pass the core module itself, or an object
 * with these two members). Taken as arguments so this package need not depend on core at runtime.
 */
export interface TelegramConfigRegistry {
  registerChannelConfigSchema(name: string, schema: z.ZodType, options?: { openclawOnlyKeys?: readonly string[] }): () => void;
  /** Core's resolving secret schema: env SecretRefs become strings while the config is validated. */
  SecretInputSchema: z.ZodType<TelegramSecretInput>;
}

/**
 * Registers the `channels.telegram` schema with core's config loader, so `loadConfig` checks it (unknown keys are
 * errors with their path) and reports the OpenClaw keys not implemented yet as `unsupported`. Returns the
 * unregister function.
 */
export function registerTelegramConfig(core: TelegramConfigRegistry): () => void {
  return core.registerChannelConfigSchema('telegram', createTelegramConfigSchema({ secretInput: core.SecretInputSchema }), {
    openclawOnlyKeys: telegramOpenclawOnlyKeys,
  });
}
