import { readFile } from 'node:fs/promises';
import JSON5 from 'json5';
import type { z } from 'zod';
import { beforeAll, describe, expect, test } from 'vitest';
import { configJsonSchema } from './config-json-schema.js';
import { RustyClawConfigSchema } from './config-schema.js';
import { OPENCLAW_KNOWN_KEYS, patternSegments } from './openclaw-known-keys.js';
import { isSensitivePath } from './redact-config.js';
import {
  loadAjv2020,
  loadOpenClawSchema,
  loadOpenClawValidator,
  OPENCLAW_REFERENCE_VERSION,
  openclawSensitivePaths,
  openclawVersion,
  type OpenClawValidationResult,
} from './testing/openclaw-reference.js';
import { validateConfig } from './validate-config.js';
import { objectKeysAt } from './zod-walk.js';

// Checks Rusty Claw's config against OpenClaw 2026.5.7's own schema and validator, imported from its dist.

const FIXTURE_ENV = { OPENCLAW_GATEWAY_TOKEN: 'gw-token', REMOTE_GATEWAY_TOKEN: 'remote', OLLAMA_API_KEY: 'k', TELEGRAM_BOT_TOKEN: '1:x' };

let openclawSchema: z.ZodType;
let openclawValidate: Awaited<ReturnType<typeof loadOpenClawValidator>>;
let fixture: Record<string, unknown>;

beforeAll(async () => {
  expect(await openclawVersion()).toBe(OPENCLAW_REFERENCE_VERSION);
  openclawSchema = await loadOpenClawSchema();
  openclawValidate = await loadOpenClawValidator();
  fixture = JSON5.parse(await readFile(new URL('./__fixtures__/openclaw.json', import.meta.url), 'utf8'));
}, 30_000);

function accepted(result: OpenClawValidationResult): boolean {
  if (!result.ok) console.error(result.issues);
  return result.ok;
}

describe('the known-key table matches OpenClaw', () => {
  test.each(Object.keys(OPENCLAW_KNOWN_KEYS))('pattern "%s"', (pattern) => {
    const segments = patternSegments(pattern);
    const theirs = objectKeysAt(openclawSchema, segments);
    expect(theirs).toBeDefined();
    expect([...(OPENCLAW_KNOWN_KEYS[pattern] ?? [])].sort()).toEqual([...(theirs ?? [])].sort());
    // Everything Rusty Claw implements at this path is an OpenClaw key too (same names).
    const ours = objectKeysAt(RustyClawConfigSchema, segments) ?? [];
    expect(ours.filter((key) => !(theirs ?? []).includes(key))).toEqual([]);
  });

  test.each(['bindings[]', 'bindings[].match', 'bindings[].match.peer', 'bindings[].session'])(
    'Rusty Claw implements every OpenClaw key at "%s" (so none is missing from its schema or the table)',
    (pattern) => {
      const segments = patternSegments(pattern);
      expect(objectKeysAt(RustyClawConfigSchema, segments)?.sort()).toEqual(objectKeysAt(openclawSchema, segments)?.sort());
    },
  );

  test('every object Rusty Claw implements is covered by the table', () => {
    const covered = new Set(Object.keys(OPENCLAW_KNOWN_KEYS));
    for (const path of ['gateway', 'gateway.auth', 'gateway.auth.rateLimit', 'gateway.controlUi', 'gateway.remote', 'models', 'models.providers.*', 'models.providers.*.models[]', 'agents', 'agents.defaults', 'agents.defaults.model', 'agents.list[]', 'agents.list[].model', 'session', 'logging', 'meta']) {
      expect(objectKeysAt(RustyClawConfigSchema, patternSegments(path)), path).toBeDefined();
      expect(covered.has(path), path).toBe(true);
    }
  });
});

describe('OpenClaw and Rusty Claw agree', () => {
  test('both accept the supported-only openclaw.json (OpenClaw with bundled channel checks on)', () => {
    expect(accepted(openclawValidate(fixture, { validateBundledChannels: true }))).toBe(true);
    const ours = validateConfig(fixture, { env: FIXTURE_ENV });
    expect(ours.unsupported).toEqual([]);
  });

  test('settings Rusty Claw reports as unsupported are valid OpenClaw settings', () => {
    const withOpenClawOnly = {
      ...fixture,
      wizard: { lastRunAt: '2026-05-01T00:00:00Z', lastRunMode: 'local' },
      tools: { profile: 'coding' },
      update: { channel: 'stable' },
      gateway: { ...(fixture['gateway'] as object), tls: { enabled: false }, tailscale: { mode: 'off' }, reload: { mode: 'hybrid' } },
      session: { ...(fixture['session'] as object), scope: 'per-sender' },
    };
    expect(accepted(openclawValidate(withOpenClawOnly))).toBe(true);
    expect(validateConfig(withOpenClawOnly, { env: FIXTURE_ENV }).unsupported).toEqual([
      'gateway.reload',
      'gateway.tailscale',
      'gateway.tls',
      'session.scope',
      'tools',
      'update',
      'wizard',
    ]);
  });

  test.each([
    ['a typo', { gateway: { prot: 18789 } }],
    ['an unknown top-level key', { gatewy: {} }],
    ['a bad enum', { gateway: { bind: 'everywhere' } }],
    ['a wrong type', { gateway: { port: '18789' } }],
    ['a provider without baseUrl', { models: { providers: { p: { models: [] } } } }],
    ['a binding without a channel', { bindings: [{ agentId: 'a', match: { chanel: 'telegram' } }] }],
    ['a binding with a bad peer kind', { bindings: [{ agentId: 'a', match: { channel: 'x', peer: { kind: 'room', id: '1' } } }] }],
    ['an ACP binding without a peer', { bindings: [{ type: 'acp', agentId: 'a', match: { channel: 'x' } }] }],
    ['identityLinks that are not arrays', { session: { identityLinks: { alice: 'telegram:1' } } }],
    ['a malformed SecretRef', { gateway: { auth: { token: { source: 'env', provider: 'default', id: 'lower' } } } }],
  ])('both reject %s', (_label, value) => {
    expect(openclawValidate(value).ok).toBe(false);
    expect(() => validateConfig(value, { env: {} })).toThrow();
  });
});

describe('configJsonSchema with a real JSON Schema validator', () => {
  test('accepts the fixture and OpenClaw-only settings, rejects typos and bad values', async () => {
    const Ajv2020 = await loadAjv2020();
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(configJsonSchema());
    expect(validate(fixture)).toBe(true);
    expect(validate({ wizard: { anything: 1 }, gateway: { tls: { enabled: true } } })).toBe(true);
    expect(validate({ gateway: { prot: 1 } })).toBe(false);
    expect(validate({ gateway: { port: 70000 } })).toBe(false);
    expect(validate({ gateway: { auth: { mode: 'trusted-proxy' } } })).toBe(false);
    expect(validate({ agents: { list: [{ name: 'no id' }] } })).toBe(false);
  });
});

test('every field OpenClaw registers as sensitive is redacted by Rusty Claw too', async () => {
  const paths = await openclawSensitivePaths();
  expect(paths.length).toBeGreaterThan(50);
  const missed = paths.filter((path) => !isSensitivePath(patternSegments(path).map((segment) => (segment === '[]' ? 0 : segment === '*' ? 'x' : segment))));
  expect(missed).toEqual([]);
});
