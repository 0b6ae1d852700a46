import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { checkInboundAccess, type AccessDecision } from './check-inbound-access.js';

function dm(senderId: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  return { channel: 'telegram', accountId: 'default', messageId: '1', chat: { id: senderId, type: 'direct' }, sender: { id: senderId }, text: 'hi', timestamp: 0, ...extra };
}

function group(chatId: string, senderId: string, mentionsBot: boolean, extra: Partial<InboundMessage> = {}): InboundMessage {
  return { channel: 'telegram', accountId: 'default', messageId: '1', chat: { id: chatId, type: 'group' }, sender: { id: senderId }, text: 'hi', mentionsBot, timestamp: 0, ...extra };
}

function decide(config: Record<string, unknown>, message: InboundMessage, paired: string[] = [], channel = 'telegram', defaults?: Record<string, unknown>, channelGatesGroups?: boolean): AccessDecision {
  return checkInboundAccess({ channel, config, message, pairedSenders: paired, ...(defaults ? { defaults } : {}), ...(channelGatesGroups ? { channelGatesGroups } : {}) });
}

describe('checkInboundAccess: direct messages (OpenClaw dmPolicy + allowFrom)', () => {
  it('pairing (the default): configured and paired senders pass, anyone else is asked to pair', () => {
    expect(decide({}, dm('7'))).toEqual({ kind: 'pair' });
    expect(decide({ allowFrom: ['7'] }, dm('7'))).toEqual({ kind: 'allow' });
    expect(decide({ allowFrom: ['telegram:7'] }, dm('7'))).toEqual({ kind: 'allow' });
    expect(decide({ allowFrom: ['tg:7'] }, dm('7'))).toEqual({ kind: 'allow' });
    expect(decide({ dmPolicy: 'pairing' }, dm('7'), ['7'])).toEqual({ kind: 'allow' });
  });

  it('allowlist: only configured senders; pairing approvals do not widen it', () => {
    expect(decide({ dmPolicy: 'allowlist', allowFrom: ['7'] }, dm('7'))).toEqual({ kind: 'allow' });
    expect(decide({ dmPolicy: 'allowlist', allowFrom: ['7'] }, dm('8'), ['8'])).toEqual({ kind: 'drop', reason: 'dm-not-allowlisted' });
    expect(decide({ dmPolicy: 'allowlist' }, dm('8'))).toMatchObject({ kind: 'drop' });
  });

  it('open: public only with "*"; concrete entries still restrict; approvals never widen it', () => {
    expect(decide({ dmPolicy: 'open', allowFrom: ['*'] }, dm('99'))).toEqual({ kind: 'allow' });
    expect(decide({ dmPolicy: 'open', allowFrom: ['7'] }, dm('99'), ['99'])).toEqual({ kind: 'drop', reason: 'dm-open-not-allowlisted' });
    expect(decide({ dmPolicy: 'open', allowFrom: ['7'] }, dm('7'))).toEqual({ kind: 'allow' });
  });

  it('disabled drops every DM, even from an allowlisted sender; bots are always dropped', () => {
    expect(decide({ dmPolicy: 'disabled', allowFrom: ['*'] }, dm('7'))).toEqual({ kind: 'drop', reason: 'dm-disabled' });
    expect(decide({ dmPolicy: 'open', allowFrom: ['*'] }, dm('7', { sender: { id: '7', isBot: true } }))).toEqual({ kind: 'drop', reason: 'sender-is-bot' });
  });

  it('@username entries are not ids and admit nobody; Discord mention wrappers and legacy dm.* keys are read', () => {
    expect(decide({ dmPolicy: 'allowlist', allowFrom: ['@alice'] }, dm('7', { sender: { id: '7', username: 'alice' } }))).toMatchObject({ kind: 'drop' });
    expect(decide({ dm: { policy: 'allowlist', allowFrom: ['<@123>'] } }, dm('123', { channel: 'discord' }), [], 'discord')).toEqual({ kind: 'allow' });
    expect(decide({ dm: { policy: 'disabled' } }, dm('123', { channel: 'slack' }), [], 'slack')).toEqual({ kind: 'drop', reason: 'dm-disabled' });
  });

  it('webchat senders are authenticated by the gateway: open by default', () => {
    expect(decide({}, dm('visitor-1', { channel: 'webchat' }), [], 'webchat')).toEqual({ kind: 'allow' });
  });
});

describe('checkInboundAccess: groups (groupPolicy, allowlists, mention gating)', () => {
  it('the default is allowlist: without any group or sender list every group is blocked', () => {
    expect(decide({}, group('-100', '7', true))).toEqual({ kind: 'drop', reason: 'group-not-allowed' });
  });

  it('a listed group admits any member when no sender list exists; "*" alone needs a sender list', () => {
    expect(decide({ groups: { '-100': {} } }, group('-100', '7', true))).toEqual({ kind: 'allow' });
    expect(decide({ groups: { '-100': {} } }, group('-200', '7', true))).toEqual({ kind: 'drop', reason: 'group-not-allowed' });
    expect(decide({ groups: { '*': {} } }, group('-200', '7', true))).toEqual({ kind: 'drop', reason: 'group-allowlist-empty' });
    expect(decide({ groups: { '*': {} }, allowFrom: ['7'] }, group('-200', '7', true))).toEqual({ kind: 'allow' });
    expect(decide({ groups: { '*': {} }, groupAllowFrom: ['8'], allowFrom: ['7'] }, group('-200', '7', true))).toEqual({ kind: 'drop', reason: 'group-sender-not-allowed' });
  });

  it('pairing approvals never admit anyone to a group', () => {
    expect(decide({ groups: { '*': {} } }, group('-100', '7', true), ['7'])).toEqual({ kind: 'drop', reason: 'group-allowlist-empty' });
  });

  it('groupPolicy open admits any listed group; disabled drops all; a group entry can override the policy', () => {
    expect(decide({ groupPolicy: 'open' }, group('-100', '7', true))).toEqual({ kind: 'allow' });
    expect(decide({ groupPolicy: 'open', groups: { '-100': {} } }, group('-200', '7', true))).toEqual({ kind: 'drop', reason: 'group-not-allowed' });
    expect(decide({ groupPolicy: 'disabled', groups: { '*': {} } }, group('-100', '7', true))).toEqual({ kind: 'drop', reason: 'group-policy-disabled' });
    expect(decide({ groups: { '-100': { groupPolicy: 'disabled' } } }, group('-100', '7', true))).toEqual({ kind: 'drop', reason: 'group-policy-disabled' });
    expect(decide({}, group('-100', '7', true), [], 'telegram', { groupPolicy: 'open' })).toEqual({ kind: 'allow' });
  });

  it('a group’s own allowFrom is enforced; enabled:false drops; topics inherit and override', () => {
    expect(decide({ groupPolicy: 'open', groups: { '-100': { allowFrom: ['8'] } } }, group('-100', '7', true))).toEqual({ kind: 'drop', reason: 'group-sender-not-allowed' });
    expect(decide({ groups: { '-100': { allowFrom: ['7'] } } }, group('-100', '7', true))).toEqual({ kind: 'allow' });
    expect(decide({ groups: { '-100': { enabled: false } } }, group('-100', '7', true))).toEqual({ kind: 'drop', reason: 'group-disabled' });
    const topics = { groups: { '-100': { requireMention: true, topics: { '5': { requireMention: false }, '6': { enabled: false } } } } };
    expect(decide(topics, group('-100', '7', false, { threadId: '5' }))).toEqual({ kind: 'allow' });
    expect(decide(topics, group('-100', '7', false, { threadId: '4' }))).toEqual({ kind: 'drop', reason: 'not-mentioned' });
    expect(decide(topics, group('-100', '7', true, { threadId: '6' }))).toEqual({ kind: 'drop', reason: 'group-disabled' });
  });

  it('mention gating: required by default, configurable per group, per "*" and per account', () => {
    expect(decide({ groups: { '-100': {} } }, group('-100', '7', false))).toEqual({ kind: 'drop', reason: 'not-mentioned' });
    expect(decide({ groups: { '-100': { requireMention: false } } }, group('-100', '7', false))).toEqual({ kind: 'allow' });
    expect(decide({ groups: { '*': { requireMention: false } }, groupAllowFrom: ['*'] }, group('-100', '7', false))).toEqual({ kind: 'allow' });
    expect(decide({ groupPolicy: 'open', requireMention: false }, group('-100', '7', false))).toEqual({ kind: 'allow' });
  });

  it('Discord: guilds.<id>.channels.<id> is the allowlist, users the sender list; no fallback to the DM allowFrom', () => {
    const config = { allowFrom: ['1'], guilds: { G1: { requireMention: false, channels: { C1: { allow: true }, C2: { allow: false } } }, G2: { users: ['9'] } } };
    const at = (chatId: string, guildId: string, sender: string) => group(chatId, sender, false, { channel: 'discord', guildId });
    expect(decide(config, at('C1', 'G1', '5'), [], 'discord')).toEqual({ kind: 'allow' });
    expect(decide(config, at('C2', 'G1', '5'), [], 'discord')).toEqual({ kind: 'drop', reason: 'group-disabled' });
    expect(decide(config, at('C3', 'G1', '5'), [], 'discord')).toEqual({ kind: 'drop', reason: 'group-not-allowed' });
    expect(decide(config, at('C9', 'G2', '5'), [], 'discord')).toEqual({ kind: 'drop', reason: 'group-sender-not-allowed' });
    expect(decide(config, at('C9', 'G2', '9'), [], 'discord')).toEqual({ kind: 'drop', reason: 'not-mentioned' });
    expect(decide(config, at('C1', 'G3', '1'), [], 'discord')).toEqual({ kind: 'drop', reason: 'group-not-allowed' });
  });

  it('Discord: a "*" guild admits every guild; roles count as senders; group DMs are the channel’s business', () => {
    const config = { guilds: { '*': { requireMention: false, roles: ['R1'] } } };
    const at = (sender: string, roles: string[]) => group('C1', sender, false, { channel: 'discord', guildId: 'G9', memberRoleIds: roles });
    expect(decide(config, at('5', ['R1']), [], 'discord')).toEqual({ kind: 'allow' });
    expect(decide(config, at('5', ['R2']), [], 'discord')).toEqual({ kind: 'drop', reason: 'group-sender-not-allowed' });
    expect(decide({}, group('GD1', '5', false, { channel: 'discord' }), [], 'discord')).toEqual({ kind: 'allow' });
  });

  it('a channel that gates groups itself (capabilities.groupAccess) is not second-guessed; its DMs still are', () => {
    expect(decide({}, group('-100', '7', false), [], 'telegram', undefined, true)).toEqual({ kind: 'allow' });
    expect(decide({}, dm('7'), [], 'telegram', undefined, true)).toEqual({ kind: 'pair' });
  });

  it('Slack: channels.<id> (or #name) with users', () => {
    const config = { channels: { C1: { allow: true, requireMention: false }, '#general': { users: ['U2'] } } };
    const at = (chatId: string, sender: string, title?: string) => group(chatId, sender, true, { channel: 'slack', chat: { id: chatId, type: 'channel', ...(title ? { title } : {}) } });
    expect(decide(config, at('C1', 'U1'), [], 'slack')).toEqual({ kind: 'allow' });
    expect(decide(config, at('C7', 'U2', 'general'), [], 'slack')).toEqual({ kind: 'allow' });
    expect(decide(config, at('C7', 'U1', 'general'), [], 'slack')).toEqual({ kind: 'drop', reason: 'group-sender-not-allowed' });
    expect(decide(config, at('C8', 'U1'), [], 'slack')).toEqual({ kind: 'drop', reason: 'group-not-allowed' });
  });
});
