// kill -9 of the built `rusty-claw-gateway` while a turn streams and two more messages wait behind it: after a
// restart on the same state directory every acknowledged message is in chat.history and the store loads. Needs the
// bin built (`pnpm exec turbo run build --filter=@rusty-claw/app-gateway...`), like bin.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatHistoryResultSchema, GatewayClient, SessionsListResultSchema, type EventFrame } from '@rusty-claw/protocol';
import { anthropicStreamChunks, createFakeServer, type FakeServer } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const TOKEN = 'crash-test-token-0123456789abcdef';

let stateDir: string;
let fake: FakeServer;
const children: ChildProcess[] = [];
const clients: GatewayClient[] = [];

/** The last text block the user sent (consecutive user messages arrive merged into one Anthropic turn). */
function lastUserText(body: unknown): string {
  const messages = (body as { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> | string }> }).messages;
  const content = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
  return typeof content === 'string' ? content : (content.filter((block) => block.type === 'text').at(-1)?.text ?? '');
}

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-crash-'));
  // The first call streams a few chunks and then hangs (the turn in progress at the kill); later calls answer.
  fake = createFakeServer({
    'POST /v1/messages': ({ callNumber, request }) => {
      const chunks = anthropicStreamChunks({ model: 'claude-sonnet-4-6', blocks: [{ type: 'text', deltas: ['Re: ', lastUserText(request.bodyJson)] }] });
      return callNumber === 0 ? { type: 'sse', chunks: chunks.slice(0, 4), holdOpen: true } : { type: 'sse', chunks };
    },
  });
  const baseUrl = await fake.start();
  const config = {
    models: { providers: { anthropic: { baseUrl, apiKey: 'sk-ant-crash', api: 'anthropic-messages', models: [{ id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6' }] } } },
    agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } },
  };
  await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(config));
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  await fake.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function launch(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, '--port', '0', '--token', TOKEN], {
    env: { PATH: process.env['PATH'] ?? '', HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir, RUSTY_CLAW_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  for (;;) {
    const match = /listening on (ws:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
    if (match) return { child, url: match[1] as string };
    if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function connect(url: string, events: EventFrame[] = []): Promise<GatewayClient> {
  const client = new GatewayClient({ url, token: TOKEN, scopes: ['operator.admin'], onEvent: (event) => events.push(event) });
  clients.push(client);
  await client.connect();
  return client;
}

describe('kill -9 during a streaming turn', () => {
  it('every acknowledged message is in chat.history after a restart, and the store loads', async () => {
    const first = await launch();
    const events: EventFrame[] = [];
    const client = await connect(first.url, events);
    const messages = ['streaming when killed', 'queued second', 'queued third'];
    for (const [index, message] of messages.entries()) {
      expect(await client.request('chat.send', { sessionKey: 'main', message, idempotencyKey: `crash-${index}` })).toEqual({ runId: `crash-${index}`, status: 'started' });
    }
    // The first turn is streaming (a delta reached us) when the process dies.
    const deadline = Date.now() + 5_000;
    while (!events.some((event) => event.event === 'chat' && (event.payload as { state: string }).state === 'delta')) {
      if (Date.now() > deadline) throw new Error('no streaming delta before the kill');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await launch();
    const after = await connect(second.url);
    // The queued messages were never run: the restarted gateway runs them (core's inbox recovery).
    let history = ChatHistoryResultSchema.parse(await after.request('chat.history', { sessionKey: 'main' }));
    const until = Date.now() + 10_000;
    while (history.messages.filter((message) => message.role === 'assistant').length < 2 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      history = ChatHistoryResultSchema.parse(await after.request('chat.history', { sessionKey: 'main' }));
    }
    const texts = history.messages.map((message) => `${message.role}: ${(message.content as Array<{ text?: string }>).map((block) => block.text ?? '').join('')}`);
    expect(texts.filter((text) => text.startsWith('user: '))).toEqual(messages.map((message) => `user: ${message}`));
    expect(texts).toContain('assistant: Re: queued second');
    expect(texts).toContain('assistant: Re: queued third');
    const sessions = SessionsListResultSchema.parse(await after.request('sessions.list', {}));
    expect(sessions.sessions.map((row) => row.key)).toEqual(['agent:main:main']);
    // The store still takes new turns.
    await after.request('agent', { message: 'still alive?', idempotencyKey: 'after-crash' }, { expectFinal: true, timeoutMs: 10_000 });
    const final = ChatHistoryResultSchema.parse(await after.request('chat.history', { sessionKey: 'main' }));
    expect(final.messages.at(-1)).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: 'Re: still alive?' }] });
  }, 30_000);
});
