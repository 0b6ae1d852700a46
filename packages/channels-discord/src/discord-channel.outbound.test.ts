import { ChannelError } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, test } from 'vitest';
import { DM_ID, GENERAL_ID, THREAD_ID, USER_ID, startConnected, type Harness, type HarnessOptions } from './test-support/discord-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function connected(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startConnected(options);
  return harness;
}

const isChannelError = (code: string) => (error: unknown) => ChannelError.isInstance(error) && error.code === code;
const messagePosts = (h: Harness) => h.fake.calls.filter((call) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path));

describe('discord outbound', () => {
  test('send converts Markdown, never pings @everyone or roles, and returns the created ids', async () => {
    const h = await connected();
    const sent = await h.channel.send({ chatId: GENERAL_ID }, { text: '__Done__ — @everyone look\n\n#### Details\nok' });
    expect(sent).toEqual([{ chatId: GENERAL_ID, messageId: h.fake.sent[0]?.messageId }]);
    expect(h.fake.sent[0]).toMatchObject({ channelId: GENERAL_ID, content: '**Done** — @everyone look\n\n**Details**\nok' });
    expect(h.fake.sent[0]?.allowedMentions).toEqual({ parse: ['users'], replied_user: true });
    expect(messagePosts(h)[0]?.authorization).toBe('Bot fake-discord-token');
  });

  test('a thread target posts into the thread; replyToMessageId references the first chunk only', async () => {
    const h = await connected();
    const long = Array.from({ length: 5 }, (_, index) => `${index}: ${'word '.repeat(90)}`).join('\n\n');
    const sent = await h.channel.send({ chatId: GENERAL_ID, threadId: THREAD_ID, replyToMessageId: '900000000000000001' }, { text: long });
    expect(sent.length).toBeGreaterThan(1);
    for (const message of h.fake.sent) expect(message).toMatchObject({ channelId: THREAD_ID, chatId: GENERAL_ID, threadId: THREAD_ID });
    const posts = messagePosts(h);
    expect((posts[0]?.json as { message_reference?: unknown } | undefined)?.message_reference).toEqual({ message_id: '900000000000000001', fail_if_not_exists: false });
    expect(posts.slice(1).every((call) => (call.json as { message_reference?: unknown }).message_reference === undefined)).toBe(true);
  });

  test('a long reply with a code block is chunked under 2000 characters with every fence closed', async () => {
    const h = await connected();
    const code = Array.from({ length: 150 }, (_, index) => `const value${index} = compute(${index}); // keep`).join('\n');
    const sent = await h.channel.send({ chatId: DM_ID }, { text: `Here is the file:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThat's all.` });
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const message of h.fake.sent) {
      expect(message.content.length).toBeLessThanOrEqual(2000);
      expect(message.content.split('\n').filter((line) => line.startsWith('```')).length % 2).toBe(0);
    }
    expect(h.fake.sent.map((message) => message.content).join('\n').match(/\/\/ keep/g)).toHaveLength(150);
    expect(h.fake.sent.at(-1)?.content.endsWith("That's all.")).toBe(true);
  });

  test('attachments upload as multipart files on the last chunk; more than ten files spill into a second message', async () => {
    const h = await connected();
    const image = { kind: 'image' as const, data: new Uint8Array([1, 2, 3]), mimeType: 'image/png', fileName: '../../etc/chart.png' };
    const docs = Array.from({ length: 10 }, (_, index) => ({ kind: 'document' as const, data: new Uint8Array([index]), mimeType: 'application/pdf' }));
    const sent = await h.channel.send({ chatId: DM_ID }, { text: 'see attached', attachments: [image, ...docs] });
    expect(sent).toHaveLength(2);
    const [first, second] = h.fake.sent;
    expect(first?.content).toBe('see attached');
    expect(first?.files.map((file) => [file.filename, file.contentType])).toEqual([
      ['chart.png', 'image/png'],
      ...Array.from({ length: 9 }, (_, index) => [`document-${index + 2}.pdf`, 'application/pdf']), // named by position
    ]);
    expect(first?.files[0]?.data).toEqual(new Uint8Array([1, 2, 3]));
    expect(second?.content).toBe('');
    expect(second?.files.map((file) => file.filename)).toEqual(['document-11.pdf']);
    const payload = messagePosts(h)[0]?.json as { attachments?: Array<{ id: number; filename: string }> };
    expect(payload.attachments?.[0]).toEqual({ id: 0, filename: 'chart.png' });
  });

  test('files only (no text) is one message; an attachment over mediaMaxMb is refused before anything is sent', async () => {
    const h = await connected({ config: { mediaMaxMb: 0.001 } }); // 1048 bytes
    await h.channel.send({ chatId: DM_ID }, { text: '', attachments: [{ kind: 'voice', data: new Uint8Array(10), mimeType: 'audio/ogg' }] });
    expect(h.fake.sent).toHaveLength(1);
    expect(h.fake.sent[0]?.files[0]?.filename).toBe('voice-1.ogg');
    const tooBig = h.channel.send({ chatId: DM_ID }, { text: 'big', attachments: [{ kind: 'video', data: new Uint8Array(5000), mimeType: 'video/mp4' }] });
    await expect(tooBig).rejects.toSatisfy(isChannelError('ATTACHMENT_TOO_LARGE'));
    expect(h.fake.sent).toHaveLength(1);
  });

  test('typing, edit and react hit the right endpoints', async () => {
    const h = await connected();
    const [message] = await h.channel.send({ chatId: GENERAL_ID, threadId: THREAD_ID }, { text: 'draft' });
    await h.channel.typing?.({ chatId: GENERAL_ID, threadId: THREAD_ID });
    await h.channel.edit?.({ chatId: GENERAL_ID, threadId: THREAD_ID, messageId: message?.messageId as string }, 'final __answer__');
    await h.channel.react?.({ chatId: GENERAL_ID, threadId: THREAD_ID, messageId: message?.messageId as string }, '👍');
    const calls = h.fake.calls.map((call) => `${call.method} ${call.path}`).filter((call) => !call.includes('gateway'));
    expect(calls).toEqual([
      `POST /channels/${THREAD_ID}/messages`,
      `POST /channels/${THREAD_ID}/typing`,
      `PATCH /channels/${THREAD_ID}/messages/${message?.messageId}`,
      `PUT /channels/${THREAD_ID}/messages/${message?.messageId}/reactions/👍/@me`, // recorded decoded
    ]);
    expect(h.fake.sent[1]).toMatchObject({ kind: 'edit', content: 'final **answer**' });
  });

  test('an edit longer than one message is a typed error, not a silent truncation', async () => {
    const h = await connected();
    const [message] = await h.channel.send({ chatId: DM_ID }, { text: 'draft' });
    const edit = h.channel.edit?.({ chatId: DM_ID, messageId: message?.messageId as string }, 'y'.repeat(2001));
    await expect(edit).rejects.toSatisfy(isChannelError('TEXT_TOO_LONG'));
  });

  test('"user:<id>" opens a DM once; bad targets and empty messages are typed errors', async () => {
    const h = await connected();
    await h.channel.send({ chatId: `user:${USER_ID}` }, { text: 'pairing code: 1234' });
    await h.channel.send({ chatId: `user:${USER_ID}` }, { text: 'again' });
    expect(h.fake.calls.filter((call) => call.path === '/users/@me/channels')).toHaveLength(1);
    expect(h.fake.sent.map((message) => message.channelId)).toEqual([h.fake.sent[0]?.channelId, h.fake.sent[0]?.channelId]);
    await expect(h.channel.send({ chatId: '#general' }, { text: 'x' })).rejects.toSatisfy(isChannelError('INVALID_TARGET'));
    await expect(h.channel.send({ chatId: DM_ID }, { text: '  \n ' })).rejects.toSatisfy(isChannelError('EMPTY_MESSAGE'));
  });

  test('429 with a short Retry-After is waited out; a long one fails fast with retryAfterMs', async () => {
    const h = await connected({ tuning: { maxRateLimitWaitMs: 1000 } });
    h.fake.failRest({ status: 429, retryAfterSeconds: 0.2, match: /^POST \/channels\/\d+\/messages$/ });
    await h.channel.send({ chatId: DM_ID }, { text: 'patient' });
    expect(messagePosts(h).map((call) => call.status)).toEqual([429, 200]);
    h.fake.failRest({ status: 429, retryAfterSeconds: 30, match: /^POST \/channels\/\d+\/messages$/ });
    const limited = h.channel.send({ chatId: DM_ID }, { text: 'impatient' });
    await expect(limited).rejects.toSatisfy(
      (error) => ChannelError.isInstance(error) && error.code === 'CHANNEL_RATE_LIMITED' && error.isRetryable && (error.retryAfterMs ?? 0) >= 30_000,
    );
  });

  test('5xx is retried by the REST client; persistent 5xx becomes a retryable ChannelError', async () => {
    const h = await connected();
    h.fake.failRest({ status: 502, times: 2, match: /^POST \/channels\/\d+\/messages$/ });
    await h.channel.send({ chatId: DM_ID }, { text: 'eventually' });
    expect(messagePosts(h).map((call) => call.status)).toEqual([502, 502, 200]);
    h.fake.failRest({ status: 503, times: 10, match: /^POST \/channels\/\d+\/messages$/ });
    const failed = h.channel.send({ chatId: DM_ID }, { text: 'never' });
    await expect(failed).rejects.toSatisfy((error) => ChannelError.isInstance(error) && error.statusCode === 503 && error.isRetryable);
  });

  test('401 on send is a CHANNEL_AUTH error and shows in status', async () => {
    const h = await connected();
    h.fake.failRest({ status: 401, match: /^POST \/channels\/\d+\/messages$/ });
    await expect(h.channel.send({ chatId: DM_ID }, { text: 'x' })).rejects.toSatisfy((error) => ChannelError.isInstance(error) && error.code === 'CHANNEL_AUTH' && !error.isRetryable);
    expect(h.channel.status().lastError).toMatch(/rejected the bot token/);
  });

  test('send before start is a typed error', async () => {
    const { createDiscordChannel } = await import('./discord-channel.js');
    const { silentLogger } = await import('@rusty-claw/plugin-sdk');
    const channel = createDiscordChannel({ accountId: 'default', config: { token: 'x' }, logger: silentLogger });
    await expect(channel.send({ chatId: DM_ID }, { text: 'x' })).rejects.toSatisfy(isChannelError('CHANNEL_NOT_STARTED'));
  });
});
