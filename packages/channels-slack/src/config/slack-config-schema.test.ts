import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { defaultSlackAccountId, resolveSlackAccounts } from './resolve-slack-accounts.js';
import { createSlackConfigSchema, slackConfigSchema } from './slack-config-schema.js';
import { unsupportedKeys } from './unsupported-keys.js';

describe('slackConfigSchema', () => {
  test("accepts OpenClaw's documented Socket Mode and HTTP configs unchanged, with OpenClaw's defaults", () => {
    const socket = slackConfigSchema.parse({
      enabled: true,
      mode: 'socket',
      appToken: 'xapp-1-A',
      botToken: 'xoxb-1',
      dmPolicy: 'pairing',
      allowFrom: ['U123', 42],
      channels: { C12345678: { requireMention: true, users: ['U1'] } },
    });
    expect(socket).toMatchObject({ mode: 'socket', webhookPath: '/slack/events', groupPolicy: 'allowlist' });
    const http = slackConfigSchema.parse({
      mode: 'http',
      botToken: { source: 'env', provider: 'default', id: 'SLACK_BOT_TOKEN' },
      signingSecret: 'sekret',
      webhookPath: '/slack/events-a',
      socketMode: { clientPingTimeout: 15000 },
    });
    expect(http.botToken).toEqual({ source: 'env', provider: 'default', id: 'SLACK_BOT_TOKEN' });
  });

  test('unknown keys and wrong shapes are errors with a path', () => {
    const unknown = slackConfigSchema.safeParse({ botToken: 'x', bogus: 1 });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('bogus');
    const nested = slackConfigSchema.safeParse({ channels: { C1: { requireMention: 'yes' } } });
    expect(nested.error?.issues[0]?.path).toEqual(['channels', 'C1', 'requireMention']);
    expect(slackConfigSchema.safeParse({ mode: 'websocket' }).success).toBe(false);
    expect(slackConfigSchema.safeParse({ webhookPath: 'slack/events' }).success).toBe(false);
    expect(slackConfigSchema.safeParse({ accounts: { a: { defaultAccount: 'a' } } }).success).toBe(false);
  });

  test('a custom secret schema (the gateway passes core SecretInputSchema) resolves refs while parsing', () => {
    // Same shape as core's SecretInputSchema: string | SecretRef in, string out.
    const secretInput = z.union([z.string(), z.strictObject({ source: z.literal('env'), provider: z.string(), id: z.string() }).transform((ref) => `resolved:${ref.id}`)]);
    const schema = createSlackConfigSchema({ secretInput });
    expect(schema.parse({ botToken: { source: 'env', provider: 'default', id: 'B' } }).botToken).toBe('resolved:B');
  });
});

describe('resolveSlackAccounts', () => {
  test('no accounts: one default account from the top level', () => {
    const accounts = resolveSlackAccounts(slackConfigSchema.parse({ botToken: 'xoxb-1', appToken: 'xapp-1' }));
    expect(accounts).toEqual([{ accountId: 'default', enabled: true, config: expect.objectContaining({ botToken: 'xoxb-1', mode: 'socket' }) }]);
  });

  test('named accounts inherit the top level and override it; disabled ones are marked', () => {
    const config = slackConfigSchema.parse({
      allowFrom: ['U1'],
      mode: 'http',
      defaultAccount: 'work',
      accounts: { work: { botToken: 'xoxb-w', signingSecret: 's' }, home: { botToken: 'xoxb-h', mode: 'socket', appToken: 'xapp-h', allowFrom: ['U2'], enabled: false } },
    });
    const accounts = resolveSlackAccounts(config);
    expect(accounts.map((account) => account.accountId)).toEqual(['home', 'work']);
    expect(accounts[1]?.config).toMatchObject({ botToken: 'xoxb-w', mode: 'http', allowFrom: ['U1'] });
    expect(accounts[0]).toMatchObject({ enabled: false, config: { mode: 'socket', allowFrom: ['U2'] } });
    expect(defaultSlackAccountId(config)).toBe('work');
    expect(defaultSlackAccountId({ ...config, defaultAccount: 'nope' })).toBe('home');
  });
});

describe('unsupportedKeys', () => {
  test('lists the OpenClaw keys that are accepted but not implemented, including per account and per channel', () => {
    const raw = {
      botToken: 'x',
      streaming: { mode: 'partial' },
      replyToMode: 'all',
      dm: { policy: 'open', groupEnabled: true },
      channels: { C1: { requireMention: true, systemPrompt: 'be nice' } },
      accounts: { a: { slashCommand: { enabled: true }, botToken: 'y' } },
    };
    expect(slackConfigSchema.safeParse(raw).success).toBe(true);
    expect(unsupportedKeys(raw)).toEqual(['streaming', 'replyToMode', 'dm.groupEnabled', 'channels.C1.systemPrompt', 'accounts.a.slashCommand']);
    expect(unsupportedKeys({ botToken: 'x', dmPolicy: 'open' })).toEqual([]);
    expect(unsupportedKeys(null)).toEqual([]);
  });
});
