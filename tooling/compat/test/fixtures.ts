// Shared inputs for the conformance tests: a random token per run and a seeded config whose values
// (a non-default agent, a provider secret) must come back through OpenClaw's CLIs exactly as expected.
import { randomBytes } from 'node:crypto';

export function randomToken(): string {
  return `rc-${randomBytes(18).toString('base64url')}`;
}

/** A provider API key that must never appear in any output (config.get redacts it). */
export const PROVIDER_SECRET = `sk-compat-${randomBytes(12).toString('hex')}`;

/** OpenClaw's redaction sentinel (what config.get must show instead of a secret). */
export const REDACTED = '__OPENCLAW_REDACTED__';

/**
 * The gateway's config file. `ops` is the default agent, so `defaultAgentId: "ops"` in a payload proves
 * it came from this config (every stock default says "main"). The token is the one passed with
 * `--token` too, so it is both a live credential and a secret config.get must redact.
 */
export function seededConfig(token: string): Record<string, unknown> {
  return {
    gateway: { auth: { mode: 'token', token } },
    agents: { list: [{ id: 'ops', default: true }, { id: 'main' }] },
    models: {
      providers: {
        acme: { baseUrl: 'https://llm.example.invalid/v1', apiKey: PROVIDER_SECRET, api: 'openai-completions', models: [] },
      },
    },
  };
}

/** `seededConfig` as config.get must show it: the same file with every secret replaced by REDACTED. */
export function redactedSeededConfig(): Record<string, unknown> {
  const config = seededConfig(REDACTED) as { models: { providers: { acme: Record<string, unknown> } } };
  config.models.providers.acme['apiKey'] = REDACTED;
  return config;
}
