import { ConfigError } from '@rusty-claw/plugin-sdk';
import JSON5 from 'json5';
import { describe, expect, test } from 'vitest';
import { isSensitiveKey, redactConfig, redactConfigRaw, REDACTED_SENTINEL, restoreRedacted } from './redact-config.js';

const R = REDACTED_SENTINEL;

const stored = {
  gateway: {
    port: 18789,
    auth: { mode: 'token', token: 'gw-literal-token', password: '${GW_PASSWORD}', rateLimit: { maxAttempts: 10 } },
    remote: { url: 'wss://x', token: { source: 'env', provider: 'default', id: 'REMOTE_TOKEN' } },
  },
  models: {
    providers: {
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-live', headers: { Authorization: 'Bearer abc', 'X-Plain': 'ok' }, models: [{ id: 'm', name: 'M', maxTokens: 4096 }] },
    },
  },
  channels: {
    telegram: { botToken: '123:abc', dmPolicy: 'pairing', accounts: { work: { botToken: '456:def' } } },
    slack: { appToken: 'xapp-1', signingSecret: 'shh', botToken: '' },
  },
  agents: { list: [{ id: 'main', name: 'Main' }] },
};

describe('redactConfig', () => {
  test('replaces secrets by key name and schema hints, keeps ${VAR} placeholders and non-secrets', () => {
    expect(redactConfig(stored)).toEqual({
      gateway: {
        port: 18789,
        auth: { mode: 'token', token: R, password: '${GW_PASSWORD}', rateLimit: { maxAttempts: 10 } },
        remote: { url: 'wss://x', token: { source: 'env', provider: 'default', id: R } },
      },
      models: {
        providers: {
          openai: { baseUrl: 'https://api.openai.com/v1', apiKey: R, headers: { Authorization: R, 'X-Plain': R }, models: [{ id: 'm', name: 'M', maxTokens: 4096 }] },
        },
      },
      channels: {
        telegram: { botToken: R, dmPolicy: 'pairing', accounts: { work: { botToken: R } } },
        slack: { appToken: R, signingSecret: R, botToken: '' },
      },
      agents: { list: [{ id: 'main', name: 'Main' }] },
    });
    expect(stored.gateway.auth.token).toBe('gw-literal-token'); // input untouched
  });

  test('round trip: restoreRedacted(redactConfig(x), x) gives x back, with edits kept', () => {
    const redacted = redactConfig(stored);
    expect(restoreRedacted(redacted, stored)).toEqual(stored);
    const edited = structuredClone(redacted);
    edited.gateway.port = 18800;
    edited.channels.telegram.botToken = 'new-token';
    const restored = restoreRedacted(edited, stored);
    expect(restored.gateway.port).toBe(18800);
    expect(restored.channels.telegram.botToken).toBe('new-token');
    expect(restored.channels.telegram.accounts.work.botToken).toBe('456:def');
    expect(restored.gateway.remote.token).toEqual({ source: 'env', provider: 'default', id: 'REMOTE_TOKEN' });
  });

  test('restoreRedacted rejects sentinels with nothing to restore, on non-secret paths, and changed SecretRefs', () => {
    const noOriginal = () => restoreRedacted({ gateway: { auth: { password: R } } }, { gateway: { auth: {} } });
    expect(noOriginal).toThrow(ConfigError);
    expect(noOriginal).toThrow('gateway.auth.password: is redacted but there is no stored value to keep');
    expect(() => restoreRedacted({ agents: { list: [{ id: R }] } }, stored)).toThrow('agents.list[0].id: "__OPENCLAW_REDACTED__" is reserved');
    expect(() =>
      restoreRedacted({ gateway: { remote: { token: { source: 'env', provider: 'other', id: R } } } }, stored),
    ).toThrow('SecretRef source/provider changed');
  });

  test('OpenClaw sensitive-key patterns with its exemptions', () => {
    for (const key of ['token', 'botToken', 'appToken', 'password', 'apiKey', 'api_key', 'signingSecret', 'secret', 'clientSecret', 'privateKey', 'encryptKey', 'serviceAccount']) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ['maxTokens', 'contextTokens', 'maxOutputTokens', 'tokenLimit', 'passwordFile', 'port', 'tokens', 'name']) {
      expect(isSensitiveKey(key), key).toBe(false);
    }
  });
});

describe('redactConfigRaw', () => {
  test('scrubs secrets from the file text and keeps comments and placeholders', () => {
    const raw = '// keep me\n{gateway: {auth: {token: "gw-literal-token", password: "${GW_PASSWORD}"}}, models: {providers: {p: {apiKey: \'sk-live\'}}}}';
    const redacted = redactConfigRaw(raw);
    expect(redacted).toBe(`// keep me\n{gateway: {auth: {token: "${R}", password: "\${GW_PASSWORD}"}}, models: {providers: {p: {apiKey: '${R}'}}}}`);
  });

  test('returns null rather than leak a secret the text replacement cannot see', () => {
    // "\u0073k-live" is "sk-live" written with an escape: a text search for the value misses it.
    const raw = '{models: {providers: {p: {apiKey: "\\u0073k-live"}}}}';
    expect(JSON5.parse(raw)).toEqual({ models: { providers: { p: { apiKey: 'sk-live' } } } });
    expect(redactConfigRaw(raw)).toBeNull();
    expect(redactConfigRaw('{not json5')).toBeNull();
  });
});
