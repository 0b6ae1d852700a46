import { describe, expect, test } from 'vitest';
import { buildMessageEvent } from '../testing/slack-event-builders.js';
import { chatTypeOf, mapSlackMessage, type MapSlackMessageContext } from './map-slack-message.js';

const context: MapSlackMessageContext = {
  accountId: 'work',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  allowBots: false,
  download: () => async () => new Uint8Array([1]),
};

describe('mapSlackMessage', () => {
  test('a channel thread reply keeps chat, thread and sender apart', () => {
    const event = buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U1', text: 'hi <@U0BOT|claw>', ts: '1700000001.000200', threadTs: '1700000000.000100' });
    expect(mapSlackMessage(event, context)).toEqual({
      kind: 'message',
      message: {
        channel: 'slack',
        accountId: 'work',
        messageId: '1700000001.000200',
        chat: { id: 'C1', type: 'channel' },
        threadId: '1700000000.000100',
        replyToMessageId: '1700000000.000100',
        sender: { id: 'U1' },
        text: 'hi @claw',
        mentionsBot: true,
        timestamp: 1_700_000_001_000,
      },
    });
  });

  test('the parent message of a thread (thread_ts === ts) is not "in" the thread', () => {
    const mapped = mapSlackMessage(buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U1', text: 'parent', ts: '5.000001', threadTs: '5.000001' }), context);
    expect(mapped.kind).toBe('message');
    expect(mapped.kind === 'message' ? mapped.message.threadId : 'skipped').toBeUndefined();
  });

  test.each([
    [{ subtype: 'message_changed' }, 'subtype message_changed'],
    [{ subtype: 'message_deleted' }, 'subtype message_deleted'],
    [{ subtype: 'channel_join' }, 'subtype channel_join'],
    [{ user: 'U0BOT' }, 'own message'],
    [{ bot_id: 'B0BOT', user: 'U5' }, 'own message'],
    [{ bot_id: 'B7', subtype: 'bot_message' }, 'message from another bot (allowBots is off)'],
    [{ hidden: true }, 'hidden message'],
    [{ user: undefined }, 'message without a sender'],
  ])('skips %j', (overrides, reason) => {
    const event = { ...buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U1', text: 'x' }), ...overrides };
    expect(mapSlackMessage(event, context)).toEqual({ kind: 'skip', reason });
  });

  test('malformed events are skipped with the reason, never thrown', () => {
    const mapped = mapSlackMessage({ type: 'message', channel: 5, ts: 'soon' }, context);
    expect(mapped.kind).toBe('skip');
    expect(mapped.kind === 'skip' && mapped.reason).toMatch(/^malformed message event: channel: .*; ts: /);
    expect(mapSlackMessage(null, context).kind).toBe('skip');
    expect(mapSlackMessage('text', context).kind).toBe('skip');
  });

  test('files become attachments by MIME type (voice clips as voice); files without a URL are left out', () => {
    const file = (id: string, mimetype: string, extra: Record<string, unknown> = {}) => ({ id, name: `${id}.bin`, mimetype, size: 3, url_private: `https://files.slack.com/${id}`, url_private_download: `https://files.slack.com/${id}?d`, ...extra });
    const event = buildMessageEvent({
      channel: 'D1',
      channelType: 'im',
      user: 'U1',
      text: '',
      files: [file('F1', 'image/jpeg'), file('F2', 'audio/webm', { subtype: 'slack_audio' }), file('F3', 'audio/mpeg'), file('F4', 'video/mp4'), file('F5', 'application/pdf'), { id: 'F6', mode: 'tombstone' }] as never,
    });
    const mapped = mapSlackMessage(event, context);
    expect(mapped.kind === 'message' && mapped.message.attachments?.map((attachment) => [attachment.kind, attachment.fileName, attachment.sizeBytes])).toEqual([
      ['image', 'F1.bin', 3],
      ['voice', 'F2.bin', 3],
      ['audio', 'F3.bin', 3],
      ['video', 'F4.bin', 3],
      ['document', 'F5.bin', 3],
    ]);
    expect(mapped.kind === 'message' && mapped.message.mentionsBot).toBeUndefined();
  });

  test('chat types follow OpenClaw: im → direct, mpim → group, channels and private channels → channel', () => {
    expect(chatTypeOf('im', 'D1')).toBe('direct');
    expect(chatTypeOf('mpim', 'G1')).toBe('group');
    expect(chatTypeOf('channel', 'C1')).toBe('channel');
    expect(chatTypeOf('group', 'G2')).toBe('channel');
    expect(chatTypeOf(undefined, 'D9')).toBe('direct');
    expect(chatTypeOf(undefined, 'C9')).toBe('channel');
  });
});
