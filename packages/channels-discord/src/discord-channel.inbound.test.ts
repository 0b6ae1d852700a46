import { ChannelError } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, test } from 'vitest';
import {
  BOT_ID, DM_ID, GENERAL_ID, GUILD_ID, OTHER_USER_ID, RANDOM_ID, ROLE_ID, THREAD_ID, USER_ID,
  sleep, startConnected, waitFor, type Harness, type HarnessOptions,
} from './test-support/discord-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function connected(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startConnected(options);
  return harness;
}

const openGuild = { guilds: { '*': { requireMention: false } } };

describe('discord inbound', () => {
  test('a DM arrives as a direct chat with sender, text, id and timestamp; no mentionsBot', async () => {
    const h = await connected();
    const sent = h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID, username: 'alice' }, content: 'hello **bot**' });
    await waitFor(() => h.inbound.length === 1);
    expect(h.inbound[0]).toEqual({
      channel: 'discord',
      accountId: 'default',
      messageId: sent.id,
      chat: { id: DM_ID, type: 'direct' },
      sender: { id: USER_ID, username: 'alice', displayName: 'alice' },
      text: 'hello **bot**',
      timestamp: Date.parse(sent.timestamp),
    });
    expect(h.channel.status().lastInboundAt).toBeGreaterThan(0);
  });

  test('a thread message: the parent channel is the chat, the thread is threadId; the mention is stripped', async () => {
    const h = await connected();
    h.fake.injectMessage({ channelId: THREAD_ID, author: { id: USER_ID }, content: `<@${BOT_ID}> what about <#${RANDOM_ID}> and <@&${ROLE_ID}>?`, mentions: [BOT_ID], memberRoles: [ROLE_ID] });
    await waitFor(() => h.inbound.length === 1);
    expect(h.inbound[0]).toMatchObject({
      chat: { id: GENERAL_ID, type: 'group', title: 'general' },
      threadId: THREAD_ID,
      guildId: GUILD_ID,
      memberRoleIds: [ROLE_ID],
      sender: { id: USER_ID },
      text: 'what about #random and @mods?',
      mentionsBot: true,
    });
  });

  test('a thread the client never cached is resolved over REST (GET /channels/{id})', async () => {
    const h = await connected();
    h.fake.state.channels.set('300000000000000099', { id: '300000000000000099', type: 11, name: 'late thread', parent_id: RANDOM_ID, guild_id: GUILD_ID });
    h.fake.injectMessage({ channelId: '300000000000000099', author: { id: USER_ID }, content: `<@${BOT_ID}> hi`, mentions: [BOT_ID] });
    await waitFor(() => h.inbound.length === 1);
    expect(h.inbound[0]).toMatchObject({ chat: { id: RANDOM_ID }, threadId: '300000000000000099' });
    expect(h.fake.calls.some((call) => call.method === 'GET' && call.path === '/channels/300000000000000099')).toBe(true);
  });

  test('a reply to one of the bot\'s messages counts as a mention', async () => {
    const h = await connected({ config: openGuild });
    const [botMessage] = await h.channel.send({ chatId: GENERAL_ID }, { text: 'I said something' });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: USER_ID }, content: 'and I answer', replyTo: botMessage?.messageId as string });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: USER_ID }, content: 'unrelated' });
    await waitFor(() => h.inbound.length === 2);
    expect(h.inbound[0]).toMatchObject({ text: 'and I answer', mentionsBot: true, replyToMessageId: botMessage?.messageId });
    expect(h.inbound[1]).toMatchObject({ text: 'unrelated', mentionsBot: false });
  });

  test("the bot's own messages, system messages and other bots are not delivered", async () => {
    const h = await connected({ config: openGuild });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: BOT_ID }, content: 'my own echo' });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: USER_ID }, content: '', type: 7 }); // member join
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: '700000000000000001', bot: true }, content: 'beep' });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: USER_ID }, content: 'marker' });
    await waitFor(() => h.inbound.length >= 1);
    await sleep(150);
    expect(h.inbound.map((message) => message.text)).toEqual(['marker']);
  });

  test('guild access: allowlist drops unlisted guilds, requireMention drops unmentioned messages', async () => {
    const h = await connected({ config: { groupPolicy: 'allowlist', guilds: { [GUILD_ID]: { channels: { general: { requireMention: true } } } } } });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: USER_ID }, content: 'no mention' });
    h.fake.injectMessage({ channelId: RANDOM_ID, author: { id: USER_ID }, content: `<@${BOT_ID}> unlisted channel`, mentions: [BOT_ID] });
    h.fake.injectMessage({ channelId: GENERAL_ID, author: { id: USER_ID }, content: `<@${BOT_ID}> listed`, mentions: [BOT_ID] });
    await waitFor(() => h.inbound.length >= 1);
    await sleep(150);
    expect(h.inbound.map((message) => message.text)).toEqual(['listed']);
    expect(h.logs.some((entry) => entry.level === 'debug' && entry.fields['reason'] === 'not mentioned (requireMention)')).toBe(true);
  });

  test('attachments: metadata inbound, bytes downloaded from the CDN through the channel', async () => {
    const h = await connected();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const voice = new Uint8Array([0x4f, 0x67, 0x67, 0x53]);
    h.fake.injectMessage({
      channelId: DM_ID,
      author: { id: USER_ID },
      content: '',
      flags: 1 << 13,
      attachments: [
        { filename: 'cat.png', contentType: 'image/png', data: png },
        { filename: 'voice-message.ogg', contentType: 'audio/ogg', data: voice },
        { filename: 'notes.pdf', contentType: 'application/pdf', data: new Uint8Array([1]) },
      ],
    });
    await waitFor(() => h.inbound.length === 1);
    const [message] = h.inbound;
    expect(message?.text).toBe('');
    expect(message?.attachments?.map((attachment) => [attachment.kind, attachment.mimeType, attachment.fileName, attachment.sizeBytes])).toEqual([
      ['image', 'image/png', 'cat.png', 7],
      ['voice', 'audio/ogg', 'voice-message.ogg', 4],
      ['document', 'application/pdf', 'notes.pdf', 1],
    ]);
    expect(await message?.attachments?.[0]?.download()).toEqual(png);
    expect(await message?.attachments?.[1]?.download()).toEqual(voice);
  });

  test('an attachment URL off the CDN is refused (no arbitrary fetches), and mediaMaxMb caps downloads', async () => {
    const h = await connected({ config: { mediaMaxMb: 0.000_005 } }); // 5 bytes
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', data: new Uint8Array(64) }] });
    h.fake.dispatch('MESSAGE_CREATE', {
      ...h.fake.state.buildMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'evil' }),
      attachments: [{ id: '1', filename: 'x', size: 1, url: 'http://169.254.169.254/latest/meta-data', proxy_url: 'x' }],
    });
    await waitFor(() => h.inbound.length === 2);
    const tooBig = h.inbound[0]?.attachments?.[0]?.download();
    await expect(tooBig).rejects.toSatisfy((error) => ChannelError.isInstance(error) && error.code === 'ATTACHMENT_TOO_LARGE');
    const evil = h.inbound[1]?.attachments?.[0]?.download();
    await expect(evil).rejects.toSatisfy((error) => ChannelError.isInstance(error) && error.code === 'ATTACHMENT_URL_REFUSED');
  });

  test('malformed and unknown gateway events are logged and skipped; the channel keeps working', async () => {
    const h = await connected();
    h.fake.dispatch('MESSAGE_CREATE', null);
    h.fake.dispatch('MESSAGE_CREATE', { id: 'not-a-snowflake', channel_id: DM_ID });
    h.fake.dispatch('MESSAGE_CREATE', { id: '1', channel_id: DM_ID, author: { id: USER_ID }, content: 42, timestamp: 'x' });
    h.fake.dispatch('SOMETHING_NEW', { whatever: true });
    h.fake.dispatch('GUILD_CREATE', 'garbage');
    h.fake.gateway.sendRaw('{not json');
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'still alive' });
    await waitFor(() => h.inbound.length === 1);
    expect(h.inbound[0]?.text).toBe('still alive');
    const warnings = h.logs.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
    expect(warnings.filter((message) => message.startsWith('discord: malformed'))).toHaveLength(4);
    expect(h.channel.status().connected).toBe(true);
  });

  test('a huge message (Discord allows 4000 characters with Nitro) arrives whole', async () => {
    const h = await connected();
    const text = 'x'.repeat(3990) + ' end';
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: text });
    await waitFor(() => h.inbound.length === 1);
    expect(h.inbound[0]?.text).toBe(text);
  });

  test('a rejected onInbound is retried with backoff and logged; later messages of the chat wait their turn', async () => {
    const h = await connected();
    let failures = 0;
    h.onInbound = async (message) => {
      if (message.text === 'first' && failures < 2) {
        failures += 1;
        throw new Error('store down');
      }
    };
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'first' });
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'second' });
    h.fake.injectMessage({ channelId: '500000000000000002', author: { id: OTHER_USER_ID }, content: 'other chat' });
    await waitFor(() => h.inbound.filter((message) => message.text === 'second').length === 1);
    const order = h.inbound.map((message) => message.text).filter((text) => text !== 'other chat');
    expect(order).toEqual(['first', 'first', 'first', 'second']);
    const retries = h.logs.filter((entry) => entry.message === 'discord: inbound message not stored; retrying');
    expect(retries).toHaveLength(2);
    expect(retries[0]?.fields).toMatchObject({ attempt: 1, error: 'store down' });
  });

  test('after maxAttempts the message is logged as lost, and a redelivery of it is not treated as a duplicate', async () => {
    const h = await connected();
    let accept = false;
    h.onInbound = async () => {
      if (!accept) throw new Error('store down');
    };
    const lost = h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'doomed' });
    await waitFor(() => h.logs.some((entry) => entry.level === 'error' && entry.message.includes('inbound message lost')));
    expect(h.inbound).toHaveLength(4); // FAST_TUNING.inboundRetry.maxAttempts
    accept = true;
    h.fake.dispatch('MESSAGE_CREATE', lost); // e.g. replayed by a RESUME
    await waitFor(() => h.inbound.length === 5);
  });

  test('events missed while disconnected are replayed on RESUME; replays of seen events are deduplicated', async () => {
    const h = await connected();
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'one' });
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'two' });
    await waitFor(() => h.inbound.length === 2);
    h.fake.gateway.replayOnResume(2); // Discord redelivers 'one' and 'two' again
    h.fake.gateway.closeConnection(4000);
    await waitFor(() => !h.fake.gateway.live);
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'three' }); // sent while disconnected
    await waitFor(() => h.inbound.length === 3);
    await sleep(150);
    expect(h.inbound.map((message) => message.text)).toEqual(['one', 'two', 'three']);
    expect(h.fake.gateway.resumeCount).toBe(1);
    expect(h.fake.gateway.identifyCount).toBe(1);
    expect(h.logs.filter((entry) => entry.message === 'discord: duplicate message delivery dropped')).toHaveLength(2);
  });
});
