import type { z } from 'zod';
import { buildConfigSchema, type RustyClawConfigSchema } from './config-schema.js';

export interface ChannelConfigSchemaOptions {
  /**
   * Keys OpenClaw knows under `channels.<name>` that this adapter does not implement yet. They are
   * accepted, split off before the fragment validates, and reported in `LoadedConfig.unsupported`.
   */
  openclawOnlyKeys?: readonly string[];
}

interface Registration {
  schema: z.ZodType;
  openclawOnlyKeys: readonly string[];
}

const registrations = new Map<string, Registration>();
let cached: typeof RustyClawConfigSchema | undefined;

/**
 * Lets a channel adapter contribute the schema of `channels.<name>` (ARCHITECTURE.md "Config": one schema
 * composed from per-package fragments). Registering again replaces the fragment. Returns an unregister function.
 */
export function registerChannelConfigSchema(name: string, schema: z.ZodType, options: ChannelConfigSchemaOptions = {}): () => void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new TypeError(`invalid channel name: ${JSON.stringify(name)}`);
  const registration = { schema, openclawOnlyKeys: [...(options.openclawOnlyKeys ?? [])] };
  registrations.set(name, registration);
  cached = undefined;
  return () => {
    if (registrations.get(name) !== registration) return;
    registrations.delete(name);
    cached = undefined;
  };
}

/** Names of the channels whose adapters registered a schema. */
export function registeredChannelNames(): string[] {
  return [...registrations.keys()];
}

/** `channels.<name>` patterns for the OpenClaw-only keys registered adapters declared. */
export function channelOpenclawOnlyKeys(): Record<string, readonly string[]> {
  const table: Record<string, readonly string[]> = {};
  for (const [name, { openclawOnlyKeys }] of registrations) if (openclawOnlyKeys.length > 0) table[`channels.${name}`] = openclawOnlyKeys;
  return table;
}

/** The root schema composed with every registered channel fragment (rebuilt only after a registration). */
export function activeConfigSchema(): typeof RustyClawConfigSchema {
  if (cached === undefined) {
    const fragments = new Map<string, z.ZodType>();
    for (const [name, { schema }] of registrations) fragments.set(name, schema);
    cached = buildConfigSchema(fragments);
  }
  return cached;
}
