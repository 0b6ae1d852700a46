// End to end through the real gateway (runGateway, as the bin composes it) and the real provider packages, pointed
// at the testkit's fake provider servers on 127.0.0.1: chat.send → streamed chat events → chat.history, and failover
// from an overloaded Anthropic (529) to OpenAI.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGateway, type RunningGateway } from '@rusty-claw/gateway';
import { ChatEventSchema, ChatHistoryResultSchema, GatewayClient, type EventFrame } from '@rusty-claw/protocol';
import { anthropicErrors, createAnthropicFakeServer, createOpenAIFakeServer, type AnthropicFakeServer, type OpenAIFakeServer } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providerFactories } from '../src/compose/provider-factories.js';

const TOKEN = 'e2e-chat-token-0123456789abcdef';
const silent = { write: () => true };

let stateDir: string;
let gateway: RunningGateway | undefined;
let anthropic: AnthropicFakeServer | undefined;
let openai: OpenAIFakeServer | undefined;
const clients: GatewayClient[] = [];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-app-chat-'));
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await gateway?.close();
  gateway = undefined;
  await anthropic?.close();
  await openai?.close();
  anthropic = openai = undefined;
  await rm(stateDir, { recursive: true, force: true });
});

async function start(config: Record<string, unknown>): Promise<RunningGateway> {
  await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(config));
  gateway = await runGateway({ port: 0, stateDir, token: TOKEN, handleSignals: false, stdout: silent, stderr: silent, env: {}, providers: providerFactories() });
  return gateway;
}

async function connect(url: string): Promise<{ client: GatewayClient; events: EventFrame[]; until: (runId: string) => Promise<void> }> {
  const events: EventFrame[] = [];
  const waiters: Array<() => void> = [];
  const client = new GatewayClient({ url, token: TOKEN, scopes: ['operator.admin'], maxProtocol: 3, onEvent: (event) => (events.push(event), waiters.splice(0).forEach((wake) => wake())) });
  clients.push(client);
  await client.connect();
  const until = async (runId: string): Promise<void> => {
    const done = () => events.some((event) => event.event === 'chat' && (event.payload as { runId: string; state: string }).runId === runId && (event.payload as { state: string }).state !== 'delta');
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { client, events, until };
}

const anthropicProvider = (baseUrl: string) => ({
  baseUrl,
  apiKey: 'sk-ant-e2e',
  api: 'anthropic-messages',
  models: [{ id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6', contextWindow: 200_000 }],
});

describe('rusty-claw-gateway with real providers against fake servers', () => {
  it('chat.send streams the Anthropic answer as chat events and chat.history shows it', async () => {
    anthropic = createAnthropicFakeServer({ apiKey: 'sk-ant-e2e', turns: [{ blocks: [{ type: 'text', deltas: ['Bonjour', ', ', 'le ', 'monde.'] }], usage: { inputTokens: 21, outputTokens: 7 } }] });
    const baseUrl = await anthropic.start();
    const running = await start({ models: { providers: { anthropic: anthropicProvider(baseUrl) } }, agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } } });
    const { client, events, until } = await connect(running.url);

    expect(await client.request('chat.send', { sessionKey: 'main', message: 'Say hello in French', idempotencyKey: 'e2e-1' })).toEqual({ runId: 'e2e-1', status: 'started' });
    await until('e2e-1');
    const chat = events.filter((event) => event.event === 'chat').map((event) => ChatEventSchema.parse(event.payload));
    expect(chat.at(-1)).toMatchObject({ state: 'final', message: { content: [{ type: 'text', text: 'Bonjour, le monde.' }] } });
    expect(chat.filter((event) => event.state === 'delta').length).toBeGreaterThan(0);

    const history = ChatHistoryResultSchema.parse(await client.request('chat.history', { sessionKey: 'main' }));
    expect(history.messages.map((message) => [message.role, (message.content as Array<{ text: string }>)[0]?.text])).toEqual([
      ['user', 'Say hello in French'],
      ['assistant', 'Bonjour, le monde.'],
    ]);
    expect(history.messages[1]).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-6', usage: { input: 21, output: 7 } });

    const request = anthropic.messageRequests[0] as { model: string; stream: boolean; system?: unknown; messages: Array<{ role: string; content: unknown }> };
    expect(request).toMatchObject({ model: 'claude-sonnet-4-6', stream: true });
    expect(JSON.stringify(request.system)).toContain('Rusty Claw');
    expect(JSON.stringify(request.messages.at(-1))).toContain('Say hello in French');
  });

  it('failover: Anthropic answers 529 overloaded, the OpenAI fallback answers', async () => {
    anthropic = createAnthropicFakeServer({ apiKey: 'sk-ant-e2e', turns: [anthropicErrors.overloaded()] });
    openai = createOpenAIFakeServer({ apiKey: 'sk-openai-e2e', chatTurns: [{ text: ['Fallback ', 'here.'], usage: { promptTokens: 12, completionTokens: 3 } }] });
    const [anthropicUrl, openaiUrl] = await Promise.all([anthropic.start(), openai.start()]);
    const running = await start({
      models: {
        providers: {
          anthropic: anthropicProvider(anthropicUrl),
          openai: { baseUrl: `${openaiUrl}/v1`, apiKey: 'sk-openai-e2e', api: 'openai-completions', models: [{ id: 'gpt-5.1', name: 'GPT-5.1' }] },
        },
      },
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6', fallbacks: ['openai/gpt-5.1'] } } },
    });
    const { client, events, until } = await connect(running.url);
    await client.request('chat.send', { sessionKey: 'main', message: 'Are you there?', idempotencyKey: 'e2e-2' });
    await until('e2e-2');
    const final = events.filter((event) => event.event === 'chat').map((event) => ChatEventSchema.parse(event.payload)).at(-1);
    expect(final).toMatchObject({ state: 'final', message: { content: [{ type: 'text', text: 'Fallback here.' }] } });
    const lifecycle = events
      .filter((event) => event.event === 'agent' && (event.payload as { stream: string }).stream === 'lifecycle')
      .map((event) => (event.payload as { data: Record<string, unknown> }).data);
    expect(lifecycle.find((data) => data['phase'] === 'failover')).toMatchObject({ decision: 'next', ref: 'anthropic/claude-sonnet-4-6', errorKind: 'overloaded', statusCode: 529 });
    expect(lifecycle.find((data) => data['phase'] === 'fallback')).toMatchObject({ selectedProvider: 'anthropic', activeProvider: 'openai', activeModel: 'gpt-5.1' });
    expect(anthropic.messageRequests).toHaveLength(1);
    expect(openai.chatRequests).toHaveLength(1);
    const history = ChatHistoryResultSchema.parse(await client.request('chat.history', { sessionKey: 'main' }));
    expect(history.messages.at(-1)).toMatchObject({ role: 'assistant', provider: 'openai', model: 'gpt-5.1' });
  });
});
