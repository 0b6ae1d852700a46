// Telegram end to end: a message injected into the fake Bot API → grammY long polling in the real Telegram channel →
// the gateway's router → the agent runtime → the real Anthropic provider against the fake Messages API → the reply
// through the channel, seen as the fake's recorded sendMessage calls. Plus DM pairing approved with the CLI's own
// command function, blocked senders, groups and forum topics, and `channels status`.
import { channelsStatusCommand, pairingApproveCommand, pairingListCommand, type CommandContext } from '@rusty-claw/cli';
import { startFakeTelegramServer, type FakeTelegramServer } from '@rusty-claw/channels-telegram/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelE2e, textTurn, TOKEN, userTexts, waitFor, type ChannelE2e } from './support/channel-e2e.js';

let env: ChannelE2e;
let telegram: FakeTelegramServer;

beforeEach(async () => {
  env = await channelE2e();
  telegram = await startFakeTelegramServer();
});
afterEach(async () => {
  await env.close();
  await telegram.close();
});

/** Short long-poll holds, so stopping the gateway does not wait for a 30 s getUpdates. */
const fastTelegram = {
  telegram: () => import('@rusty-claw/channels-telegram').then((m) => (options: Parameters<typeof m.createTelegramChannel>[0]) => m.createTelegramChannel({ ...options, tuning: { pollTimeoutSeconds: 1, backoffBaseMs: 20, backoffMaxMs: 200 } })),
};

function telegramConfig(extra: Record<string, unknown>): Record<string, unknown> {
  return { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, ...extra } };
}

function cliContext(): CommandContext & { out: () => string } {
  let out = '';
  const sink = { write: (chunk: string) => ((out += chunk), true) };
  return { stdout: sink, stderr: sink, env: {}, version: 'e2e', out: () => out };
}

const sentTexts = () => telegram.callsTo('sendMessage').map((call) => ({ chat: String(call.params['chat_id']), text: String(call.params['text']), thread: call.params['message_thread_id'], replyTo: call.params['reply_parameters'] ?? call.params['reply_to_message_id'] }));

describe('Telegram → gateway → model → Telegram', () => {
  it('a DM from an allowed sender is answered in the same chat by the model', async () => {
    env.anthropic.enqueue(textTurn('Hello from the model.'));
    await env.start(telegramConfig({ dmPolicy: 'allowlist', allowFrom: ['5001'] }), fastTelegram);
    telegram.injectMessage({ chatId: 5001, fromId: 5001, text: 'hi there' });
    const reply = await waitFor(() => sentTexts().find((message) => message.text.includes('Hello from the model.')));
    expect(reply.chat).toBe('5001');
    expect(userTexts(env.anthropic.messageRequests[0]).at(-1)).toBe('hi there');
    // Acknowledged (offset advanced) once durable: Telegram would not redeliver it.
    await waitFor(() => telegram.pendingUpdateIds().length === 0);
    expect(telegram.callsTo('sendChatAction').some((call) => String(call.params['chat_id']) === '5001')).toBe(true);
  });

  it('a group forum topic: mention-gated, answered in the same topic as a reply to the message', async () => {
    env.anthropic.enqueue(textTurn('Topic answer.'));
    await env.start(telegramConfig({ dmPolicy: 'allowlist', allowFrom: ['5001'], groups: { '-1001234': { requireMention: true } } }), fastTelegram);
    telegram.injectMessage({ chatId: -1001234, fromId: 5001, text: 'chatter without a mention', threadId: 9 });
    const { messageId } = telegram.injectMessage({ chatId: -1001234, fromId: 5001, text: 'what is up?', mentionBot: true, threadId: 9 });
    const reply = await waitFor(() => sentTexts().find((message) => message.text.includes('Topic answer.')));
    expect(reply.chat).toBe('-1001234');
    expect(String(reply.thread)).toBe('9');
    expect(JSON.stringify(reply.replyTo)).toContain(String(messageId));
    expect(env.anthropic.messageRequests).toHaveLength(1);
  });

  it('a blocked sender is ignored: no model call, no reply; the update is still acknowledged', async () => {
    await env.start(telegramConfig({ dmPolicy: 'allowlist', allowFrom: ['5001'] }), fastTelegram);
    telegram.injectMessage({ chatId: 6666, fromId: 6666, text: 'let me in' });
    await waitFor(() => telegram.pendingUpdateIds().length === 0 && telegram.callsTo('getUpdates').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(telegram.callsTo('sendMessage')).toHaveLength(0);
    expect(env.anthropic.messageRequests).toHaveLength(0);
  });

  it('pairing: an unknown sender gets one code; `rusty-claw pairing approve telegram <code>` lets the next message through', async () => {
    const gateway = await env.start(telegramConfig({ dmPolicy: 'pairing' }), fastTelegram);
    telegram.injectMessage({ chatId: 7002, fromId: 7002, fromUsername: 'carol', text: 'hello?' });
    const challenge = await waitFor(() => sentTexts().find((message) => message.chat === '7002'));
    const code = /([A-HJ-NP-Z2-9]{8})/.exec(challenge.text)?.[1];
    expect(code, challenge.text).toBeDefined();
    expect(challenge.text).toContain(`rusty-claw pairing approve telegram ${code}`);
    telegram.injectMessage({ chatId: 7002, fromId: 7002, text: 'still there?' });
    await waitFor(() => telegram.pendingUpdateIds().length === 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentTexts()).toHaveLength(1); // the code is not sent again
    expect(env.anthropic.messageRequests).toHaveLength(0);

    const list = cliContext();
    expect(await pairingListCommand({ url: gateway.url, token: TOKEN, channel: 'telegram' }, list)).toBe(0);
    expect(list.out()).toContain(code);
    const approve = cliContext();
    expect(await pairingApproveCommand({ url: gateway.url, token: TOKEN, channel: 'telegram', code: code as string }, approve)).toBe(0);
    expect(approve.out()).toBe('Approved telegram sender 7002.\n');
    const wrong = cliContext();
    expect(await pairingApproveCommand({ url: gateway.url, token: TOKEN, channel: 'telegram', code: code as string }, wrong)).toBe(1);
    expect(wrong.out()).toContain(`No pending pairing request found for code: ${code}`);

    env.anthropic.enqueue(textTurn('Welcome aboard.'));
    telegram.injectMessage({ chatId: 7002, fromId: 7002, text: 'now?' });
    await waitFor(() => sentTexts().find((message) => message.text.includes('Welcome aboard.')));
    expect(userTexts(env.anthropic.messageRequests[0])).toEqual(['now?']);
  });

  it('`rusty-claw channels status` shows the account running and connected with traffic times', async () => {
    env.anthropic.enqueue(textTurn('ok'));
    const gateway = await env.start(telegramConfig({ dmPolicy: 'open', allowFrom: ['*'] }), fastTelegram);
    telegram.injectMessage({ chatId: 5001, fromId: 5001, text: 'ping' });
    await waitFor(() => sentTexts().length === 1);
    const output = cliContext();
    expect(await channelsStatusCommand({ url: gateway.url, token: TOKEN, probe: true }, output)).toBe(0);
    expect(output.out()).toMatch(/^Telegram default: connected · polling · in (just now|\d.*ago) · out (just now|\d.*ago) · reconnects 0$/m);
    expect(output.out()).toContain('probe: ok as rusty_test_bot');
  });

  it('a wrong bot token at start-up: clear error in status, the gateway keeps running', async () => {
    telegram.fault({ kind: 'unauthorized' });
    const gateway = await env.start(telegramConfig({ dmPolicy: 'open', allowFrom: ['*'] }), fastTelegram);
    const output = cliContext();
    await waitFor(async () => {
      await channelsStatusCommand({ url: gateway.url, token: TOKEN }, output);
      return /last error: .*(401|nauthorized)/i.test(output.out());
    });
    expect(output.out()).toMatch(/Telegram default: (failed|disconnected|stopped)/);
    expect((await fetch(`http://127.0.0.1:${gateway.port}/healthz`)).status).toBe(200);
  });
});
