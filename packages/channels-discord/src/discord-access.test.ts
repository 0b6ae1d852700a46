import { describe, expect, test } from 'vitest';
import { discordSlug, evaluateDiscordAccess, type DiscordAccessInput } from './discord-access.js';
import type { DiscordAccountConfig } from './discord-config-schema.js';

const guildMessage = (overrides: Partial<DiscordAccessInput> = {}): DiscordAccessInput => ({
  kind: 'guild',
  guildId: 'g1',
  guildName: 'My Server',
  channelId: 'c1',
  channelName: 'general',
  senderId: 'u1',
  senderRoles: [],
  senderIsBot: false,
  mentionsBot: true,
  mentionsOthers: false,
  ...overrides,
});
const allowed = (config: DiscordAccountConfig, input: DiscordAccessInput) => evaluateDiscordAccess(config, input).allowed;

describe('evaluateDiscordAccess', () => {
  test('groupPolicy: allowlist (the default) needs the guild listed by id, slug or "*"; disabled drops all; open admits', () => {
    expect(evaluateDiscordAccess({}, guildMessage())).toEqual({ allowed: false, reason: 'guild g1 is not in channels.discord.guilds' });
    expect(allowed({ guilds: { g1: {} } }, guildMessage())).toBe(true);
    expect(allowed({ guilds: { 'my-server': {} } }, guildMessage())).toBe(true);
    expect(allowed({ guilds: { '*': {} } }, guildMessage())).toBe(true);
    expect(allowed({ groupPolicy: 'disabled', guilds: { g1: {} } }, guildMessage())).toBe(false);
    expect(allowed({ groupPolicy: 'open' }, guildMessage())).toBe(true);
  });

  test('a guild that lists channels admits only those (id, name/slug or "*"); enabled: false closes one', () => {
    const config: DiscordAccountConfig = { guilds: { g1: { channels: { '#General': {}, c9: { enabled: false } } } } };
    expect(allowed(config, guildMessage())).toBe(true);
    expect(allowed(config, guildMessage({ channelId: 'c2', channelName: 'random' }))).toBe(false);
    expect(allowed(config, guildMessage({ channelId: 'c9', channelName: 'nine' }))).toBe(false);
    expect(allowed({ guilds: { g1: { channels: { '*': {} } } } }, guildMessage({ channelId: 'c2' }))).toBe(true);
  });

  test('users OR roles allowlists, the channel one before the guild one', () => {
    const config: DiscordAccountConfig = { guilds: { g1: { users: ['u1'], roles: ['r1'], channels: { general: { users: ['u3'] }, other: {} } } } };
    expect(allowed(config, guildMessage())).toBe(false); // the channel's list replaces the guild's
    expect(allowed(config, guildMessage({ senderId: 'u3' }))).toBe(true);
    expect(allowed(config, guildMessage({ channelName: 'other', channelId: 'c5', senderId: 'u2', senderRoles: ['r1'] }))).toBe(true);
    expect(allowed(config, guildMessage({ channelName: 'other', channelId: 'c5', senderId: 'u2' }))).toBe(false);
  });

  test('requireMention defaults to true; the channel setting wins over the guild one; ignoreOtherMentions', () => {
    expect(evaluateDiscordAccess({ groupPolicy: 'open' }, guildMessage({ mentionsBot: false }))).toEqual({ allowed: false, reason: 'not mentioned (requireMention)' });
    const config: DiscordAccountConfig = { guilds: { g1: { requireMention: false, ignoreOtherMentions: true, channels: { general: { requireMention: true }, chat: {} } } } };
    expect(allowed(config, guildMessage({ mentionsBot: false }))).toBe(false);
    expect(allowed(config, guildMessage({ channelName: 'chat', channelId: 'c7', mentionsBot: false }))).toBe(true);
    expect(allowed(config, guildMessage({ channelName: 'chat', channelId: 'c7', mentionsBot: false, mentionsOthers: true }))).toBe(false);
  });

  test('DMs: only dmPolicy "disabled" or dm.enabled false drop here (pairing and allowlists are the router\'s)', () => {
    const dm = guildMessage({ kind: 'dm', guildId: undefined, mentionsBot: false });
    expect(allowed({}, dm)).toBe(true);
    expect(allowed({ dmPolicy: 'allowlist', allowFrom: ['someone-else'] }, dm)).toBe(true);
    expect(allowed({ dmPolicy: 'disabled' }, dm)).toBe(false);
    expect(allowed({ dm: { enabled: false } }, dm)).toBe(false);
  });

  test('group DMs need dm.groupEnabled, and a listed channel when dm.groupChannels is set', () => {
    const groupDm = guildMessage({ kind: 'group-dm', guildId: undefined, channelId: 'gd1' });
    expect(allowed({}, groupDm)).toBe(false);
    expect(allowed({ dm: { groupEnabled: true } }, groupDm)).toBe(true);
    expect(allowed({ dm: { groupEnabled: true, groupChannels: ['gd2'] } }, groupDm)).toBe(false);
  });

  test('bots only with allowBots; "mentions" admits a bot that mentions us', () => {
    const bot = guildMessage({ senderIsBot: true, mentionsBot: false });
    const config: DiscordAccountConfig = { groupPolicy: 'open', guilds: { '*': { requireMention: false } } };
    expect(allowed(config, bot)).toBe(false);
    expect(allowed({ ...config, allowBots: true }, bot)).toBe(true);
    expect(allowed({ ...config, allowBots: 'mentions' }, bot)).toBe(false);
    expect(allowed({ ...config, allowBots: 'mentions' }, { ...bot, mentionsBot: true })).toBe(true);
  });

  test('discordSlug', () => {
    expect(discordSlug('#Dev Chat!')).toBe('dev-chat');
    expect(discordSlug('  My   Server ')).toBe('my-server');
  });
});
