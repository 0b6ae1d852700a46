import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { recordingLogger, TelegramHarness } from './test-support/telegram-test-harness.js';

let harness: TelegramHarness;
beforeEach(async () => {
  harness = await new TelegramHarness().start();
});
afterEach(async () => {
  await harness.close();
});

describe('long polling against the fake Bot API', () => {
  test('start calls getMe, deleteWebhook, then getUpdates with a timeout; self is reported', async () => {
    const channel = harness.channel();
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    const methods = harness.fake.calls.map((call) => call.method);
    expect(methods.slice(0, 3)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
    expect(harness.fake.callsTo('deleteWebhook')[0]?.params).toEqual({ drop_pending_updates: false });
    await harness.fake.waitForCalls('getUpdates', 2);
    expect(harness.fake.callsTo('getUpdates')[1]?.params).toMatchObject({ timeout: 1, allowed_updates: ['message', 'channel_post'] });
    expect(channel.status()).toMatchObject({ running: true, connected: true, mode: 'polling', reconnectCount: 0, self: { id: '777000', username: 'rusty_test_bot' } });
  });

  test('the offset advances only after onInbound resolved; a rejection leaves the update with Telegram', async () => {
    const channel = harness.channel();
    const run = await harness.run(channel);
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    run.setHandler(() => gate);
    const { updateId } = harness.fake.injectMessage({ chatId: 10, text: 'slow store' });
    await run.waitFor((all) => all.length === 1);
    // onInbound has not resolved: the update is still unconfirmed at Telegram.
    expect(harness.fake.pendingUpdateIds()).toContain(updateId);
    release?.();
    await harness.fake.waitForCalls('getUpdates', harness.fake.callsTo('getUpdates').length + 1);
    expect(harness.fake.callsTo('getUpdates').at(-1)?.params['offset']).toBe(updateId + 1);
    expect(harness.fake.pendingUpdateIds()).not.toContain(updateId);

    run.setHandler(async () => {
      throw new Error('disk full');
    });
    const second = harness.fake.injectMessage({ chatId: 10, text: 'fails' });
    await run.waitFor((all) => all.filter((message) => message.text === 'fails').length >= 3);
    expect(harness.fake.pendingUpdateIds()).toContain(second.updateId);
    expect(channel.status().lastError).toBe('inbound message not stored: disk full');
    run.setHandler(async () => {});
    await harness.waitForStatus(channel, () => !harness.fake.pendingUpdateIds().includes(second.updateId));
    expect(channel.status().connected).toBe(true);
  });

  test('forum topics, mentions and replies map onto the InboundMessage', async () => {
    const run = await harness.run(harness.channel());
    harness.fake.injectMessage({ chatId: -100500, chatTitle: 'Team', fromId: 61, fromUsername: 'bob', text: 'deploy?', threadId: 42, mentionBot: true });
    harness.fake.injectMessage({ chatId: -100500, fromId: 62, text: 'thanks', replyToBot: true, replyToMessageId: 5 });
    harness.fake.injectMessage({ chatId: -100500, fromId: 63, text: 'chatter' });
    const [topic, reply, chatter] = await run.waitFor((all) => all.length === 3);
    expect(topic).toMatchObject({ chat: { id: '-100500', type: 'group', title: 'Team' }, threadId: '42', sender: { id: '61', username: 'bob' }, text: '@rusty_test_bot deploy?', mentionsBot: true });
    expect(reply).toMatchObject({ mentionsBot: true, replyToMessageId: '5', sender: { id: '62' } });
    expect(chatter?.mentionsBot).toBe(false);
  });

  test('malformed and unknown updates are logged and skipped; the channel keeps going', async () => {
    const logger = recordingLogger();
    const channel = harness.channel({}, { logger });
    const run = await harness.run(channel);
    harness.fake.injectUpdate({ message: 'not an object' });
    harness.fake.injectUpdate({ message: { message_id: 1, date: 1, text: 'no chat' } });
    harness.fake.injectUpdate({ some_future_update: { x: 1 } });
    harness.fake.injectUpdate({ callback_query: { id: '1' } });
    harness.fake.injectUpdate({ message: { message_id: 2, date: 1, chat: { id: 1, type: 'private' }, from: { id: 1 }, text: { nested: true } } });
    harness.fake.injectMessage({ chatId: 11, text: 'still alive' });
    await run.waitFor((all) => all.some((message) => message.text === 'still alive'));
    expect(run.inbound).toHaveLength(1);
    const skipped = logger.records.filter((record) => record.message === 'telegram update skipped');
    expect(skipped.map((record) => record.fields['reason'])).toEqual(
      expect.arrayContaining(['malformed message: missing message_id, chat or date', 'unknown update kind some_future_update', 'update kind callback_query is not delivered as a message']),
    );
    await harness.waitForStatus(channel, () => harness.fake.pendingUpdateIds().length === 0);
    expect(channel.status()).toMatchObject({ running: true, connected: true });
  });

  test('duplicated messages (same chat + message_id in new updates) reach onInbound once', async () => {
    const run = await harness.run(harness.channel());
    harness.fake.injectMessage({ chatId: 12, text: 'once', messageId: 900 });
    harness.fake.injectMessage({ chatId: 12, text: 'once', messageId: 900 });
    harness.fake.injectMessage({ chatId: 13, text: 'same id, other chat', messageId: 900 });
    harness.fake.injectMessage({ chatId: 12, text: 'marker' });
    await run.waitFor((all) => all.some((message) => message.text === 'marker'));
    expect(run.inbound.map((message) => message.text)).toEqual(['once', 'same id, other chat', 'marker']);
  });

  test('a huge inbound text is delivered whole', async () => {
    const run = await harness.run(harness.channel());
    const text = 'x'.repeat(200_000);
    harness.fake.injectMessage({ chatId: 14, text });
    const [message] = await run.waitFor((all) => all.length === 1);
    expect(message?.text.length).toBe(200_000);
  });

  test('inbound photo, voice and document download through getFile and the file route', async () => {
    const run = await harness.run(harness.channel());
    const photoBytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    const voiceBytes = new Uint8Array([0x4f, 0x67, 0x67, 0x53]);
    const documentBytes = new TextEncoder().encode('%PDF-1.7 report');
    harness.fake.injectMessage({ chatId: 15, caption: 'see this', photo: harness.fake.addFile(photoBytes, { extension: 'jpg' }) });
    harness.fake.injectMessage({ chatId: 15, voice: harness.fake.addFile(voiceBytes, { extension: 'oga' }) });
    const document = harness.fake.addFile(documentBytes, { extension: 'pdf' });
    harness.fake.injectMessage({ chatId: 15, document: { ...document, file_name: 'report.pdf', mime_type: 'application/pdf' } });
    const [photo, voice, doc] = await run.waitFor((all) => all.length === 3);
    expect(photo?.text).toBe('see this');
    expect(photo?.attachments?.[0]).toMatchObject({ kind: 'image', sizeBytes: photoBytes.length });
    expect(await photo?.attachments?.[0]?.download()).toEqual(photoBytes);
    expect(voice?.attachments?.[0]).toMatchObject({ kind: 'voice', mimeType: 'audio/ogg' });
    expect(await voice?.attachments?.[0]?.download()).toEqual(voiceBytes);
    expect(doc?.attachments?.[0]).toMatchObject({ kind: 'document', fileName: 'report.pdf', mimeType: 'application/pdf' });
    expect(await doc?.attachments?.[0]?.download()).toEqual(documentBytes);
    // The largest photo size was fetched (the thumbnail has another file_id).
    expect(harness.fake.callsTo('getFile').map((call) => call.params['file_id'])).not.toContain(expect.stringContaining('-thumb'));
  });

  test('a file over mediaMaxMb is refused before download', async () => {
    const run = await harness.run(harness.channel({ mediaMaxMb: 0.000001 }));
    harness.fake.injectMessage({ chatId: 16, document: harness.fake.addFile(new Uint8Array(100)) });
    const [message] = await run.waitFor((all) => all.length === 1);
    await expect(message?.attachments?.[0]?.download()).rejects.toMatchObject({ name: 'ChannelError', code: 'CHANNEL_FILE_TOO_LARGE' });
  });

  test('stop aborts the held long poll and releases it', async () => {
    const channel = harness.channel();
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    await harness.fake.waitForCalls('getUpdates', 2);
    await channel.stop();
    expect(channel.status()).toMatchObject({ running: false, connected: false });
    const calls = harness.fake.callsTo('getUpdates').length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(harness.fake.callsTo('getUpdates')).toHaveLength(calls);
  });
});
