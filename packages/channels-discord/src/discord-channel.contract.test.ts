import { describeChannelContract, waitUntil, type ChannelContractDriver } from '@rusty-claw/testkit';
import { createDiscordChannel } from './discord-channel.js';
import { BOT_ID, DM_ID, FAST_TUNING, GENERAL_ID, GUILD_ID, OTHER_USER_ID, THREAD_ID, TOKEN, USER_ID } from './test-support/discord-harness.js';
import { FakeDiscordServer } from './testing/fake-discord-server.js';

/** The contract suite against the fake Discord (REST + gateway) through discord.js. */
function discordDriver(): ChannelContractDriver {
  const fake = new FakeDiscordServer({
    heartbeatIntervalMs: 400,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Contract Guild',
        channels: [{ id: GENERAL_ID, type: 0, name: 'general' }],
        threads: [{ id: THREAD_ID, type: 11, name: 'topic', parent_id: GENERAL_ID }],
      },
    ],
  });
  const sent = () =>
    fake.sent
      .filter((message) => message.kind === 'create')
      .map((message) => ({ chatId: message.chatId, ...(message.threadId ? { threadId: message.threadId } : {}), text: message.content }));
  return {
    ids: { directChatId: DM_ID, groupChatId: GENERAL_ID, threadId: THREAD_ID, senderId: USER_ID, otherSenderId: OTHER_USER_ID },
    start: async () => {
      await fake.start();
    },
    close: () => fake.close(),
    makeChannel: ({ accountId, logger }) =>
      createDiscordChannel({
        accountId,
        logger,
        env: {},
        config: { token: TOKEN, dmPolicy: 'open', allowFrom: ['*'], groupPolicy: 'open', guilds: { '*': { requireMention: false } } },
        apiRoot: fake.apiUrl,
        cdnRoot: fake.cdnUrl,
        tuning: FAST_TUNING,
      }),
    injectDirectMessage: ({ chatId, senderId, text, messageId }) => {
      fake.injectMessage({ channelId: chatId, author: { id: senderId }, content: text, ...(messageId ? { id: messageId } : {}) });
    },
    injectGroupMessage: ({ chatId, senderId, text, mentionBot, threadId, messageId }) => {
      fake.injectMessage({
        channelId: threadId ?? chatId,
        author: { id: senderId },
        content: mentionBot ? `<@${BOT_ID}> ${text}` : text,
        ...(mentionBot ? { mentions: [BOT_ID] } : {}),
        ...(messageId ? { id: messageId } : {}),
      });
    },
    sentMessages: sent,
    async waitForSent(count) {
      await waitUntil(() => sent().length >= count, 3000, () => JSON.stringify(sent()));
      return sent();
    },
    injectFault: (kind) => {
      // 4000 is Discord's resumable "unknown error"; 1011 is a server failure. discord.js resumes after both.
      fake.gateway.closeConnection(kind === 'disconnect' ? 4000 : 1011);
    },
  };
}

describeChannelContract(discordDriver, { name: 'discord (gateway + REST)' });
