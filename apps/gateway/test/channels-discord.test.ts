// Discord end to end: MESSAGE_CREATE on the fake Discord gateway WebSocket → discord.js in the real Discord channel →
// the gateway's router → the agent runtime → the real Anthropic provider on the fake Messages API → the reply through
// Discord REST, seen in the fake's recorded messages (same DM, same guild thread, as a reply).
import { createFakeDiscordServer, type FakeDiscordServer } from '@rusty-claw/channels-discord/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelE2e, textTurn, userTexts, waitFor, type ChannelE2e } from './support/channel-e2e.js';

const GUILD = '200000000000000001';
const GENERAL = '300000000000000001';
const THREAD = '300000000000000002';
const DM = '500000000000000001';
const USER = '600000000000000001';
const STRANGER = '600000000000000009';
const BOT = '100000000000000001';
const TOKEN = 'fake-discord-token';

let env: ChannelE2e;
let discord: FakeDiscordServer;

beforeEach(async () => {
  env = await channelE2e();
  discord = await createFakeDiscordServer({
    token: TOKEN,
    bot: { id: BOT, username: 'rusty' },
    heartbeatIntervalMs: 1_000,
    guilds: [{ id: GUILD, name: 'E2E Guild', channels: [{ id: GENERAL, type: 0, name: 'general' }], threads: [{ id: THREAD, type: 11, name: 'topic', parent_id: GENERAL }] }],
  });
});
afterEach(async () => {
  await env.close();
  await discord.close();
});

const fastDiscord = {
  discord: () =>
    import('@rusty-claw/channels-discord').then((m) => (options: { accountId: string; config: unknown; logger: Parameters<typeof m.createDiscordChannel>[0]['logger'] }) =>
      m.createDiscordChannel({ ...options, config: options.config as Parameters<typeof m.createDiscordChannel>[0]['config'], env: {}, tuning: { backoffBaseMs: 50, backoffMaxMs: 200, identifyIntervalMs: 20 } }),
    ),
};

function discordConfig(): Record<string, unknown> {
  return { discord: { token: TOKEN, apiRoot: discord.apiUrl, cdnRoot: discord.cdnUrl, dmPolicy: 'allowlist', allowFrom: [USER], guilds: { [GUILD]: { requireMention: true } } } };
}

const created = () => discord.sent.filter((message) => message.kind === 'create');

describe('Discord → gateway → model → Discord', () => {
  it('a DM from an allowed user is answered in the same DM; a stranger is ignored', async () => {
    env.anthropic.enqueue(textTurn('Hi from the model.'));
    await env.start(discordConfig(), fastDiscord);
    discord.injectMessage({ channelId: '500000000000000099', author: { id: STRANGER }, content: 'let me in' });
    discord.injectMessage({ channelId: DM, author: { id: USER }, content: 'hello bot' });
    const reply = await waitFor(() => created().find((message) => message.content.includes('Hi from the model.')), 15_000);
    expect(reply.chatId).toBe(DM);
    expect(env.anthropic.messageRequests).toHaveLength(1);
    expect(userTexts(env.anthropic.messageRequests[0]).at(-1)).toBe('hello bot');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(created()).toHaveLength(1);
  });

  it('a mention in a guild thread is answered in that thread as a reply; an unmentioned message is not', async () => {
    env.anthropic.enqueue(textTurn('Thread answer.'));
    await env.start(discordConfig(), fastDiscord);
    discord.injectMessage({ channelId: THREAD, author: { id: USER }, content: 'just chatting' });
    const asked = discord.injectMessage({ channelId: THREAD, author: { id: USER }, content: `<@${BOT}> what now?`, mentions: [BOT] });
    const reply = await waitFor(() => created().find((message) => message.content.includes('Thread answer.')), 15_000);
    expect(reply).toMatchObject({ chatId: GENERAL, threadId: THREAD, replyTo: asked.id });
    expect(env.anthropic.messageRequests).toHaveLength(1);
  });
});
