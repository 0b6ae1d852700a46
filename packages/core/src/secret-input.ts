import { z } from 'zod';
import type { Env } from './state-paths.js';

const SECRET_PROVIDER_ALIAS = /^[a-z][a-z0-9_-]{0,63}$/;
const ENV_SECRET_ID = /^[A-Z][A-Z0-9_]{0,127}$/;
const providerSchema = z
  .string()
  .regex(SECRET_PROVIDER_ALIAS, 'Secret reference provider must match /^[a-z][a-z0-9_-]{0,63}$/ (example: "default")');

/** OpenClaw's SecretRef shapes (`{source, provider, id}`); only `env` ones can be resolved by Rusty Claw today. */
export const SecretRefSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('env'),
    provider: providerSchema,
    id: z.string().regex(ENV_SECRET_ID, 'Env secret reference id must match /^[A-Z][A-Z0-9_]{0,127}$/ (example: "OPENAI_API_KEY")'),
  }),
  z.strictObject({ source: z.literal('file'), provider: providerSchema, id: z.string().min(1) }),
  z.strictObject({ source: z.literal('exec'), provider: providerSchema, id: z.string().min(1) }),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

export function isSecretRef(value: unknown): value is { source: string; provider?: string; id: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record['source'] === 'string' && typeof record['id'] === 'string';
}

/** What a SecretRef resolves against during one validation run. */
export interface SecretResolutionContext {
  env: Env;
  /** The config's (resolved) `secrets` section: OpenClaw's provider aliases and env allowlists. */
  secrets?: unknown;
  /** Validation before a write: a missing variable is not an error (the writer's env may lack the gateway's secrets). */
  allowMissing?: boolean;
}

// zod 4 has no per-parse context, and SecretInputSchema has to read the env of the config being
// validated. safeParse is synchronous, so a value set around one parse call cannot leak into another.
let active: SecretResolutionContext | undefined;

export function withSecretResolution<T>(context: SecretResolutionContext, run: () => T): T {
  const previous = active;
  active = context;
  try {
    return run();
  } finally {
    active = previous;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function resolveSecretRef(ref: SecretRef, ctx: z.core.$RefinementCtx<SecretRef>): string {
  const context = active ?? { env: process.env };
  const fail = (message: string): string => {
    ctx.addIssue({ code: 'custom', message, input: ref });
    return '';
  };
  if (ref.source !== 'env') {
    return fail(
      `SecretRef source "${ref.source}" is not supported by Rusty Claw yet; use {source: "env", provider: "default", id: "VAR"} or "\${VAR}"`,
    );
  }
  const secrets = record(context.secrets);
  const provider = record(record(secrets?.['providers'])?.[ref.provider]);
  if (provider === undefined) {
    const defaultAlias = record(secrets?.['defaults'])?.['env'];
    const alias = typeof defaultAlias === 'string' && defaultAlias.trim() !== '' ? defaultAlias.trim() : 'default';
    if (ref.provider !== alias) return fail(`Secret provider "${ref.provider}" is not configured (ref env:${ref.provider}:${ref.id})`);
  } else {
    if (provider['source'] !== 'env') {
      return fail(`Secret provider "${ref.provider}" has source "${String(provider['source'])}" but the ref asks for "env"`);
    }
    const allowlist = provider['allowlist'];
    if (Array.isArray(allowlist) && !allowlist.includes(ref.id)) {
      return fail(`Environment variable "${ref.id}" is not allowlisted in secrets.providers.${ref.provider}.allowlist`);
    }
  }
  const value = context.env[ref.id];
  if (value === undefined || value === '') {
    if (context.allowMissing === true) return `\${${ref.id}}`;
    return fail(`Environment variable "${ref.id}" (SecretRef env:${ref.provider}) is missing or empty`);
  }
  return value;
}

/**
 * A secret field: a literal string (possibly from `${VAR}`) or an OpenClaw SecretRef. Parsing resolves
 * env SecretRefs to their value, so the validated config always holds plain strings. Channel config
 * fragments use it for their tokens too.
 */
export const SecretInputSchema = z.union([z.string(), SecretRefSchema.transform(resolveSecretRef)]);
