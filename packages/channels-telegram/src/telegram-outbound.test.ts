import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TelegramHarness } from './test-support/telegram-test-harness.js';

let harness: TelegramHarness;
beforeEach(async () => {
  harness = await new TelegramHarness().start();
});
afterEach(async () => {
  await harness.close();
});

async function started(config: Record<string, unknown> = {}) {
  const channel = harness.channel(config);
  await harness.run(channel);
  return channel;
}

describe('outbound through grammY to the fake Bot API', () => {
  test('Markdown becomes Telegram HTML with correct escaping, in the right chat', async () => {
    const channel = await started();
    const [sent] = await channel.send({ chatId: '5001' }, { text: '**Done**: `a < b` & <tags> are *fine*' });
    const call = harness.fake.callsTo('sendMessage')[0];
    expect(call?.params).toMatchObject({ chat_id: '5001', parse_mode: 'HTML', text: '<b>Done</b>: <code>a &lt; b</code> &amp; &lt;tags&gt; are <i>fine</i>' });
    expect(call?.params['message_thread_id']).toBeUndefined();
    expect(harness.fake.messages.sent[0]?.text).toBe('Done: a < b & <tags> are fine');
    expect(sent).toEqual({ chatId: '5001', messageId: String(harness.fake.messages.sent[0]?.messageId) });
    expect(channel.status().lastOutboundAt).toBeGreaterThan(0);
  });

  test('replies go to the forum topic and quote the original on the first chunk only', async () => {
    const channel = await started();
    const text = Array.from({ length: 3 }, (_, index) => `Part ${index} `.repeat(500)).join('\n\n');
    const sent = await channel.send({ chatId: '-100777', threadId: '42', replyToMessageId: '9' }, { text });
    expect(sent.length).toBeGreaterThan(1);
    const calls = harness.fake.callsTo('sendMessage');
    expect(calls.every((call) => call.params['message_thread_id'] === 42 && call.params['chat_id'] === '-100777')).toBe(true);
    expect(calls[0]?.params['reply_parameters']).toEqual({ message_id: 9, allow_sending_without_reply: true });
    expect(calls.slice(1).every((call) => call.params['reply_parameters'] === undefined)).toBe(true);
  });

  test('the General topic (thread 1) is addressed without message_thread_id', async () => {
    const channel = await started();
    await channel.send({ chatId: '-100777', threadId: '1' }, { text: 'general' });
    expect(harness.fake.callsTo('sendMessage')[0]?.params['message_thread_id']).toBeUndefined();
  });

  test('a long reply with a code block is chunked under 4096 without splitting the fence', async () => {
    const channel = await started();
    const code = Array.from({ length: 400 }, (_, index) => `let v${index} = ${index} < limit && ready;`).join('\n');
    const text = `Intro paragraph.\n\n\`\`\`js\n${code}\n\`\`\`\n\nClosing words.`;
    const sent = await channel.send({ chatId: '5001' }, { text });
    expect(sent.length).toBeGreaterThan(3);
    const messages = harness.fake.messages.sent;
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(4096);
      expect(message.raw.length).toBeLessThanOrEqual(4000); // textChunkLimit default, measured on the HTML
    }
    const codeMessages = messages.filter((message) => message.raw.includes('<pre>'));
    for (const message of codeMessages) expect(message.raw).toMatch(/^(?:[\s\S]*?)<pre><code class="language-js">[\s\S]*<\/code><\/pre>/);
    const lines = messages.flatMap((message) => message.text.split('\n')).filter((line) => line.startsWith('let v'));
    expect(lines).toEqual(code.split('\n'));
  });

  test('textChunkLimit is honoured and a huge reply is delivered completely', async () => {
    const channel = await started({ textChunkLimit: 1000 });
    const words = Array.from({ length: 12_000 }, (_, index) => `w${index}`).join(' ');
    const sent = await channel.send({ chatId: '5001' }, { text: words });
    expect(sent.length).toBe(harness.fake.messages.sent.length);
    for (const message of harness.fake.messages.sent) expect(message.raw.length).toBeLessThanOrEqual(1000);
    expect(harness.fake.messages.sent.map((message) => message.text).join(' ')).toBe(words);
  });

  test('media is uploaded as multipart: photo with caption, voice, document', async () => {
    const channel = await started();
    const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const withCaption = await channel.send({ chatId: '5001', threadId: '7' }, { text: 'a **chart**', attachments: [{ kind: 'image', data: photo, mimeType: 'image/png', fileName: 'chart.png' }] });
    expect(withCaption).toHaveLength(1);
    const photoCall = harness.fake.callsTo('sendPhoto')[0];
    expect(photoCall?.params).toMatchObject({ chat_id: '5001', caption: 'a <b>chart</b>', parse_mode: 'HTML', message_thread_id: '7' });
    expect(photoCall?.files[0]).toMatchObject({ fileName: 'chart.png' });
    expect(new Uint8Array(photoCall?.files[0]?.data ?? [])).toEqual(photo);

    const voice = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 9, 9]);
    const document = new TextEncoder().encode('col1,col2\n1,2\n');
    const sent = await channel.send({ chatId: '5001' }, {
      text: 'two files',
      attachments: [
        { kind: 'voice', data: voice, mimeType: 'audio/ogg' },
        { kind: 'document', data: document, mimeType: 'text/csv', fileName: 'data.csv' },
      ],
    });
    expect(sent).toHaveLength(3); // the text, then each file
    expect(harness.fake.messages.sent.map((message) => message.kind)).toEqual(['photo', 'text', 'voice', 'document']);
    expect(harness.fake.callsTo('sendVoice')[0]?.files[0]?.fileName).toBe('voice.ogg');
    expect(new Uint8Array(harness.fake.messages.sent[2]?.file?.data ?? [])).toEqual(voice);
    expect(harness.fake.messages.sent[3]?.file?.fileName).toBe('data.csv');
  });

  test('typing, edit of a draft, and react', async () => {
    const channel = await started();
    await channel.typing({ chatId: '-100777', threadId: '42' });
    expect(harness.fake.callsTo('sendChatAction')[0]?.params).toMatchObject({ chat_id: '-100777', action: 'typing', message_thread_id: 42 });
    const [draft] = await channel.send({ chatId: '5001' }, { text: 'thinking…' });
    await channel.edit({ chatId: '5001', messageId: draft?.messageId as string }, 'The answer is **42** & <more>');
    expect(harness.fake.messages.edits[0]).toMatchObject({ messageId: Number(draft?.messageId), raw: 'The answer is <b>42</b> &amp; &lt;more&gt;', text: 'The answer is 42 & <more>' });
    // Same text again: Telegram says "not modified"; for a streaming draft that is fine.
    await expect(channel.edit({ chatId: '5001', messageId: draft?.messageId as string }, 'The answer is **42** & <more>')).resolves.toBeUndefined();
    await expect(channel.edit({ chatId: '5001', messageId: '999999' }, 'x')).rejects.toMatchObject({ name: 'ChannelError', statusCode: 400 });
    await channel.react({ chatId: '5001', messageId: draft?.messageId as string }, '👍');
    expect(harness.fake.callsTo('setMessageReaction')[0]?.params).toMatchObject({ chat_id: '5001', reaction: [{ type: 'emoji', emoji: '👍' }] });
  });

  test('429 on send waits retry_after and then delivers once', async () => {
    const channel = await started();
    harness.fake.fault({ kind: 'rate-limit', retryAfter: 1, times: 1 });
    const sent = await channel.send({ chatId: '5001' }, { text: 'patience' });
    expect(sent).toHaveLength(1);
    expect(harness.fake.callsTo('sendMessage')).toHaveLength(2);
    expect(harness.fake.messages.sent).toHaveLength(1);
  });

  test('a 429 longer than the allowed wait and a 5xx become typed retryable ChannelErrors', async () => {
    const channel = await started();
    harness.fake.fault({ kind: 'rate-limit', retryAfter: 3600, times: 1 });
    await expect(channel.send({ chatId: '5001' }, { text: 'x' })).rejects.toMatchObject({ name: 'ChannelError', code: 'CHANNEL_RATE_LIMITED', statusCode: 429, isRetryable: true, retryAfterMs: 3_600_000 });
    harness.fake.fault({ kind: 'server-error', methods: ['sendMessage'], status: 500 });
    await expect(channel.send({ chatId: '5001' }, { text: 'x' })).rejects.toMatchObject({ name: 'ChannelError', statusCode: 500, isRetryable: true });
    expect(harness.fake.callsTo('sendMessage')).toHaveLength(2); // a 5xx is not retried: it may have been sent
  });

  test('empty messages are refused; linkPreview false disables previews', async () => {
    const channel = await started({ linkPreview: false });
    await expect(channel.send({ chatId: '5001' }, { text: '  ' })).rejects.toMatchObject({ code: 'CHANNEL_BAD_REQUEST' });
    await channel.send({ chatId: '5001' }, { text: 'https://example.com' });
    expect(harness.fake.callsTo('sendMessage')[0]?.params['link_preview_options']).toEqual({ is_disabled: true });
  });
});
