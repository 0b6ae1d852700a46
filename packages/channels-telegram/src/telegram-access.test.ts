import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, test } from 'vitest';
import { evaluateTelegramAccess, normalizeTelegramAllowFrom } from './telegram-access.js';
import { telegramConfigSchema } from './telegram-config-schema.js';
import { TelegramHarness } from './test-support/telegram-test-harness.js';

const config = (input: Record<string, unknown>) => telegramConfigSchema.parse(input);
const group = (fields: Partial<InboundMessage> & { senderId?: string } = {}): InboundMessage => ({
  channel: 'telegram',
  accountId: 'default',
  messageId: '1',
  chat: { id: '-100', type: 'group' },
  sender: { id: fields.senderId ?? '42' },
  text: 'hi',
  mentionsBot: true,
  timestamp: 1,
  ...fields,
});

describe('evaluateTelegramAccess', () => {
  test('DMs pass to the router unless dmPolicy is disabled', () => {
    const dm = group({ chat: { id: '42', type: 'direct' } });
    expect(evaluateTelegramAccess(config({ dmPolicy: 'pairing' }), dm)).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(config({ dmPolicy: 'allowlist', allowFrom: ['7'] }), dm)).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(config({ dmPolicy: 'disabled' }), dm)).toMatchObject({ allowed: false, reason: expect.stringContaining('dmPolicy') });
  });

  test('default (groupPolicy allowlist, no groups): every group is blocked (fail closed)', () => {
    expect(evaluateTelegramAccess(config({ allowFrom: ['42'] }), group())).toMatchObject({ allowed: false, reason: expect.stringContaining('no groups are allowed') });
    expect(evaluateTelegramAccess(config({ groupPolicy: 'open' }), group())).toEqual({ allowed: true });
  });

  test('groups is an allowlist of chat ids (or "*"); senders per groupAllowFrom → allowFrom', () => {
    const owner = config({ allowFrom: ['tg:42'], groups: { '-100': {} } });
    expect(evaluateTelegramAccess(owner, group())).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(owner, group({ chat: { id: '-200', type: 'group' } }))).toMatchObject({ allowed: false, reason: expect.stringContaining('not in channels.telegram.groups') });
    expect(evaluateTelegramAccess(owner, group({ senderId: '43' }))).toMatchObject({ allowed: false, reason: expect.stringContaining('allowlist') });
    const members = config({ allowFrom: ['42'], groupAllowFrom: ['*'], groups: { '*': {} } });
    expect(evaluateTelegramAccess(members, group({ senderId: '43', chat: { id: '-300', type: 'group' } }))).toEqual({ allowed: true });
  });

  test('per-group and per-topic overrides: groupPolicy, allowFrom, enabled, requireMention', () => {
    const settings = config({
      groups: {
        '*': { requireMention: false },
        '-100': { groupPolicy: 'open', topics: { '7': { requireMention: true }, '8': { enabled: false }, '9': { groupPolicy: 'allowlist', allowFrom: ['5'] } } },
        '-200': { allowFrom: ['telegram:9'] },
        '-300': { groupPolicy: 'disabled' },
      },
    });
    expect(evaluateTelegramAccess(settings, group({ mentionsBot: false }))).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(settings, group({ threadId: '7', mentionsBot: false }))).toMatchObject({ allowed: false, reason: expect.stringContaining('requireMention') });
    expect(evaluateTelegramAccess(settings, group({ threadId: '7' }))).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(settings, group({ threadId: '8' }))).toMatchObject({ allowed: false, reason: expect.stringContaining('disabled') });
    expect(evaluateTelegramAccess(settings, group({ threadId: '9' }))).toMatchObject({ allowed: false });
    expect(evaluateTelegramAccess(settings, group({ threadId: '9', senderId: '5' }))).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(settings, group({ chat: { id: '-200', type: 'group' }, senderId: '9' }))).toEqual({ allowed: true });
    expect(evaluateTelegramAccess(settings, group({ chat: { id: '-300', type: 'group' } }))).toMatchObject({ allowed: false });
  });

  test('requireMention defaults to true', () => {
    const settings = config({ groupPolicy: 'open', groups: { '-100': { groupPolicy: 'open' } } });
    expect(evaluateTelegramAccess(settings, group({ mentionsBot: false }))).toMatchObject({ allowed: false });
    expect(evaluateTelegramAccess(settings, group({ mentionsBot: true }))).toEqual({ allowed: true });
  });

  test('normalizeTelegramAllowFrom keeps numeric ids and "*", strips prefixes, ignores usernames', () => {
    expect(normalizeTelegramAllowFrom(['telegram:1', 'TG:2', 3, '@someone', ' 4 ', '*'])).toEqual(['1', '2', '3', '4', '*']);
  });
});

describe('access rules end to end', () => {
  let harness: TelegramHarness | undefined;
  afterEach(async () => {
    await harness?.close();
  });

  test("OpenClaw's quick-start config: only mentions in the listed group from the owner reach onInbound", async () => {
    harness = await new TelegramHarness().start();
    const channel = harness.channel({ dmPolicy: 'pairing', allowFrom: ['61'], groupPolicy: 'allowlist', groups: { '-100500': { requireMention: true } } });
    const run = await harness.run(channel);
    harness.fake.injectMessage({ chatId: -100500, fromId: 61, text: 'not mentioned' });
    harness.fake.injectMessage({ chatId: -100500, fromId: 99, text: 'stranger', mentionBot: true });
    harness.fake.injectMessage({ chatId: -100999, fromId: 61, text: 'other group', mentionBot: true });
    harness.fake.injectMessage({ chatId: -100500, fromId: 61, text: 'owner asks', mentionBot: true });
    harness.fake.injectMessage({ chatId: 99, fromId: 99, text: 'dm for pairing' });
    await run.waitFor((all) => all.some((message) => message.text === 'dm for pairing'));
    expect(run.inbound.map((message) => message.text)).toEqual(['@rusty_test_bot owner asks', 'dm for pairing']);
    await harness.waitForStatus(channel, () => harness?.fake.pendingUpdateIds().length === 0);
    // Because it filtered groups itself, the channel tells the gateway router not to check them again.
    expect(channel.capabilities.groupAccess).toBe(true);
  });
});
