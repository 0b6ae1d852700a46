import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelError, ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, test } from 'vitest';
import { loadTelegramBotToken, resolveTelegramAccount, resolveTelegramAccounts } from './resolve-telegram-accounts.js';
import { createTelegramChannel } from './telegram-channel.js';
import { telegramConfigSchema, unsupportedKeys } from './telegram-config-schema.js';
import { silentLogger } from '@rusty-claw/plugin-sdk';

describe('telegramConfigSchema', () => {
  test("accepts OpenClaw's documented example unchanged and applies its defaults", () => {
    const config = telegramConfigSchema.parse({
      enabled: true,
      botToken: '123:abc',
      dmPolicy: 'pairing',
      groups: { '*': { requireMention: true }, '-1001234567890': { topics: { '3': { agentId: 'zu', requireMention: false } } } },
      streaming: { mode: 'partial' },
      textChunkLimit: 4000,
      linkPreview: false,
    });
    expect(config).toMatchObject({ dmPolicy: 'pairing', groupPolicy: 'allowlist', textChunkLimit: 4000 });
    expect(telegramConfigSchema.parse({}).dmPolicy).toBe('pairing');
  });

  test('unknown keys and bad values are errors with their path', () => {
    const unknown = telegramConfigSchema.safeParse({ botTokn: 'x' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['botTokn'] });
    const badPolicy = telegramConfigSchema.safeParse({ dmPolicy: 'sometimes' });
    expect(badPolicy.error?.issues[0]?.path).toEqual(['dmPolicy']);
    const badGroup = telegramConfigSchema.safeParse({ groups: { '-1': { requireMenton: true } } });
    expect(badGroup.success).toBe(false);
    const badAccount = telegramConfigSchema.safeParse({ accounts: { work: { nope: 1 } } });
    expect(badAccount.success).toBe(false);
  });

  test('apiRoot must be the root, not /bot<TOKEN>; webhookUrl requires a valid webhookSecret', () => {
    expect(telegramConfigSchema.safeParse({ apiRoot: 'https://api.telegram.org/bot123:abc' }).success).toBe(false);
    expect(telegramConfigSchema.safeParse({ apiRoot: 'http://127.0.0.1:8081' }).success).toBe(true);
    const noSecret = telegramConfigSchema.safeParse({ webhookUrl: 'https://bot.example.com/telegram-webhook' });
    expect(noSecret.error?.issues[0]?.path).toEqual(['webhookSecret']);
    expect(telegramConfigSchema.safeParse({ webhookUrl: 'https://x.y/h', webhookSecret: 'has spaces!' }).success).toBe(false);
    expect(telegramConfigSchema.safeParse({ webhookUrl: 'https://x.y/h', webhookSecret: 'ok_secret-1' }).success).toBe(true);
  });

  test('unsupportedKeys lists accepted-but-unimplemented keys at every level', () => {
    const config = telegramConfigSchema.parse({
      streaming: { mode: 'off' },
      groups: { '-1': { systemPrompt: 'x', topics: { '2': { agentId: 'a' } } } },
      accounts: { work: { replyToMode: 'first' } },
    });
    expect(unsupportedKeys(config)).toEqual(['streaming', 'groups.-1.systemPrompt', 'groups.-1.topics.2.agentId', 'accounts.work.replyToMode']);
    expect(unsupportedKeys({ botToken: 'x', dmPolicy: 'open' })).toEqual([]);
  });
});

describe('accounts and tokens', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  test('the top level is the default account; named accounts inherit unset keys; env token for default only', () => {
    const config = telegramConfigSchema.parse({ allowFrom: ['1'], apiRoot: 'http://127.0.0.1:1', accounts: { work: { botToken: 'w:1', dmPolicy: 'open' } } });
    const accounts = resolveTelegramAccounts(config, { TELEGRAM_BOT_TOKEN: 'env:1' });
    expect(accounts.map((account) => account.accountId)).toEqual(['default', 'work']);
    expect(accounts[0]?.config).toMatchObject({ botToken: 'env:1', allowFrom: ['1'], dmPolicy: 'pairing' });
    expect(accounts[1]?.config).toMatchObject({ botToken: 'w:1', allowFrom: ['1'], apiRoot: 'http://127.0.0.1:1', dmPolicy: 'open' });
    expect(resolveTelegramAccounts(config, {}).map((account) => account.accountId)).toEqual(['work']);
    expect(() => resolveTelegramAccount(config, 'nope', {})).toThrow(/known: work/);
    const disabled = resolveTelegramAccounts(telegramConfigSchema.parse({ enabled: false, botToken: 'x' }), {});
    expect(disabled[0]?.config.enabled).toBe(false);
  });

  test('botToken from an env SecretRef, tokenFile (regular file only), and clear errors', async () => {
    expect(await loadTelegramBotToken(telegramConfigSchema.parse({ botToken: { source: 'env', provider: 'default', id: 'TG' } }), { TG: 't:1' })).toBe('t:1');
    await expect(loadTelegramBotToken(telegramConfigSchema.parse({ botToken: { source: 'env', provider: 'default', id: 'TG' } }), {})).rejects.toThrow('TG is missing');
    await expect(loadTelegramBotToken(telegramConfigSchema.parse({ botToken: { source: 'exec', provider: 'vault', id: 'x' } }), {})).rejects.toThrow(/not supported/);
    await expect(loadTelegramBotToken(telegramConfigSchema.parse({}), {})).rejects.toThrow(ChannelError);
    const dir = await mkdtemp(join(tmpdir(), 'tg-token-'));
    dirs.push(dir);
    await writeFile(join(dir, 'token'), ' f:1 \n');
    await symlink(join(dir, 'token'), join(dir, 'link'));
    expect(await loadTelegramBotToken(telegramConfigSchema.parse({ tokenFile: join(dir, 'token') }), {})).toBe('f:1');
    await expect(loadTelegramBotToken(telegramConfigSchema.parse({ tokenFile: join(dir, 'link') }), {})).rejects.toThrow(/regular file/);
    await expect(loadTelegramBotToken(telegramConfigSchema.parse({ tokenFile: join(dir, 'missing') }), {})).rejects.toThrow(/cannot read tokenFile/);
  });

  test('createTelegramChannel refuses an invalid config with a ConfigError naming the key', () => {
    let caught: unknown;
    try {
      createTelegramChannel({ accountId: 'default', config: { botToken: 'x', dmPolicy: 'maybe' }, logger: silentLogger });
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).issues[0]?.path).toBe('channels.telegram.dmPolicy');
  });
});
