// Durable before ack, proven with a real crash: a gateway process is killed with SIGKILL while the model is still
// answering a Telegram message it already acknowledged. After a restart on the same state dir the message is answered
// exactly once — not lost (it was acknowledged, so Telegram will not send it again), not answered twice (even when
// the platform redelivers it too), and not stored twice in the transcript.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatHistoryResultSchema, GatewayClient } from '@rusty-claw/protocol';
import { startFakeTelegramServer, type FakeTelegramServer } from '@rusty-claw/channels-telegram/testing';
import { anthropicBlockChunks, anthropicMessageStart, createAnthropicFakeServer, type AnthropicFakeServer, type FakeResponse } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANTHROPIC_KEY, anthropicProvider, textTurn, TOKEN, userTexts, waitFor } from './support/channel-e2e.js';
import { spawnGatewayChild, type GatewayChild } from './support/spawn-gateway-child.js';

let stateDir: string;
let telegram: FakeTelegramServer;
let anthropic: AnthropicFakeServer;
const children: GatewayChild[] = [];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-app-channels-crash-'));
  telegram = await startFakeTelegramServer();
  anthropic = createAnthropicFakeServer({ apiKey: ANTHROPIC_KEY });
  const baseUrl = await anthropic.start();
  const config = {
    models: { providers: { anthropic: anthropicProvider(baseUrl) } },
    agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' }, workspace: join(stateDir, 'workspace') } },
    channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, dmPolicy: 'allowlist', allowFrom: ['5001'] } },
  };
  await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(config));
});
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill9();
  await telegram.close();
  await anthropic.close();
  await rm(stateDir, { recursive: true, force: true });
});

/** A reply that starts streaming and never ends: the gateway is killed while it is in flight. */
function hangingTurn(): FakeResponse {
  const [start = '', ...rest] = anthropicBlockChunks({ type: 'text', deltas: ['Let me think'] }, 0);
  return { type: 'sse', chunks: [anthropicMessageStart({}), start, ...rest.slice(0, -1)], holdOpen: true };
}

const replies = (text: string) => telegram.callsTo('sendMessage').filter((call) => String(call.params['text']).includes(text));

describe('kill -9 between receipt and reply', () => {
  it('the acknowledged message is answered once after the restart, even when Telegram redelivers it', { timeout: 40_000 }, async () => {
    anthropic.enqueue(hangingTurn());
    const first = await spawnGatewayChild(stateDir, TOKEN);
    children.push(first);
    const { messageId } = telegram.injectMessage({ chatId: 5001, fromId: 5001, text: 'please survive a crash' });
    // The model is answering: the message was journaled and acknowledged (Telegram's offset moved past it).
    await waitFor(() => anthropic.messageRequests.length === 1, 15_000);
    await waitFor(() => telegram.pendingUpdateIds().length === 0);
    await first.kill9();
    expect(replies('')).toHaveLength(0);

    // The platform delivers the same message again (as after a lost acknowledgement), then the gateway restarts.
    telegram.injectMessage({ chatId: 5001, fromId: 5001, text: 'please survive a crash', messageId });
    anthropic.enqueue(textTurn('Recovered answer.'));
    const second = await spawnGatewayChild(stateDir, TOKEN);
    children.push(second);
    await waitFor(() => replies('Recovered answer.').length === 1, 15_000);
    await waitFor(() => telegram.pendingUpdateIds().length === 0);
    // Quiet period: nothing else may arrive (no second answer, no second model call).
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(replies('Recovered answer.')).toHaveLength(1);
    expect(String(replies('Recovered answer.')[0]?.params['chat_id'])).toBe('5001');
    expect(anthropic.messageRequests).toHaveLength(2);
    // The re-run continues from the user entry the killed run stored (its id is derived from the Telegram message):
    // the model sees the message once, and the transcript holds it once, followed by the one answer.
    // (Counted in the joined text: consecutive user messages are merged into one Anthropic turn.)
    expect(userTexts(anthropic.messageRequests[1]).join('\n').split('please survive a crash')).toHaveLength(2);
    const client = new GatewayClient({ url: second.url, token: TOKEN, scopes: ['operator.admin'] });
    try {
      await client.connect();
      const history = ChatHistoryResultSchema.parse(await client.request('chat.history', { sessionKey: 'main' }));
      const texts = history.messages.map((message) => `${message.role}: ${(message.content as Array<{ text?: string }>).map((block) => block.text ?? '').join('')}`);
      expect(texts.filter((text) => text.startsWith('user: '))).toHaveLength(1);
      expect(texts.filter((text) => text.startsWith('user: ') && text.includes('please survive a crash'))).toHaveLength(1);
      expect(texts.at(-1)).toBe('assistant: Recovered answer.');
    } finally {
      await client.close();
    }
  });
});
