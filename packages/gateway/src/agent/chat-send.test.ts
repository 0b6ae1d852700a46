import { textStreamParts } from '@rusty-claw/testkit';
import { AgentEventSchema, ChatEventSchema, ChatEventV4Schema, ChatHistoryResultSchema, ChatSendResultSchema } from '@rusty-claw/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { isTerminalChat, mockModel, startAgentGateway, type AgentGateway } from './testing/start-agent-gateway.js';

describe('chat.send → chat/agent events → chat.history', () => {
  let env: AgentGateway | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('answers started at once, streams cumulative deltas and a final, and the history shows both messages', async () => {
    const model = mockModel({ stream: { parts: textStreamParts(['Hello', ', ', 'world', '!']), delayMs: 5 } });
    env = await startAgentGateway({ models: { 'mock/chat-1': model }, agentRuntime: { deltaThrottleMs: 0 } });
    const v3 = await env.client({ maxProtocol: 3 });
    const v4 = await env.client({ minProtocol: 4 });
    const answer = await v3.client.request('chat.send', { sessionKey: 'main', message: 'hi there', idempotencyKey: 'run-1' });
    expect(ChatSendResultSchema.parse(answer)).toEqual({ runId: 'run-1', status: 'started' });

    await v3.waitForEvent(isTerminalChat('run-1'));
    await v4.waitForEvent(isTerminalChat('run-1'));
    const chats = v3.chatEvents('run-1');
    for (const payload of chats) expect(ChatEventSchema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
    for (const payload of v4.chatEvents('run-1')) expect(ChatEventV4Schema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
    const deltas = chats.filter((payload) => payload['state'] === 'delta').map((payload) => (payload['message'] as { content: Array<{ text: string }> }).content[0]?.text);
    expect(deltas.length).toBeGreaterThan(1);
    // Cumulative: each delta holds the whole text so far.
    deltas.forEach((text, index) => index > 0 && expect(text?.startsWith(deltas[index - 1] ?? '')).toBe(true));
    expect(deltas.at(-1)).toBe('Hello, world!');
    // v4 clients rebuild the same text from deltaText.
    const rebuilt = v4
      .chatEvents('run-1')
      .filter((payload) => payload['state'] === 'delta')
      .reduce((text, payload) => (payload['replace'] ? String(payload['deltaText']) : text + String(payload['deltaText'])), '');
    expect(rebuilt).toBe('Hello, world!');
    const final = chats.at(-1) as Record<string, unknown>;
    expect(final).toMatchObject({ runId: 'run-1', sessionKey: 'agent:main:main', state: 'final', message: { role: 'assistant', content: [{ type: 'text', text: 'Hello, world!' }] } });
    expect(Number.isInteger(final['seq'])).toBe(true);

    const agentEvents = v3.events.filter((event) => event.event === 'agent').map((event) => event.payload as Record<string, unknown>);
    for (const payload of agentEvents) expect(AgentEventSchema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
    const lifecycle = agentEvents.filter((payload) => payload['stream'] === 'lifecycle').map((payload) => (payload['data'] as { phase: string }).phase);
    expect(lifecycle[0]).toBe('start');
    expect(lifecycle.at(-1)).toBe('end');
    expect(agentEvents.map((payload) => payload['seq'])).toEqual(agentEvents.map((_, index) => index + 1));
    // Broadcast frames carry a contiguous per-socket seq.
    expect(v3.events.map((event) => event.seq)).toEqual(v3.events.map((_, index) => index + 1));

    const history = ChatHistoryResultSchema.parse(await v3.client.request('chat.history', { sessionKey: 'main' }));
    expect(history.sessionKey).toBe('main');
    expect(history.messages.map((message) => [message.role, message.__openclaw?.seq])).toEqual([
      ['user', 1],
      ['assistant', 2],
    ]);
    expect(history.messages[0]?.content).toEqual([{ type: 'text', text: 'hi there' }]);
    expect(history.messages[1]?.content).toEqual([{ type: 'text', text: 'Hello, world!' }]);
    expect(typeof history.messages[1]?.__openclaw?.id).toBe('string');
    expect(model.calls).toHaveLength(1);
  });

  it('a duplicate key answers in_flight while running and the cached answer once finished; a new key runs again', async () => {
    const model = mockModel({ stream: () => ({ parts: textStreamParts(['slow ', 'answer']), delayMs: 40 }) });
    env = await startAgentGateway({ models: { 'mock/chat-1': model } });
    const { client, waitForEvent } = await env.client();
    const params = { sessionKey: 'main', message: 'hello', idempotencyKey: 'dup-1' };
    const [first, second] = await Promise.all([client.request('chat.send', params), client.request('chat.send', params)]);
    expect([first, second]).toEqual(expect.arrayContaining([{ runId: 'dup-1', status: 'started' }, { runId: 'dup-1', status: 'in_flight' }]));
    await waitForEvent(isTerminalChat('dup-1'));
    expect(await client.request('chat.send', params)).toEqual({ runId: 'dup-1', status: 'ok' });
    expect(model.calls).toHaveLength(1);
    await client.request('chat.send', { ...params, idempotencyKey: 'dup-2' });
    await waitForEvent(isTerminalChat('dup-2'));
    expect(model.calls).toHaveLength(2);
  });

  it('concurrent chat.send on one session: all acknowledged, run one after the other, none lost', async () => {
    let running = 0;
    let overlapped = false;
    const model = mockModel({
      stream: async (options, index) => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 15));
        running--;
        const last = options.prompt.at(-1) as { content: Array<{ text?: string }> };
        return { parts: textStreamParts(`reply ${index} to ${last.content[0]?.text ?? ''}`) };
      },
    });
    env = await startAgentGateway({ models: { 'mock/chat-1': model } });
    const { client, waitForEvent } = await env.client();
    const keys = ['c0', 'c1', 'c2', 'c3', 'c4'];
    const answers = await Promise.all(keys.map((key, index) => client.request('chat.send', { sessionKey: 'main', message: `message ${index}`, idempotencyKey: key })));
    expect(answers).toEqual(keys.map((runId) => ({ runId, status: 'started' })));
    for (const key of keys) await waitForEvent(isTerminalChat(key));
    expect(overlapped).toBe(false);
    const history = ChatHistoryResultSchema.parse(await client.request('chat.history', { sessionKey: 'main' }));
    const texts = history.messages.map((message) => `${message.role}:${(message.content as Array<{ text: string }>)[0]?.text}`);
    expect(texts).toHaveLength(10);
    // Each reply follows its own message (the run sees its message last).
    for (let i = 0; i < 5; i++) {
      expect(texts[2 * i]?.startsWith('user:message ')).toBe(true);
      const asked = texts[2 * i]?.slice('user:'.length);
      expect(texts[2 * i + 1]).toBe(`assistant:reply ${i} to ${asked}`);
    }
    expect(new Set(texts.filter((text) => text.startsWith('user:')))).toEqual(new Set(keys.map((_, index) => `user:message ${index}`)));
  });

  it('a 10 MB message is refused with a clear error and nothing is stored; a frame over maxPayload closes the socket', async () => {
    const model = mockModel({ stream: { parts: textStreamParts('never') } });
    env = await startAgentGateway({ models: { 'mock/chat-1': model }, agentRuntime: {} });
    const { client } = await env.client();
    const huge = 'x'.repeat(10 * 1024 * 1024);
    await expect(client.request('chat.send', { sessionKey: 'main', message: huge, idempotencyKey: 'big' }, { timeoutMs: 20_000 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('message too large: 10485760 characters, the limit is 1000000'),
    });
    expect(model.calls).toHaveLength(0);
    const history = ChatHistoryResultSchema.parse(await client.request('chat.history', { sessionKey: 'main' }));
    expect(history.messages).toEqual([]);
    // The frame limit still applies on top: 26 MB is more than policy.maxPayload (25 MiB), so the socket is closed.
    const closed = new Promise<number>((resolve) => {
      const ws = (client as unknown as { socket?: { once(event: 'close', listener: (code: number) => void): void } }).socket;
      ws?.once('close', resolve);
    });
    const tooBig = client.request('chat.send', { sessionKey: 'main', message: 'y'.repeat(26 * 1024 * 1024), idempotencyKey: 'frame' }, { timeoutMs: 20_000 });
    await expect(tooBig).rejects.toMatchObject({ code: 'CLOSED' });
    expect(await closed).toBe(1009);
  }, 30_000);
});
