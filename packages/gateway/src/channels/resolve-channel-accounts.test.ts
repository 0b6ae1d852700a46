import { validateConfig } from '@rusty-claw/core';
import { describe, expect, it } from 'vitest';
import { configuredChannelNames, resolveChannelAccounts } from './resolve-channel-accounts.js';

const config = (channels: Record<string, unknown>) => validateConfig({ channels }).config;

describe('resolveChannelAccounts', () => {
  it('a channel block without accounts is the default account; channels.defaults is not a channel', () => {
    const cfg = config({ telegram: { botToken: 't', dmPolicy: 'open' }, defaults: { groupPolicy: 'open' } });
    expect(configuredChannelNames(cfg)).toEqual(['telegram']);
    expect(resolveChannelAccounts(cfg, 'telegram')).toEqual([{ channel: 'telegram', accountId: 'default', config: { botToken: 't', dmPolicy: 'open' }, enabled: true }]);
  });

  it('accounts inherit the channel-level keys they do not set; ids are normalised; enabled:false at either level disables', () => {
    const cfg = config({
      telegram: { allowFrom: ['1'], dmPolicy: 'allowlist', accounts: { Work: { botToken: 'w', name: 'Work bot' }, home: { botToken: 'h', allowFrom: ['2'], enabled: false } } },
      slack: { enabled: false },
    });
    const accounts = resolveChannelAccounts(cfg, 'telegram');
    expect(accounts.map((account) => [account.accountId, account.enabled, account.config['allowFrom'], account.config['botToken']])).toEqual([
      ['work', true, ['1'], 'w'],
      ['home', false, ['2'], 'h'],
    ]);
    expect(accounts[0]?.name).toBe('Work bot');
    expect(resolveChannelAccounts(cfg, 'slack')[0]?.enabled).toBe(false);
    expect(resolveChannelAccounts(cfg, 'discord')).toEqual([]);
  });
});
