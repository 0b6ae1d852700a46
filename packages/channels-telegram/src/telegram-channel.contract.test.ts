import { describeChannelContract, waitUntil, type ChannelContractDriver } from '@rusty-claw/testkit';
import { FakeTelegramServer } from './testing/fake-telegram-server.js';
import { createTelegramChannel } from './telegram-channel.js';
import { fastTuning } from './test-support/telegram-test-harness.js';

function telegramDriver(): ChannelContractDriver {
  const fake = new FakeTelegramServer();
  const messageId = (id: string | undefined) => (id === undefined ? {} : { messageId: Number(id) });
  return {
    start: async () => {
      await fake.start();
    },
    close: () => fake.close(),
    makeChannel: ({ accountId, logger }) =>
      createTelegramChannel({ accountId, logger, env: {}, tuning: fastTuning, config: { botToken: fake.token, apiRoot: fake.apiRoot, dmPolicy: 'open', allowFrom: ['*'], groupPolicy: 'open', groups: { '*': { requireMention: false } } } }),
    injectDirectMessage: ({ chatId, senderId, text, messageId: id }) => void fake.injectMessage({ chatId, chatType: 'private', fromId: senderId, text, ...messageId(id) }),
    injectGroupMessage: ({ chatId, senderId, text, mentionBot, threadId, messageId: id }) =>
      void fake.injectMessage({ chatId, chatType: 'supergroup', fromId: senderId, text, mentionBot, ...(threadId ? { threadId } : {}), ...messageId(id) }),
    sentMessages: () => fake.messages.sent.map((message) => ({ chatId: message.chatId, ...(message.threadId ? { threadId: message.threadId } : {}), text: message.text })),
    async waitForSent(count) {
      await waitUntil(() => fake.messages.sent.length >= count, 4000);
      return this.sentMessages();
    },
    injectFault: (kind) => fake.fault(kind === 'disconnect' ? { kind: 'drop-poll' } : { kind: 'server-error' }),
    ids: { directChatId: '5001', groupChatId: '-1006001', threadId: '42', senderId: '5001', otherSenderId: '5002' },
  };
}

describeChannelContract(telegramDriver, { name: 'telegram (long polling)' });
