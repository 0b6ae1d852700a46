import { silentLogger } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeChatPlatform, type FakeChannel } from '../channels/testing/fake-chat-platform.js';
import { ReplyDelivery } from './reply-delivery.js';

const channels: FakeChannel[] = [];
afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.stop();
});

async function started(platform: FakeChatPlatform, capabilities: Parameters<FakeChatPlatform['factory']>[0]): Promise<FakeChannel> {
  const channel = platform.factory(capabilities)({ accountId: 'default', config: {}, logger: silentLogger }) as FakeChannel;
  await channel.start({ onInbound: async () => undefined, logger: silentLogger, signal: new AbortController().signal });
  channels.push(channel);
  return channel;
}

const target = { chatId: '-100', threadId: '9', replyToMessageId: '5' };

describe('ReplyDelivery', () => {
  it('without edit: typing while the agent works, one send at the end, to the right chat and thread', async () => {
    const platform = new FakeChatPlatform();
    const channel = await started(platform, { edit: false, streamingDrafts: false });
    const delivery = new ReplyDelivery({ channel, target, logger: silentLogger, draftIntervalMs: 5, typingIntervalMs: 10 });
    delivery.start();
    delivery.update('Hel');
    await platform.waitFor(() => platform.typing.length >= 2);
    expect(platform.sent).toEqual([]);
    await delivery.finish('Hello there');
    expect(platform.sent).toEqual([{ accountId: 'default', chatId: '-100', threadId: '9', replyToMessageId: '5', text: 'Hello there', messageId: expect.any(String) }]);
    expect(platform.typing[0]).toEqual({ chatId: '-100', threadId: '9' });
    const typed = platform.typing.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(platform.typing.length).toBe(typed); // stopped
  });

  it('with streaming drafts: one draft message, edited as text grows, finalised with the whole reply', async () => {
    const platform = new FakeChatPlatform();
    const channel = await started(platform, { edit: true, streamingDrafts: true });
    const delivery = new ReplyDelivery({ channel, target, logger: silentLogger, draftIntervalMs: 5 });
    delivery.start();
    delivery.update('Hello');
    await platform.waitFor(() => platform.sent.length === 1);
    delivery.update('Hello wor');
    await platform.waitFor(() => platform.edits.length >= 1);
    await delivery.finish('Hello world.');
    expect(platform.sent).toHaveLength(1);
    expect(platform.sent[0]?.text).toBe('Hello world.');
    expect(platform.edits.map((edit) => edit.text)).toEqual(['Hello wor', 'Hello world.']);
  });

  it('a reply that outgrows one message: the draft keeps the head, the rest is sent after it', async () => {
    const platform = new FakeChatPlatform();
    const channel = await started(platform, { edit: true, streamingDrafts: true, maxMessageLength: 20 });
    const delivery = new ReplyDelivery({ channel, target, logger: silentLogger, draftIntervalMs: 5 });
    delivery.update('First paragraph.');
    await platform.waitFor(() => platform.sent.length === 1);
    await delivery.finish('First paragraph.\n\nSecond one here.');
    expect(platform.sent.map((message) => message.text)).toEqual(['First paragraph.', 'Second one here.']);
  });

  it('a reply that finishes before the first draft is due is a plain send', async () => {
    const platform = new FakeChatPlatform();
    const channel = await started(platform, { edit: true, streamingDrafts: true });
    const delivery = new ReplyDelivery({ channel, target, logger: silentLogger, draftIntervalMs: 10_000 });
    delivery.update('Quick');
    await delivery.finish('Quick answer');
    expect(platform.sent.map((message) => message.text)).toEqual(['Quick answer']);
    expect(platform.edits).toEqual([]);
  });
});
