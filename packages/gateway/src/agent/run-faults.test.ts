import { defineTool, ProviderError } from '@rusty-claw/plugin-sdk';
import { ChatHistoryResultSchema } from '@rusty-claw/protocol';
import { mockResponses, textStreamParts } from '@rusty-claw/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isTerminalChat, mockModel, startAgentGateway, type AgentGateway } from './testing/start-agent-gateway.js';

type Message = { role: string; content: unknown; isError?: boolean; stopReason?: string; toolName?: string };

async function history(client: { request: (method: string, params: unknown) => Promise<unknown> }): Promise<Message[]> {
  return ChatHistoryResultSchema.parse(await client.request('chat.history', { sessionKey: 'main' })).messages as Message[];
}

function textOf(message: Message | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  return (content as Array<{ type: string; text?: string }>).flatMap((block) => (block.type === 'text' ? [block.text ?? ''] : [])).join('');
}

describe('faults during a run', () => {
  let env: AgentGateway | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('chat.abort mid-stream: aborted event with the partial reply, which stays in the history', async () => {
    const chunks = Array.from({ length: 200 }, (_, index) => `w${index} `);
    env = await startAgentGateway({ models: { 'mock/slow': mockModel({ stream: { parts: textStreamParts(chunks), delayMs: 10 } }) }, agentRuntime: { deltaThrottleMs: 0 } });
    const { client, waitForEvent, chatEvents } = await env.client();
    await client.request('chat.send', { sessionKey: 'main', message: 'talk a lot', idempotencyKey: 'ab-1' });
    await waitForEvent((event) => event.event === 'chat' && (event.payload as { state?: string }).state === 'delta');
    expect(await client.request('chat.abort', { sessionKey: 'main', runId: 'ab-1' })).toEqual({ ok: true, aborted: true, runIds: ['ab-1'] });
    const end = (await waitForEvent(isTerminalChat('ab-1'))).payload as { state: string; message?: { content: Array<{ text: string }> } };
    expect(end.state).toBe('aborted');
    const partial = end.message?.content[0]?.text ?? '';
    expect(partial.startsWith('w0')).toBe(true); // trimmed, as OpenClaw sends it
    expect(partial.length).toBeLessThan(chunks.join('').length);
    expect(chatEvents('ab-1').filter((payload) => payload['state'] === 'final')).toEqual([]);
    const messages = await history(client);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(textOf(messages[1]).startsWith('w0 ')).toBe(true);
    expect(messages[1]?.stopReason).toBe('aborted');
    // Aborting again is a no-op, not an error.
    expect(await client.request('chat.abort', { sessionKey: 'main', runId: 'ab-1' })).toEqual({ ok: true, aborted: false, runIds: [] });
  });

  it('aborting a queued message ends it as aborted and still keeps the message in the history', async () => {
    const model = mockModel({ stream: [{ parts: textStreamParts(['first ', 'answer']), delayMs: 60 }, mockResponses.text('never used')] });
    env = await startAgentGateway({ models: { 'mock/slow': model } });
    const { client, waitForEvent } = await env.client();
    await client.request('chat.send', { sessionKey: 'main', message: 'one', idempotencyKey: 'q-1' });
    await client.request('chat.send', { sessionKey: 'main', message: 'two', idempotencyKey: 'q-2' });
    expect(await client.request('chat.abort', { sessionKey: 'main', runId: 'q-2' })).toEqual({ ok: true, aborted: true, runIds: ['q-2'] });
    expect(((await waitForEvent(isTerminalChat('q-2'))).payload as { state: string }).state).toBe('aborted');
    expect(((await waitForEvent(isTerminalChat('q-1'))).payload as { state: string }).state).toBe('final');
    const messages = await history(client);
    expect(messages.map((message) => `${message.role}:${textOf(message)}`)).toEqual(['user:one', 'assistant:first answer', 'user:two']);
    expect(model.calls).toHaveLength(1);
  });

  it('a provider that hangs times out and the run fails over to the fallback', async () => {
    const hanging = mockModel({ stream: { parts: [], holdOpen: true } });
    const fallback = mockModel({ provider: 'mock', modelId: 'backup', stream: mockResponses.text('from the fallback') });
    env = await startAgentGateway({ models: { 'mock/hangs': hanging, 'mock/backup': fallback }, agentRuntime: { modelIdleTimeoutMs: 150 } });
    const { client, waitForEvent, events } = await env.client();
    await client.request('chat.send', { sessionKey: 'main', message: 'hello?', idempotencyKey: 'hang-1' });
    const end = (await waitForEvent(isTerminalChat('hang-1'))).payload as { state: string; message?: { content: Array<{ text: string }> } };
    expect(end.state).toBe('final');
    expect(end.message?.content[0]?.text).toBe('from the fallback');
    const decisions = events
      .filter((event) => event.event === 'agent' && (event.payload as { stream?: string }).stream === 'lifecycle')
      .map((event) => (event.payload as { data: Record<string, unknown> }).data)
      .filter((data) => data['phase'] === 'failover' || data['phase'] === 'fallback');
    expect(decisions[0]).toMatchObject({ phase: 'failover', decision: 'next', ref: 'mock/hangs', errorKind: 'timeout' });
    expect(decisions.at(-1)).toMatchObject({ phase: 'fallback', activeModel: 'backup' });
    expect(hanging.calls).toHaveLength(1);
    expect(fallback.calls).toHaveLength(1);
  });

  it('every model failing ends the run with a chat error naming the attempts; the message is kept', async () => {
    const failing = mockModel({ stream: mockResponses.error(new ProviderError('overloaded', { kind: 'overloaded', provider: 'mock', statusCode: 529 })) });
    env = await startAgentGateway({ models: { 'mock/down': failing } });
    const { client, waitForEvent } = await env.client();
    await client.request('chat.send', { sessionKey: 'main', message: 'anyone?', idempotencyKey: 'down-1' });
    const end = (await waitForEvent(isTerminalChat('down-1'))).payload as { state: string; errorMessage: string; errorKind: string };
    expect(end).toMatchObject({ state: 'error', errorKind: 'rate_limit' });
    expect(end.errorMessage).toContain('mock/down');
    expect((await history(client)).map((message) => textOf(message))).toEqual(['anyone?']);
    // The idempotency key now answers with the cached failure.
    await expect(client.request('chat.send', { sessionKey: 'main', message: 'anyone?', idempotencyKey: 'down-1' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('a tool that throws and a call with invalid arguments become error results; the run continues', async () => {
    const explode = defineTool({
      name: 'explode',
      description: 'always fails',
      inputSchema: z.object({}),
      execute: async () => {
        throw new Error('kaboom');
      },
    });
    const add = defineTool({
      name: 'add',
      description: 'adds two numbers',
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: async ({ a, b }) => String(a + b),
    });
    const model = mockModel({
      stream: [
        mockResponses.toolCalls([
          { toolCallId: 't1', toolName: 'explode', input: {} },
          { toolCallId: 't2', toolName: 'add', input: { a: 'one', b: 2 } },
        ]),
        mockResponses.text('I could not do that, sorry.'),
      ],
    });
    env = await startAgentGateway({ models: { 'mock/tools': model }, tools: [explode, add] });
    const starter = await env.client({ caps: ['tool-events'] });
    const watcher = await env.client({ caps: ['tool-events'] });
    const reader = await env.client({ scopes: ['operator.read'] });
    const outsider = await env.client({ scopes: ['operator.pairing'] });
    await starter.client.request('chat.send', { sessionKey: 'main', message: 'try the tools', idempotencyKey: 'tools-1' });
    const end = (await starter.waitForEvent(isTerminalChat('tools-1'))).payload as { state: string; message?: { content: Array<{ text: string }> } };
    expect(end.state).toBe('final');
    expect(end.message?.content[0]?.text).toBe('I could not do that, sorry.');

    const messages = await history(starter.client);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'toolResult', 'toolResult', 'assistant']);
    const results = messages.filter((message) => message.role === 'toolResult');
    expect(results.every((message) => message.isError === true)).toBe(true);
    expect(textOf(results.find((message) => message.toolName === 'explode'))).toContain('kaboom');
    expect(textOf(results.find((message) => message.toolName === 'add'))).toMatch(/a/);
    // The second model call saw both error results.
    expect(JSON.stringify(model.prompt(1))).toContain('kaboom');

    // Tool events: only the socket that started the run with the tool-events cap.
    const toolEvents = (events: typeof starter.events) => events.filter((event) => event.event === 'agent' && (event.payload as { stream?: string }).stream === 'tool');
    expect(toolEvents(starter.events).map((event) => (event.payload as { data: { phase: string } }).data.phase)).toEqual(['start', 'start', 'result', 'result']);
    await reader.waitForEvent(isTerminalChat('tools-1'));
    await watcher.waitForEvent(isTerminalChat('tools-1'));
    expect(toolEvents(watcher.events)).toEqual([]);
    expect(toolEvents(reader.events)).toEqual([]);
    // Read scope sees chat and agent events; a socket without it sees neither.
    expect(reader.events.some((event) => event.event === 'agent')).toBe(true);
    expect(outsider.events.some((event) => event.event === 'chat' || event.event === 'agent')).toBe(false);
  });
});
