import { ChannelError } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, test } from 'vitest';
import { createHarness, waitFor, type Harness } from './slack-test-harness.js';

describe('Slack channel, outbound (real WebClient against the fake)', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
  });

  const started = async (options: Parameters<typeof createHarness>[0] = {}) => {
    harness = await createHarness(options);
    await harness.start();
    await waitFor(() => harness.channel.status().connected);
    return harness;
  };

  test('send converts Markdown to mrkdwn and posts to the chat; a thread reply carries thread_ts', async () => {
    const { channel, fake } = await started();
    const direct = await channel.send({ chatId: 'D1' }, { text: '**Done** — see [the PR](https://example.com/pr?a=1&b=2) & `a<b`' });
    expect(direct).toEqual([{ chatId: 'D1', messageId: fake.messages[0]?.ts }]);
    expect(fake.messages[0]).toMatchObject({ channel: 'D1', text: '*Done* — see <https://example.com/pr?a=1&amp;b=2|the PR> &amp; `a&lt;b`' });
    expect(fake.messages[0]?.threadTs).toBeUndefined();
    await channel.send({ chatId: 'C1', threadId: '1700000000.000100' }, { text: 'in thread' });
    expect(fake.messages[1]).toMatchObject({ channel: 'C1', threadTs: '1700000000.000100', text: 'in thread' });
    await channel.send({ chatId: 'C1', replyToMessageId: '1700000003.000100' }, { text: 'answer' });
    expect(fake.messages[2]).toMatchObject({ threadTs: '1700000003.000100' });
    expect(fake.callsTo('chat.postMessage')[0]?.params).toMatchObject({ mrkdwn: 'true' });
    expect(channel.status().lastOutboundAt).toBeGreaterThan(0);
  });

  test('a long reply is chunked at ~4000 characters on paragraph and code-fence boundaries', async () => {
    const { channel, fake } = await started();
    expect(channel.capabilities.maxMessageLength).toBe(4000);
    const paragraph = (index: number) => `Paragraph ${index}: ${'lorem ipsum dolor sit amet '.repeat(20)}`.trim();
    const code = Array.from({ length: 200 }, (_, index) => `const line${index} = ${index};`).join('\n');
    const text = [...Array.from({ length: 12 }, (_, index) => paragraph(index)), `\`\`\`ts\n${code}\n\`\`\``, 'The end.'].join('\n\n');
    const sent = await channel.send({ chatId: 'C1', threadId: '1.000001' }, { text });
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(fake.messages).toHaveLength(sent.length);
    for (const message of fake.messages) {
      expect(message.text.length).toBeLessThanOrEqual(4000);
      expect((message.text.match(/```/g) ?? []).length % 2).toBe(0);
      expect(message).toMatchObject({ channel: 'C1', threadTs: '1.000001' });
    }
    const all = fake.messages.map((message) => message.text).join('\n');
    for (let index = 0; index < 200; index += 1) expect(all).toContain(`const line${index} = ${index};`);
    expect(all.endsWith('The end.')).toBe(true);
  });

  test('textChunkLimit changes the chunk size (capped at the 40,000 hard limit); a 100k reply is all delivered', async () => {
    const { channel, fake } = await started({ config: { textChunkLimit: 100_000 } });
    expect(channel.capabilities.maxMessageLength).toBe(40_000);
    const text = Array.from({ length: 1000 }, (_, index) => `Sentence number ${index} of a very long reply.`).join(' ');
    await channel.send({ chatId: 'C1' }, { text: `${text}\n\n${text}\n\n${text}` });
    expect(fake.messages.every((message) => message.text.length <= 40_000)).toBe(true);
    expect(fake.messages.map((message) => message.text).join(' ').split(/\s+/)).toHaveLength(3 * text.split(/\s+/).length);
  });

  test('attachments are uploaded with getUploadURLExternal + completeUploadExternal into the same thread', async () => {
    const { channel, fake } = await started();
    const sent = await channel.send(
      { chatId: 'C1', threadId: '1.000001' },
      { text: 'here you go', attachments: [{ kind: 'image', data: new Uint8Array([1, 2, 3]), mimeType: 'image/png' }, { kind: 'document', data: new TextEncoder().encode('report'), mimeType: 'application/pdf', fileName: 'r.pdf' }] },
    );
    expect(sent.map((message) => message.messageId)).toEqual([fake.messages[0]?.ts, 'F0UP00001', 'F0UP00002']);
    expect(fake.uploads.map((upload) => [upload.filename, upload.channelId, upload.threadTs, upload.completed, [...(upload.bytes ?? [])].length])).toEqual([
      ['image.png', 'C1', '1.000001', true, 3],
      ['r.pdf', 'C1', '1.000001', true, 6],
    ]);
    expect(fake.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({ filename: 'image.png', length: '3' });
  });

  test('edit updates the draft with chat.update; an edit past 40,000 characters is a typed error', async () => {
    const { channel, fake } = await started();
    const [draft] = await channel.send({ chatId: 'C1' }, { text: 'thinking…' });
    await channel.edit!({ chatId: 'C1', messageId: draft!.messageId }, 'The **answer** is 42');
    expect(fake.messages[0]?.edits).toEqual(['thinking…', 'The *answer* is 42']);
    await expect(channel.edit!({ chatId: 'C1', messageId: draft!.messageId }, 'x'.repeat(40_001))).rejects.toMatchObject({ code: 'SLACK_MESSAGE_TOO_LONG' });
    await expect(channel.edit!({ chatId: 'C1', messageId: '9.9' }, 'nope')).rejects.toMatchObject({ code: 'SLACK_MESSAGE_NOT_FOUND' });
  });

  test('react adds a named reaction (Unicode translated); reacting twice is fine', async () => {
    const { channel, fake } = await started();
    await channel.react!({ chatId: 'C1', messageId: '1.000001' }, '👀');
    await channel.react!({ chatId: 'C1', messageId: '1.000001' }, ':eyes:');
    await channel.react!({ chatId: 'C1', messageId: '1.000001' }, 'white_check_mark');
    expect(fake.reactions).toEqual([
      { channel: 'C1', timestamp: '1.000001', name: 'eyes' },
      { channel: 'C1', timestamp: '1.000001', name: 'white_check_mark' },
    ]);
    await expect(channel.react!({ chatId: 'C1', messageId: '1.000001' }, '🦑')).rejects.toBeInstanceOf(ChannelError);
  });

  test('typing: the typingReaction goes on the message being answered and comes off when the reply is sent', async () => {
    const { channel, fake } = await started({ config: { typingReaction: 'hourglass_flowing_sand' } });
    expect(channel.capabilities.typing).toBe(true);
    await channel.typing!({ chatId: 'C1', threadId: '1.000001', replyToMessageId: '1.000002' });
    expect(fake.reactions).toEqual([{ channel: 'C1', timestamp: '1.000002', name: 'hourglass_flowing_sand' }]);
    await channel.send({ chatId: 'C1', threadId: '1.000001' }, { text: 'done' });
    expect(fake.reactions).toEqual([]);
    expect(fake.callsTo('reactions.remove')).toHaveLength(1);
  });

  test('without typingReaction the capability is off', async () => {
    const { channel } = await started();
    expect(channel.capabilities).toMatchObject({ typing: false, edit: true, react: true, threads: true, media: true, streamingDrafts: true });
  });

  test('rate limits: a 429 is waited out (Retry-After) and retried by the WebClient', async () => {
    const { channel, fake } = await started();
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 0 });
    await channel.send({ chatId: 'C1' }, { text: 'patient' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages.map((message) => message.text)).toEqual(['patient']);
  });

  test('Slack errors become typed ChannelErrors; a revoked token also marks the account unhealthy', async () => {
    const { channel, fake } = await started();
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(channel.send({ chatId: 'C404' }, { text: 'x' })).rejects.toMatchObject({ name: 'ChannelError', code: 'SLACK_CHANNEL_NOT_FOUND', isRetryable: false });
    fake.failNext('chat.postMessage', { status: 503 });
    fake.failNext('chat.postMessage', { status: 503 });
    await expect(channel.send({ chatId: 'C1' }, { text: 'x' })).rejects.toMatchObject({ code: 'SLACK_HTTP_ERROR', statusCode: 503, isRetryable: true });
    fake.revokeBotToken();
    await expect(channel.send({ chatId: 'C1' }, { text: 'x' })).rejects.toMatchObject({ code: 'SLACK_TOKEN_REVOKED' });
    expect(channel.status()).toMatchObject({ connected: false, lastError: expect.stringContaining('token_revoked') });
  });

  test('send before start is a typed error', async () => {
    harness = await createHarness();
    await expect(harness.channel.send({ chatId: 'C1' }, { text: 'x' })).rejects.toMatchObject({ code: 'CHANNEL_NOT_RUNNING' });
  });
});
