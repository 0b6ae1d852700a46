import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import JSON5 from 'json5';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from './load-config.js';
import { REDACTED_SENTINEL } from './redact-config.js';
import { makeTempDir } from './testing/temp-dir.js';

const FIXTURE = new URL('./__fixtures__/openclaw.json', import.meta.url);
const FIXTURE_ENV = {
  OPENCLAW_GATEWAY_TOKEN: 'gw-token-0123456789',
  REMOTE_GATEWAY_TOKEN: 'remote-token-abcdef',
  OLLAMA_API_KEY: 'ollama-key-xyz',
  TELEGRAM_BOT_TOKEN: '123:telegram-bot-token',
};

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

async function loadText(text: string, env: Record<string, string> = {}) {
  const path = await temp.write('rusty-claw.json', text);
  return loadConfig({ path, env });
}

async function loadError(text: string, env: Record<string, string> = {}): Promise<ConfigError> {
  const error = await loadText(text, env).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('loadConfig with a real openclaw.json', () => {
  test('a config that uses only supported settings loads unchanged', async () => {
    const raw = await readFile(FIXTURE, 'utf8');
    const loaded = await loadText(raw, FIXTURE_ENV);
    const original = JSON5.parse(raw) as Record<string, unknown>;

    expect(loaded.exists).toBe(true);
    expect(loaded.raw).toBe(raw);
    expect(loaded.parsed).toEqual(original);
    expect(loaded.unsupported).toEqual([]);
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    // Every value the file sets is in the validated config as written, secrets resolved from the env.
    const { config } = loaded;
    expect(config.gateway).toEqual({
      port: 18790,
      mode: 'local',
      bind: 'lan',
      auth: {
        mode: 'token',
        token: FIXTURE_ENV.OPENCLAW_GATEWAY_TOKEN,
        rateLimit: { maxAttempts: 5, windowMs: 30000, lockoutMs: 600000, exemptLoopback: false },
      },
      handshakeTimeoutMs: 10000,
      controlUi: { enabled: true, basePath: '/ui', allowedOrigins: ['https://claw.example'] },
      remote: { url: 'wss://gateway.example:18789', token: FIXTURE_ENV.REMOTE_GATEWAY_TOKEN },
    });
    expect(config.models?.providers?.['local']).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: FIXTURE_ENV.OLLAMA_API_KEY,
      api: 'openai-completions',
      headers: { 'X-Team': 'core' },
      models: [{ id: 'qwen3:8b', name: 'Qwen3 8B', contextWindow: 32768, maxTokens: 8192, reasoning: true, input: ['text'] }],
    });
    expect(config.agents).toEqual(original['agents']);
    expect(config.session).toEqual(original['session']);
    expect(config.bindings).toEqual(original['bindings']);
    expect(config.logging).toEqual(original['logging']);
    expect(config.meta).toEqual(original['meta']);
    expect(config.$schema).toBe(original['$schema']);
    expect(config.channels?.['telegram']).toMatchObject({ botToken: FIXTURE_ENV.TELEGRAM_BOT_TOKEN, dmPolicy: 'pairing' });
    // resolved = after ${ENV}; the SecretRef object stays a reference there.
    expect((loaded.resolved['gateway'] as { auth: { token: string } }).auth.token).toBe(FIXTURE_ENV.OPENCLAW_GATEWAY_TOKEN);
    expect((loaded.resolved['models'] as { providers: { local: { apiKey: unknown } } }).providers.local.apiKey).toEqual({
      source: 'env',
      provider: 'default',
      id: 'OLLAMA_API_KEY',
    });
    expect(loaded.warnings).toEqual([expect.stringContaining('channels.telegram: no channel adapter registered')]);
  });

  test('a missing file is not an error: defaults apply', async () => {
    const loaded = await loadConfig({ path: join(temp.dir, 'absent.json'), env: {} });
    expect(loaded).toMatchObject({ exists: false, raw: null, parsed: {}, resolved: {}, unsupported: [], warnings: [] });
    expect(loaded.config.gateway).toEqual({
      port: 18789,
      mode: 'local',
      bind: 'loopback',
      auth: { mode: 'token', rateLimit: { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000, exemptLoopback: true } },
    });
    expect(loaded.hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('auth mode resolves like OpenClaw: explicit wins, else password when set, else token', async () => {
    expect((await loadText('{gateway: {auth: {password: "pw"}}}')).config.gateway.auth.mode).toBe('password');
    expect((await loadText('{gateway: {auth: {token: "t", password: "pw", mode: "token"}}}')).config.gateway.auth.mode).toBe('token');
    expect((await loadText('{gateway: {auth: {mode: "none"}}}')).config.gateway.auth.mode).toBe('none');
    expect((await loadText('{gateway: {auth: {token: "t"}}}')).config.gateway.auth.mode).toBe('token');
  });
});

describe('unknown and unsupported keys', () => {
  test('a typo is an error naming the path, with a suggestion', async () => {
    const error = await loadError('{gateway: {prot: 18789}}');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'gateway.prot', message: 'unknown key "prot" (did you mean gateway.port?)' })]);
    expect(error.message).toContain('gateway.prot: unknown key "prot" (did you mean gateway.port?)');
    expect(error.file).toBe(join(temp.dir, 'rusty-claw.json'));
  });

  test('typos are caught at every level, including arrays and records', async () => {
    const error = await loadError(`{
      gatway: {},
      agents: {list: [{id: "a", nmae: "A"}]},
      models: {providers: {p: {baseUrl: "http://x", models: [], apikey: "k"}}},
    }`);
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual(
      expect.arrayContaining([
        ['gatway', 'unknown key "gatway" (did you mean gateway?)'],
        ['agents.list[0].nmae', 'unknown key "nmae" (did you mean agents.list[0].name?)'],
        ['models.providers.p.apikey', 'unknown key "apikey" (did you mean models.providers.p.apiKey?)'],
      ]),
    );
  });

  test('OpenClaw-only keys are accepted and reported by dotted path', async () => {
    const loaded = await loadText(`{
      wizard: {lastRunAt: "2026-05-01"},
      tools: {profile: "coding"},
      plugins: {enabled: true},
      gateway: {port: 18800, tls: {enabled: true}, tailscale: {mode: "off"}, reload: {mode: "hybrid"}, auth: {allowTailscale: false}},
      agents: {defaults: {heartbeat: {every: "30m"}, model: {primary: "a/b", timeoutMs: 1000}}, list: [{id: "x", identity: {name: "X"}}]},
      models: {mode: "merge", providers: {p: {baseUrl: "http://x", request: {allowPrivateNetwork: true}, models: [{id: "m", name: "M", cost: {input: 1}}]}}},
      channels: {defaults: {groupPolicy: "open"}},
      session: {scope: "per-sender"},
      logging: {consoleStyle: "json"},
    }`);
    expect(loaded.unsupported).toEqual([
      'agents.defaults.heartbeat',
      'agents.defaults.model.timeoutMs',
      'agents.list[0].identity',
      'channels.defaults',
      'gateway.auth.allowTailscale',
      'gateway.reload',
      'gateway.tailscale',
      'gateway.tls',
      'logging.consoleStyle',
      'models.mode',
      'models.providers.p.models[0].cost',
      'models.providers.p.request',
      'plugins',
      'session.scope',
      'tools',
      'wizard',
    ]);
    // Kept in the stored forms (so a write keeps them), absent from the validated config.
    expect(loaded.parsed['wizard']).toEqual({ lastRunAt: '2026-05-01' });
    expect((loaded.config as Record<string, unknown>)['wizard']).toBeUndefined();
    expect(loaded.config.gateway.port).toBe(18800);
    expect(loaded.config.agents?.defaults?.model).toEqual({ primary: 'a/b' });
  });
});

describe('bad values', () => {
  test('wrong types, bad enums and out-of-range ports name path, value and expectation', async () => {
    const error = await loadError(`{
      gateway: {port: 70000, bind: "everywhere", handshakeTimeoutMs: "soon", auth: {mode: "trusted-proxy"}},
      logging: {level: "loud"},
      agents: {list: [{name: "no id"}]},
    }`);
    const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, issue]));
    expect(byPath['gateway.port']).toEqual({
      path: 'gateway.port',
      message: 'expected a number <= 65535, received 70000',
      received: 70000,
      expected: 'a number <= 65535',
    });
    expect(byPath['gateway.bind']).toMatchObject({ received: 'everywhere', expected: 'one of "loopback", "lan", "custom"' });
    expect(byPath['gateway.handshakeTimeoutMs']).toMatchObject({ message: 'expected number, received "soon"', received: 'soon', expected: 'number' });
    expect(byPath['gateway.auth.mode']?.message).toBe(
      '"trusted-proxy" is an OpenClaw value Rusty Claw does not implement yet (supported: "none", "token", "password")',
    );
    expect(byPath['logging.level']).toMatchObject({ received: 'loud' });
    expect(byPath['agents.list[0].id']).toMatchObject({ message: 'required (expected string)' });
    expect(error.message.split('\n')[0]).toBe(`Invalid config in ${join(temp.dir, 'rusty-claw.json')}:`);
    expect(error.message.split('\n')).toHaveLength(error.issues.length + 1);
  });

  test('a bad value under a secret key is redacted in the issue and the message', async () => {
    const error = await loadError('{gateway: {auth: {token: 12345678}}, models: {providers: {p: {baseUrl: "u", models: [], apiKey: ["sk-live-secret"]}}}}');
    const token = error.issues.find((issue) => issue.path === 'gateway.auth.token');
    expect(token?.received).toBe(REDACTED_SENTINEL);
    expect(error.issues.find((issue) => issue.path === 'models.providers.p.apiKey')?.received).toBe(REDACTED_SENTINEL);
    expect(error.message).not.toContain('12345678');
    expect(error.message).not.toContain('sk-live-secret');
  });

  test('an object in the wrong place is quoted with its secrets redacted', async () => {
    const error = await loadError('{gateway: {auth: [{token: "nested-secret-value", mode: "token"}]}}');
    expect(error.issues[0]).toMatchObject({ path: 'gateway.auth', received: [{ token: REDACTED_SENTINEL, mode: 'token' }] });
    expect(error.message).not.toContain('nested-secret-value');
  });

  test('bind "custom" needs an IP literal in customBindHost', async () => {
    expect((await loadError('{gateway: {bind: "custom"}}')).issues[0]?.path).toBe('gateway.customBindHost');
    expect((await loadError('{gateway: {bind: "custom", customBindHost: "my-host"}}')).issues[0]?.message).toBe('expected an IP address literal');
    expect((await loadText('{gateway: {bind: "custom", customBindHost: "10.0.0.5"}}')).config.gateway.customBindHost).toBe('10.0.0.5');
  });

  test('duplicate agent ids are rejected', async () => {
    const error = await loadError('{agents: {list: [{id: "a"}, {id: "a"}]}}');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'agents.list[1].id', message: 'duplicate agent id "a" (also agents.list[0])' })]);
  });

  test('syntax errors and non-object roots are ConfigErrors with a location', async () => {
    const syntax = await loadError('{gateway: {port: 1,,}}');
    expect(syntax.code).toBe('CONFIG_PARSE');
    expect(syntax.message).toMatch(/line 1, column \d+/);
    expect((await loadError('[1, 2]')).issues[0]).toMatchObject({ path: '', expected: 'object' });
  });

  test('meta.lastTouchedAt accepts epoch milliseconds like OpenClaw', async () => {
    const loaded = await loadText('{meta: {lastTouchedAt: 0}}');
    expect(loaded.config.meta?.lastTouchedAt).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('${ENV} substitution and SecretRefs', () => {
  test('substitutes inside strings, honours $${VAR} escapes', async () => {
    const loaded = await loadText('{gateway: {remote: {url: "wss://${GW_HOST}:${GW_PORT}/path", password: "$${NOT_SUBSTITUTED}"}}}', {
      GW_HOST: 'gw.example',
      GW_PORT: '443',
    });
    expect(loaded.config.gateway.remote).toEqual({ url: 'wss://gw.example:443/path', password: '${NOT_SUBSTITUTED}' });
    expect((loaded.parsed['gateway'] as { remote: { url: string } }).remote.url).toBe('wss://${GW_HOST}:${GW_PORT}/path');
  });

  test('a missing or empty variable is an error naming the variable and the key path', async () => {
    const error = await loadError('{gateway: {auth: {token: "${GW_TOKEN}"}, remote: {url: "ws://${EMPTY}"}}}', { EMPTY: '' });
    expect(error.issues).toEqual([
      { path: 'gateway.auth.token', message: 'missing environment variable "GW_TOKEN" (referenced as ${GW_TOKEN})', expected: 'a non-empty environment variable GW_TOKEN' },
      { path: 'gateway.remote.url', message: 'missing environment variable "EMPTY" (referenced as ${EMPTY})', expected: 'a non-empty environment variable EMPTY' },
    ]);
  });

  test('a variable that only the config\'s OpenClaw env section defines gets a hint', async () => {
    const error = await loadError('{env: {vars: {GW_TOKEN: "from-config"}}, gateway: {auth: {token: "${GW_TOKEN}"}}}');
    expect(error.issues[0]?.message).toBe(
      'missing environment variable "GW_TOKEN" (referenced as ${GW_TOKEN}); it is defined in the config\'s env section, which Rusty Claw does not apply, so set it in the real environment',
    );
  });

  test('env SecretRefs resolve; file/exec refs and unknown providers are reported', async () => {
    const ok = await loadText('{gateway: {auth: {password: {source: "env", provider: "default", id: "GW_PASSWORD"}}}}', { GW_PASSWORD: 'hunter2-long' });
    expect(ok.config.gateway.auth).toMatchObject({ mode: 'password', password: 'hunter2-long' });

    const aliased = await loadText(
      '{secrets: {providers: {vault: {source: "env", allowlist: ["GW_TOKEN"]}}}, gateway: {auth: {token: {source: "env", provider: "vault", id: "GW_TOKEN"}}}}',
      { GW_TOKEN: 'tok-123456' },
    );
    expect(aliased.config.gateway.auth.token).toBe('tok-123456');
    expect(aliased.unsupported).toEqual(['secrets']);

    const error = await loadError(
      `{
        secrets: {providers: {vault: {source: "env", allowlist: ["OTHER"]}}},
        gateway: {auth: {token: {source: "file", provider: "default", id: "/gateway/token"}}, remote: {token: {source: "env", provider: "nope", id: "X"}, password: {source: "env", provider: "vault", id: "GW"}}},
        models: {providers: {p: {baseUrl: "u", models: [], apiKey: {source: "env", provider: "default", id: "UNSET_KEY"}}}},
      }`,
    );
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['gateway.auth.token', expect.stringContaining('SecretRef source "file" is not supported by Rusty Claw yet')],
      ['gateway.remote.token', 'Secret provider "nope" is not configured (ref env:nope:X)'],
      ['gateway.remote.password', 'Environment variable "GW" is not allowlisted in secrets.providers.vault.allowlist'],
      ['models.providers.p.apiKey', 'Environment variable "UNSET_KEY" (SecretRef env:default) is missing or empty'],
    ]);
  });

  test('a malformed SecretRef reports the field inside it', async () => {
    const error = await loadError('{gateway: {auth: {token: {source: "env", provider: "default", id: "lower"}}}}');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'gateway.auth.token.id', expected: 'a string matching /^[A-Z][A-Z0-9_]{0,127}$/' })]);
  });
});
