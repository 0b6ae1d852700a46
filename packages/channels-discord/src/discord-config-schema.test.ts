import { LoadSecretError } from '@rusty-claw/plugin-sdk';
import { describe, expect, test } from 'vitest';
import { discordAccountConfigSchema, discordConfigSchema } from './discord-config-schema.js';
import { resolveDiscordAccounts, resolveDiscordDmPolicy, resolveDiscordToken } from './resolve-discord-accounts.js';
import { unsupportedKeys } from './unsupported-keys.js';

/** A `channels.discord` block as OpenClaw's docs write it. */
const openclawExample = {
  enabled: true,
  token: { source: 'env', provider: 'default', id: 'DISCORD_BOT_TOKEN' },
  dmPolicy: 'pairing',
  allowFrom: ['123456789012345678'],
  groupPolicy: 'allowlist',
  guilds: {
    '123456789012345678': {
      requireMention: true,
      ignoreOtherMentions: true,
      users: ['987654321098765432'],
      roles: [4242], // small ids may be numbers; snowflakes must be quoted (not safe integers)
      channels: { general: { requireMention: false }, help: { requireMention: true, systemPrompt: 'Be brief' } },
    },
  },
  streaming: 'block',
  replyToMode: 'first',
  textChunkLimit: 1800,
  maxLinesPerMessage: 17,
  mediaMaxMb: 8,
  intents: { guildMembers: true },
  accounts: { work: { token: 'work-token', allowFrom: ['111'], voice: { enabled: true } } },
  defaultAccount: 'default',
};

describe('discordConfigSchema', () => {
  test("parses OpenClaw's keys unchanged (numeric ids become strings)", () => {
    const parsed = discordConfigSchema.parse(openclawExample);
    expect(parsed.guilds?.['123456789012345678']?.roles).toEqual(['4242']);
    expect(discordConfigSchema.safeParse({ allowFrom: [Number('123456789012345678')] }).error?.issues[0]?.message).toMatch(/Wrap it in quotes/);
    expect(parsed.accounts?.['work']?.token).toBe('work-token');
  });

  test('unknown keys are errors with their path', () => {
    const result = discordConfigSchema.safeParse({ token: 'x', chunkMode: 'newline', guilds: { g: { allow: true } } });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => [issue.code, issue.path.join('.'), ...('keys' in issue ? issue.keys : [])]);
    expect(paths).toEqual(expect.arrayContaining([
      ['unrecognized_keys', '', 'chunkMode'],
      ['unrecognized_keys', 'guilds.g', 'allow'],
    ]));
  });

  test('unsupported OpenClaw keys are accepted and listed by unsupportedKeys', () => {
    expect(unsupportedKeys(discordConfigSchema.parse(openclawExample))).toEqual([
      'accounts.work.voice',
      'guilds.123456789012345678.channels.help.systemPrompt',
      'replyToMode',
      'streaming',
    ]);
    expect(unsupportedKeys({ token: 'x' })).toEqual([]);
    expect(unsupportedKeys(null)).toEqual([]);
  });

  test("dmPolicy rules as OpenClaw: open needs '*', allowlist needs an entry (top level and per account)", () => {
    const open = discordConfigSchema.safeParse({ dmPolicy: 'open', allowFrom: ['1'] });
    expect(open.error?.issues[0]?.message).toMatch(/dmPolicy="open" requires allowFrom/);
    expect(discordConfigSchema.safeParse({ dmPolicy: 'open', allowFrom: ['*'] }).success).toBe(true);
    const legacy = discordConfigSchema.safeParse({ dm: { policy: 'allowlist' } });
    expect(legacy.error?.issues[0]?.path).toEqual(['dm', 'allowFrom']);
    const account = discordConfigSchema.safeParse({ accounts: { ops: { dmPolicy: 'allowlist' } } });
    expect(account.error?.issues[0]?.path).toEqual(['accounts', 'ops', 'allowFrom']);
    expect(discordConfigSchema.safeParse({ allowFrom: ['1'], accounts: { ops: { dmPolicy: 'allowlist' } } }).success).toBe(true);
    expect(discordAccountConfigSchema.safeParse({ dmPolicy: 'allowlist' }).success).toBe(false);
  });

  test('bad values are reported at their path', () => {
    const result = discordConfigSchema.safeParse({ allowFrom: [-1], textChunkLimit: 0, apiRoot: 'not a url', groupPolicy: 'everyone' });
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['allowFrom.0', 'apiRoot', 'groupPolicy', 'textChunkLimit']);
  });
});

describe('resolveDiscordAccounts', () => {
  test('a single top-level block is the default account', () => {
    expect(resolveDiscordAccounts(discordConfigSchema.parse({ token: 't' }))).toEqual([{ accountId: 'default', enabled: true, config: { token: 't' } }]);
  });

  test('named accounts inherit top-level keys, never accounts.default.*; a top-level token adds the default account', () => {
    const config = discordConfigSchema.parse({
      token: 'top',
      allowFrom: ['1'],
      groupPolicy: 'open',
      accounts: { default: { allowFrom: ['2'] }, ops: { token: 'ops', enabled: false } },
    });
    const accounts = resolveDiscordAccounts(config);
    expect(accounts.map((account) => [account.accountId, account.enabled, account.config.token, account.config.allowFrom, account.config.groupPolicy])).toEqual([
      ['default', true, 'top', ['2'], 'open'],
      ['ops', false, 'ops', ['1'], 'open'],
    ]);
    const onlyNamed = resolveDiscordAccounts(discordConfigSchema.parse({ accounts: { ops: { token: 'ops' } } }));
    expect(onlyNamed.map((account) => account.accountId)).toEqual(['ops']);
  });

  test('dm policy: dmPolicy/allowFrom win over the legacy dm.*; pairing by default', () => {
    expect(resolveDiscordDmPolicy({ dm: { policy: 'allowlist', allowFrom: ['1'] } })).toEqual({ policy: 'allowlist', allowFrom: ['1'] });
    expect(resolveDiscordDmPolicy({ dmPolicy: 'open', allowFrom: ['*'], dm: { policy: 'disabled' } })).toEqual({ policy: 'open', allowFrom: ['*'] });
    expect(resolveDiscordDmPolicy({})).toEqual({ policy: 'pairing', allowFrom: [] });
  });
});

describe('resolveDiscordToken', () => {
  test('string tokens (a "Bot " prefix is dropped) and env SecretRefs', () => {
    expect(resolveDiscordToken({ token: ' Bot abc ' }, 'default', {})).toBe('abc');
    expect(resolveDiscordToken({ token: { source: 'env', provider: 'default', id: 'MY_TOKEN' } }, 'ops', { MY_TOKEN: 'xyz' })).toBe('xyz');
  });

  test('DISCORD_BOT_TOKEN serves the default account only', () => {
    expect(resolveDiscordToken({}, 'default', { DISCORD_BOT_TOKEN: 'env' })).toBe('env');
    expect(() => resolveDiscordToken({}, 'ops', { DISCORD_BOT_TOKEN: 'env' })).toThrow(/channels\.discord\.accounts\.ops\.token/);
  });

  test('missing, empty and unsupported sources are LoadSecretErrors that say what to set', () => {
    const cases: Array<[Parameters<typeof resolveDiscordToken>[0], RegExp]> = [
      [{}, /set channels\.discord\.token or DISCORD_BOT_TOKEN/],
      [{ token: '  ' }, /token is empty/],
      [{ token: { source: 'env', provider: 'default', id: 'NOPE' } }, /NOPE is missing/],
      [{ token: { source: 'file', provider: 'vault', id: '/discord' } }, /source "file" is not supported/],
    ];
    for (const [config, message] of cases) {
      let thrown: unknown;
      try {
        resolveDiscordToken(config, 'default', {});
      } catch (error) {
        thrown = error;
      }
      expect(LoadSecretError.isInstance(thrown)).toBe(true);
      expect((thrown as Error).message).toMatch(message);
    }
  });
});

describe('createDiscordChannel config handling', () => {
  test('accepts the gateway-merged account config (section keys ride along); rejects a bad one with a ConfigError', async () => {
    const { createDiscordChannel } = await import('./discord-channel.js');
    const { ConfigError, silentLogger } = await import('@rusty-claw/plugin-sdk');
    const merged = { token: 't', accounts: { ops: { token: 'o' } }, defaultAccount: 'ops', textChunkLimit: 5000 } as never;
    const channel = createDiscordChannel({ accountId: 'default', config: merged, logger: silentLogger });
    expect(channel.capabilities).toMatchObject({ maxMessageLength: 2000, edit: true, typing: true, threads: true, media: true, groupAccess: true });
    let thrown: unknown;
    try {
      createDiscordChannel({ accountId: 'default', config: { token: 't', groupPolicy: 'everyone' } as never, logger: silentLogger });
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as InstanceType<typeof ConfigError>).issues[0]?.path).toBe('groupPolicy');
  });
});
