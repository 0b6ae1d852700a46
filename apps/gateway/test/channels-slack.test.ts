// Slack end to end: an event on the fake Slack's Socket Mode WebSocket → Bolt in the real Slack channel → the
// gateway's router → the agent runtime → the real Anthropic provider on the fake Messages API → chat.postMessage on
// the fake Web API (same DM; in a channel, in the thread of the message).
import { FakeSlackServer, buildAppMentionEvent, buildMessageEvent } from '@rusty-claw/channels-slack/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelE2e, textTurn, userTexts, waitFor, type ChannelE2e } from './support/channel-e2e.js';

let env: ChannelE2e;
let slack: FakeSlackServer;

beforeEach(async () => {
  env = await channelE2e();
  slack = await FakeSlackServer.start({ ackTimeoutMs: 500 });
});
afterEach(async () => {
  await env.close();
  await slack.close();
});

const fastSlack = () => ({
  slack: () =>
    import('@rusty-claw/channels-slack').then((m) => (options: { accountId: string; config: unknown; logger: Parameters<typeof m.createSlackChannel>[0]['logger'] }) =>
      m.createSlackChannel({
        ...options,
        config: m.slackAccountConfigSchema.parse(options.config),
        slackApiUrl: slack.apiUrl,
        tuning: { reconnectBaseMs: 40, reconnectMaxMs: 200, helloTimeoutMs: 1000, webApiRetries: 1, lookupTimeoutMs: 500 },
      }),
    ),
});

function slackConfig(): Record<string, unknown> {
  return {
    slack: {
      mode: 'socket',
      botToken: slack.identity.botToken,
      appToken: slack.identity.appToken,
      dmPolicy: 'allowlist',
      allowFrom: ['U0OWNER'],
      channels: { C0GENERAL: { requireMention: true } },
    },
  };
}

describe('Slack → gateway → model → Slack', () => {
  it('a DM from an allowed user is answered in the same DM', async () => {
    env.anthropic.enqueue(textTurn('Hello from the model.'));
    await env.start(slackConfig(), fastSlack());
    await waitFor(() => slack.openSockets > 0, 10_000);
    slack.sendEvent(buildMessageEvent({ channel: 'D0OWNER', channelType: 'im', user: 'U0STRANGER', text: 'let me in' }));
    slack.sendEvent(buildMessageEvent({ channel: 'D0OWNER', channelType: 'im', user: 'U0OWNER', text: 'hi slack bot' }));
    const reply = await waitFor(() => slack.messages.find((message) => message.text.includes('Hello from the model.')), 15_000);
    expect(reply.channel).toBe('D0OWNER');
    expect(env.anthropic.messageRequests).toHaveLength(1);
    expect(userTexts(env.anthropic.messageRequests[0]).at(-1)).toBe('hi slack bot');
  });

  it('a mention in a listed channel is answered in its thread', async () => {
    env.anthropic.enqueue(textTurn('Threaded answer.'));
    await env.start(slackConfig(), fastSlack());
    await waitFor(() => slack.openSockets > 0, 10_000);
    const message = buildMessageEvent({ channel: 'C0GENERAL', channelType: 'channel', user: 'U0OWNER', text: `<@${slack.identity.botUserId}> help please` });
    slack.sendEvent(message);
    slack.sendEvent(buildAppMentionEvent({ channel: 'C0GENERAL', user: 'U0OWNER', text: `<@${slack.identity.botUserId}> help please`, ts: String(message['ts']) }));
    slack.sendEvent(buildMessageEvent({ channel: 'C0OTHER', channelType: 'channel', user: 'U0OWNER', text: `<@${slack.identity.botUserId}> not listed` }));
    const reply = await waitFor(() => slack.messages.find((sent) => sent.text.includes('Threaded answer.')), 15_000);
    expect(reply.channel).toBe('C0GENERAL');
    expect(reply.threadTs).toBe(String(message['ts']));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(env.anthropic.messageRequests).toHaveLength(1);
  });
});
