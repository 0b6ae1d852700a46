import { describe, expect, test } from 'vitest';
import { mapTelegramUpdate, mentionsBot, type MapTelegramUpdateContext } from './map-telegram-update.js';

const bot = { id: 777, username: 'rusty_bot' };
const context: MapTelegramUpdateContext = { accountId: 'work', bot, download: async (fileId) => new TextEncoder().encode(fileId) };
const base = { message_id: 10, date: 1_700_000_000 };
const user = { id: 42, is_bot: false, first_name: 'Ada', last_name: 'L', username: 'ada' };

const message = (fields: Record<string, unknown>) => mapTelegramUpdate({ update_id: 5, message: { ...base, from: user, ...fields } }, context);

describe('mapTelegramUpdate', () => {
  test('a private message keeps chat and sender apart', () => {
    const mapped = message({ chat: { id: 42, type: 'private', first_name: 'Ada' }, text: 'hi' });
    expect(mapped).toEqual({
      kind: 'message',
      updateId: 5,
      message: {
        channel: 'telegram',
        accountId: 'work',
        messageId: '10',
        chat: { id: '42', type: 'direct' },
        sender: { id: '42', username: 'ada', displayName: 'Ada L' },
        text: 'hi',
        timestamp: 1_700_000_000_000,
      },
    });
  });

  test('a forum topic message carries threadId; the topic root is not a reply', () => {
    const mapped = message({
      chat: { id: -100123, type: 'supergroup', title: 'Team', is_forum: true },
      message_thread_id: 7,
      is_topic_message: true,
      reply_to_message: { message_id: 7, date: 1, chat: { id: -100123, type: 'supergroup' }, forum_topic_created: { name: 'Dev' }, from: { id: 777, is_bot: true, first_name: 'R' } },
      text: 'in topic',
    });
    expect(mapped.kind === 'message' && mapped.message).toMatchObject({ chat: { id: '-100123', type: 'group', title: 'Team' }, threadId: '7', mentionsBot: false });
    expect(mapped.kind === 'message' && mapped.message.replyToMessageId).toBeUndefined();
  });

  test('a reply-thread id in a non-forum group is not a thread', () => {
    const mapped = message({ chat: { id: -5, type: 'group', title: 'G' }, message_thread_id: 3, text: 'x' });
    expect(mapped.kind === 'message' && mapped.message.threadId).toBeUndefined();
  });

  test('mentionsBot: @mention entity, bot_command@bot, text_mention, reply to the bot, bare handle', () => {
    const group = { chat: { id: -1, type: 'supergroup', title: 'G' } };
    const cases: Array<[Record<string, unknown>, boolean]> = [
      [{ text: '@Rusty_Bot hello', entities: [{ type: 'mention', offset: 0, length: 10 }] }, true],
      [{ text: '@other_bot hello', entities: [{ type: 'mention', offset: 0, length: 10 }] }, false],
      [{ text: '/help@rusty_bot', entities: [{ type: 'bot_command', offset: 0, length: 15 }] }, true],
      [{ text: 'hey Rusty', entities: [{ type: 'text_mention', offset: 4, length: 5, user: { id: 777 } }] }, true],
      [{ text: 'yes', reply_to_message: { message_id: 9, date: 1, chat: { id: -1, type: 'supergroup' }, from: { id: 777, is_bot: true, first_name: 'R' } } }, true],
      [{ text: 'ping @rusty_bot!' }, true],
      [{ text: 'mail me at x@rusty_bot.com' }, false],
      [{ text: 'just talking' }, false],
    ];
    for (const [fields, expected] of cases) {
      const mapped = message({ ...group, ...fields });
      expect(mapped.kind === 'message' && mapped.message.mentionsBot, JSON.stringify(fields)).toBe(expected);
    }
  });

  test('entity offsets count UTF-16 units (emoji before the mention)', () => {
    expect(mentionsBot('👋 @rusty_bot', [{ type: 'mention', offset: 3, length: 10 }], bot)).toBe(true);
  });

  test('channel posts use sender_chat and map to chat type channel', () => {
    const mapped = mapTelegramUpdate({ update_id: 1, channel_post: { ...base, chat: { id: -1009, type: 'channel', title: 'News' }, sender_chat: { id: -1009, type: 'channel', title: 'News' }, text: 'post' } }, context);
    expect(mapped.kind === 'message' && mapped.message).toMatchObject({ chat: { id: '-1009', type: 'channel' }, sender: { id: '-1009', displayName: 'News' }, mentionsBot: false });
  });

  test('media: the largest photo size, voice, document with name and type; caption as text', async () => {
    const mapped = message({
      chat: { id: 42, type: 'private' },
      caption: 'look',
      photo: [
        { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 100 },
        { file_id: 'large', file_unique_id: 'l', width: 1280, height: 960, file_size: 90_000 },
      ],
    });
    if (mapped.kind !== 'message') throw new Error('expected a message');
    expect(mapped.message.text).toBe('look');
    const [image] = mapped.message.attachments ?? [];
    expect(image).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', sizeBytes: 90_000 });
    expect(new TextDecoder().decode(await image?.download())).toBe('large');
    const voice = message({ chat: { id: 42, type: 'private' }, voice: { file_id: 'v', file_unique_id: 'v', duration: 2, mime_type: 'audio/ogg', file_size: 10 } });
    expect(voice.kind === 'message' && voice.message.attachments?.[0]).toMatchObject({ kind: 'voice', mimeType: 'audio/ogg' });
    const document = message({ chat: { id: 42, type: 'private' }, document: { file_id: 'd', file_unique_id: 'd', file_name: 'report.pdf', mime_type: 'application/pdf' } });
    expect(document.kind === 'message' && document.message.attachments?.[0]).toMatchObject({ kind: 'document', fileName: 'report.pdf', mimeType: 'application/pdf' });
  });

  test('skips: the bot itself, service messages, edits, unknown kinds, malformed updates — never throws', () => {
    const chat = { id: 42, type: 'private' };
    expect(message({ chat, from: { id: 777, is_bot: true, first_name: 'R' }, text: 'echo' })).toMatchObject({ kind: 'skip', level: 'debug' });
    expect(message({ chat, new_chat_members: [user] })).toMatchObject({ kind: 'skip', reason: 'service message or unsupported content' });
    expect(mapTelegramUpdate({ update_id: 2, edited_message: { ...base, chat, text: 'x' } }, context)).toMatchObject({ kind: 'skip', level: 'debug' });
    expect(mapTelegramUpdate({ update_id: 3, future_thing: {} }, context)).toMatchObject({ kind: 'skip', updateId: 3, level: 'warn', reason: 'unknown update kind future_thing' });
    const malformed: unknown[] = [
      null,
      'string',
      [],
      { message: { ...base, chat, text: 'no id' } },
      { update_id: -1, message: {} },
      { update_id: 4, message: 'text' },
      { update_id: 4, message: { ...base, text: 'no chat' } },
      { update_id: 4, message: { ...base, chat: { id: 'x', type: 'private' }, text: 'bad id' } },
      { update_id: 4, message: { ...base, chat: { id: 1, type: 'weird' }, text: 't' } },
      { update_id: 4, message: { message_id: 1, chat, text: 'no date' } },
      { update_id: 4, message: { ...base, chat: { id: -1, type: 'group' }, text: 'no sender' } },
    ];
    for (const update of malformed) expect(mapTelegramUpdate(update, context), JSON.stringify(update)).toMatchObject({ kind: 'skip', level: 'warn' });
  });
});
