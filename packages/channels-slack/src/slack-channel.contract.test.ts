import type { Channel, ChannelContext } from '@rusty-claw/plugin-sdk';
import { describeChannelContract, type ChannelContractDriver, type ContractSentMessage } from '@rusty-claw/testkit';
import type { SlackAccountConfig } from './config/slack-config-schema.js';
import { createSlackChannel } from './slack-channel.js';
import { fastTuning, RouteServer, waitFor } from './slack-test-harness.js';
import { FakeSlackServer } from './testing/fake-slack-server.js';
import { deliverSlackEvent } from './testing/sign-slack-request.js';
import { buildAppMentionEvent, buildEventCallback, buildMessageEvent } from './testing/slack-event-builders.js';

const ids = { directChatId: 'D0DIRECT1', groupChatId: 'G0GROUP1', threadId: '1700000000.000100', senderId: 'U0SENDER1', otherSenderId: 'U0SENDER2' };
const secret = 'contract-signing-secret';

/** Slack message ids are timestamps; the suite's plain ids ("9001") become one. */
const slackTs = (messageId: string | undefined) => (messageId === undefined ? undefined : messageId.includes('.') ? messageId : `${messageId}.000100`);

function makeDriver(mode: 'socket' | 'http'): ChannelContractDriver {
  let fake: FakeSlackServer;
  let routes: RouteServer | undefined;
  let baseUrl = '';
  const deliveries: Array<Promise<unknown>> = [];

  const inject = async (events: Array<Record<string, unknown>>) => {
    for (const event of events) {
      if (mode === 'socket') fake.sendEvent(event);
      else {
        const delivery = deliverSlackEvent(`${baseUrl}/slack/events`, { signingSecret: secret, body: buildEventCallback(event), retryDelayMs: 50 });
        deliveries.push(delivery);
        await delivery;
      }
    }
  };
  const sent = (): ContractSentMessage[] =>
    fake.messages.map((message) => ({ chatId: message.channel, text: message.text, ...(message.threadTs === undefined ? {} : { threadId: message.threadTs }) }));

  const driver: ChannelContractDriver = {
    ids,
    async start() {
      fake = await FakeSlackServer.start({ ackTimeoutMs: 300 });
      if (mode === 'http') {
        routes = new RouteServer();
        baseUrl = await routes.listen();
      }
    },
    async close() {
      await Promise.allSettled(deliveries);
      await routes?.close();
      await fake.close();
    },
    makeChannel({ accountId, logger }) {
      const base = { botToken: fake.identity.botToken, dmPolicy: 'open' as const, allowFrom: ['*'] };
      const config: SlackAccountConfig = mode === 'socket' ? { ...base, mode, appToken: fake.identity.appToken } : { ...base, mode, signingSecret: secret };
      const channel = createSlackChannel({ accountId, config, logger, slackApiUrl: fake.apiUrl, tuning: fastTuning });
      if (mode === 'socket' || routes === undefined) return channel;
      // The suite starts channels without a gateway; in HTTP mode this stands in for the gateway's route table.
      const register = routes.register;
      return new Proxy(channel, {
        get(target, property, receiver) {
          if (property === 'start') return (context: ChannelContext) => target.start({ ...context, registerHttpRoute: register });
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Channel;
    },
    injectDirectMessage: ({ chatId, senderId, text, messageId }) => {
      const ts = slackTs(messageId);
      return inject([buildMessageEvent({ channel: chatId, channelType: 'im', user: senderId, text, ...(ts === undefined ? {} : { ts }) })]);
    },
    injectGroupMessage: ({ chatId, senderId, text, mentionBot, threadId, messageId }) => {
      const ts = slackTs(messageId);
      const common = { channel: chatId, user: senderId, text: mentionBot ? `<@${fake.identity.botUserId}> ${text}` : text, ...(ts === undefined ? {} : { ts }), ...(threadId === undefined ? {} : { threadTs: threadId }) };
      const message = buildMessageEvent({ ...common, channelType: 'mpim' });
      // Slack sends app_mention alongside the message event when the bot is mentioned; both carry the same ts.
      return inject(mentionBot ? [message, { ...buildAppMentionEvent({ ...common, ts: String(message['ts']) }) }] : [message]);
    },
    sentMessages: sent,
    async waitForSent(count) {
      await waitFor(() => fake.messages.length >= count, () => `sent: ${JSON.stringify(sent())}`, 4000);
      return sent();
    },
    ...(mode === 'socket'
      ? {
          injectFault: (kind) => {
            if (kind === 'disconnect') fake.dropSockets();
            else fake.failNext('apps.connections.open', { status: 500 });
          },
        }
      : {}),
  };
  return driver;
}

describeChannelContract(() => makeDriver('socket'), { name: 'slack (Socket Mode)' });
describeChannelContract(() => makeDriver('http'), { name: 'slack (HTTP Events API)' });
