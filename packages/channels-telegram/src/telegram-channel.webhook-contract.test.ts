import { createServer } from 'node:net';
import { describeChannelContract, waitUntil, type ChannelContractDriver } from '@rusty-claw/testkit';
import { expect, test } from 'vitest';
import { FakeTelegramServer } from './testing/fake-telegram-server.js';
import { createTelegramChannel } from './telegram-channel.js';
import { fastTuning } from './test-support/telegram-test-harness.js';

/** A free loopback port for the channel's own webhook listener (the contract context offers no route registration). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The same contract in webhook mode: the fake pushes updates to the channel and retries until it answers 200. */
let currentFake: FakeTelegramServer | undefined;

function telegramWebhookDriver(): ChannelContractDriver {
  const fake = new FakeTelegramServer({ webhookRetryMs: 30 });
  currentFake = fake;
  let port = 0;
  const messageId = (id: string | undefined) => (id === undefined ? {} : { messageId: Number(id) });
  return {
    start: async () => {
      await fake.start();
      port = await freePort();
    },
    close: () => fake.close(),
    makeChannel: ({ accountId, logger }) =>
      createTelegramChannel({
        accountId,
        logger,
        env: {},
        tuning: fastTuning,
        config: {
          botToken: fake.token,
          apiRoot: fake.apiRoot,
          webhookUrl: `http://127.0.0.1:${port}/telegram-webhook`,
          webhookSecret: 'contract_secret',
          webhookPort: port,
          dmPolicy: 'open',
          allowFrom: ['*'],
          groupPolicy: 'open',
          groups: { '*': { requireMention: false } },
        },
      }),
    injectDirectMessage: ({ chatId, senderId, text, messageId: id }) => void fake.injectMessage({ chatId, chatType: 'private', fromId: senderId, text, ...messageId(id) }),
    injectGroupMessage: ({ chatId, senderId, text, mentionBot, threadId, messageId: id }) =>
      void fake.injectMessage({ chatId, chatType: 'supergroup', fromId: senderId, text, mentionBot, ...(threadId ? { threadId } : {}), ...messageId(id) }),
    sentMessages: () => fake.messages.sent.map((message) => ({ chatId: message.chatId, ...(message.threadId ? { threadId: message.threadId } : {}), text: message.text })),
    async waitForSent(count) {
      await waitUntil(() => fake.messages.sent.length >= count, 4000);
      return this.sentMessages();
    },
    ids: { directChatId: '5001', groupChatId: '-1006001', threadId: '42', senderId: '5001', otherSenderId: '5002' },
  };
}

describeChannelContract(telegramWebhookDriver, {
  name: 'telegram (webhook)',
  additionalTests(context) {
    test('the rejected delivery was answered 5xx and the redelivery 200 (Telegram-side view)', async () => {
      const running = await context.startChannel();
      await waitUntil(() => running.channel.status().connected, 4000);
      let failed = false;
      running.setOnInbound(async () => {
        if (!failed) {
          failed = true;
          throw new Error('not durable');
        }
      });
      await context.driver.injectDirectMessage({ chatId: context.ids.directChatId, senderId: context.ids.senderId, text: 'webhook retry' });
      await running.waitForInbound((all) => all.length >= 2);
      expect(running.inbound.map((message) => message.text)).toEqual(['webhook retry', 'webhook retry']);
      const deliveries = currentFake?.webhookDeliveries ?? [];
      expect(deliveries.map((delivery) => delivery.status)).toEqual([500, 200]);
      expect(deliveries[0]?.updateId).toBe(deliveries[1]?.updateId);
      expect(currentFake?.pendingUpdateIds()).toEqual([]);
    });
  },
});
