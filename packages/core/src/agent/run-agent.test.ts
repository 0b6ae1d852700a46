import { defineTool, ToolError, type LanguageModelStreamPart, type Tool } from '@rusty-claw/plugin-sdk';
import { createMemorySessionStore, MockLanguageModel, mockResponses, textStreamParts, toolCallStreamParts } from '@rusty-claw/testkit';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { AgentError } from './agent-error.js';
import { runAgent } from './run-agent.js';
import { candidate, eventLog, readEntries, readMessages } from './testing/agent-test-helpers.js';

const key = 'agent:main:main';

const clock = defineTool({
  name: 'clock',
  description: 'Current time',
  inputSchema: z.object({ zone: z.string() }),
  execute: async ({ zone }) => `12:00 in ${zone}`,
});

describe('runAgent', () => {
  test('appends the user message before the model runs, streams text events, and records the answer and usage', async () => {
    const store = createMemorySessionStore();
    let transcriptAtCall: unknown[] = [];
    const model = new MockLanguageModel({
      provider: 'anthropic',
      modelId: 'claude-x',
      stream: async () => {
        transcriptAtCall = await readMessages(store, key);
        return mockResponses.text(['Hello', ' there'], { usage: { inputTokens: 20, outputTokens: 4, cacheReadTokens: 100, cacheWriteTokens: 3 } });
      },
    });
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'Hi', models: [candidate(model, { api: 'anthropic-messages', contextWindow: 1000 })], systemPrompt: 'Be nice.', onEvent: log.onEvent });

    expect(transcriptAtCall).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }], timestamp: expect.any(Number) }]);
    expect(result).toMatchObject({ status: 'ok', text: 'Hello there', stopReason: 'stop', iterations: 1, model: { ref: 'anthropic/claude-x' } });
    expect(result.usage).toEqual({ input: 20, output: 4, cacheRead: 100, cacheWrite: 3, totalTokens: 127, contextTokens: 123, calls: 1 });
    expect(model.prompt()).toEqual([
      { role: 'system', content: 'Be nice.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi', cacheBreakpoint: true }] },
    ]);
    expect(log.of('assistant').map((event) => event.data)).toEqual([
      { text: 'Hello', delta: 'Hello' },
      { text: 'Hello there', delta: ' there' },
    ]);
    expect(log.events.map((event) => event.seq)).toEqual(log.events.map((_, index) => index + 1));
    expect(log.events[0]).toMatchObject({ stream: 'lifecycle', runId: result.runId, sessionKey: key, data: { phase: 'start' } });
    expect(log.events.at(-1)).toMatchObject({ stream: 'lifecycle', data: { phase: 'end', stopReason: 'stop' } });

    const entries = await readEntries(store, key);
    expect(entries.map((entry) => entry.parentId)).toEqual([null, entries[0]?.id]);
    expect((entries[1] as { message: unknown }).message).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello there' }],
      api: 'anthropic-messages',
      provider: 'anthropic',
      model: 'claude-x',
      usage: { input: 20, output: 4, cacheRead: 100, cacheWrite: 3, totalTokens: 127, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
      stopReason: 'stop',
      timestamp: expect.any(Number),
    });
    expect((await store.get(key))?.meta).toEqual({
      modelProvider: 'anthropic',
      model: 'claude-x',
      contextTokens: 1000,
      inputTokens: 20,
      outputTokens: 4,
      cacheRead: 100,
      cacheWrite: 3,
      totalTokens: 123,
      totalTokensFresh: true,
    });
  });

  test('runs tool calls in parallel, feeds the results back and keeps going until the model answers', async () => {
    const store = createMemorySessionStore();
    const started: string[] = [];
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const slow = (name: string): Tool =>
      defineTool({
        name,
        description: name,
        inputSchema: z.object({ n: z.number() }),
        async execute({ n }) {
          started.push(name);
          if (started.length === 2) release();
          await bothStarted; // resolves only if both run at the same time
          return { output: `${name}:${n * 2}`, details: { doubled: n * 2 } };
        },
      });
    const model = new MockLanguageModel({
      stream: [
        mockResponses.toolCalls([
          { toolCallId: 'a', toolName: 'left', input: { n: 1 } },
          { toolCallId: 'b', toolName: 'right', input: { n: 2 } },
        ], { text: 'Checking.' }),
        mockResponses.text('Done: 2 and 4.'),
      ],
    });
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'go', models: [candidate(model)], tools: [slow('left'), slow('right')], onEvent: log.onEvent });

    expect(result).toMatchObject({ status: 'ok', text: 'Done: 2 and 4.', iterations: 2 });
    expect(started.sort()).toEqual(['left', 'right']);
    expect(model.calls[0]?.tools?.map((tool) => tool.name)).toEqual(['left', 'right']);
    expect(model.calls[0]?.tools?.[0]?.inputSchema).toMatchObject({ type: 'object', properties: { n: { type: 'number' } }, required: ['n'] });
    const second = model.prompt(1);
    expect(second[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', toolCallId: 'a', toolName: 'left', input: { n: 1 } },
        { type: 'tool-call', toolCallId: 'b', toolName: 'right', input: { n: 2 } },
      ],
    });
    // Both results, in completion order, as one tool message.
    expect(second[2]).toEqual({
      role: 'tool',
      content: expect.arrayContaining([
        { type: 'tool-result', toolCallId: 'a', toolName: 'left', output: 'left:2' },
        { type: 'tool-result', toolCallId: 'b', toolName: 'right', output: 'right:4' },
      ]),
    });
    expect(second[2]?.content).toHaveLength(2);
    expect(log.of('tool', 'start').map((event) => event.data)).toEqual([
      { phase: 'start', name: 'left', toolCallId: 'a', args: { n: 1 } },
      { phase: 'start', name: 'right', toolCallId: 'b', args: { n: 2 } },
    ]);
    expect(log.of('tool', 'result').map((event) => event.data)).toEqual(
      expect.arrayContaining([{ phase: 'result', name: 'left', toolCallId: 'a', isError: false, result: 'left:2', meta: { doubled: 2 } }]),
    );
    const roles = (await readMessages(store, key)).map((message) => message['role']);
    expect(roles).toEqual(['user', 'assistant', 'toolResult', 'toolResult', 'assistant']);
    const assistantTurn = (await readMessages(store, key))[1];
    expect(assistantTurn).toMatchObject({ stopReason: 'toolUse', content: [{ type: 'text' }, { type: 'toolCall', id: 'a', name: 'left', arguments: { n: 1 } }, { type: 'toolCall', id: 'b' }] });
  });

  test('invalid arguments, unknown tools and throwing tools become error results; the run continues', async () => {
    const store = createMemorySessionStore();
    const broken = defineTool({
      name: 'broken',
      description: 'always fails',
      inputSchema: z.object({}),
      execute: async () => {
        throw new ToolError('broken', 'disk on fire');
      },
    });
    const crashing = defineTool({
      name: 'crashing',
      description: 'throws a plain error',
      inputSchema: z.object({}),
      execute: async () => {
        throw new TypeError('undefined is not a function');
      },
    });
    const badJson: LanguageModelStreamPart[] = [
      { type: 'tool-call', toolCallId: 'j', toolName: 'clock', input: '{"zone": ' },
      { type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 1, outputTokens: 1 } },
    ];
    const model = new MockLanguageModel({
      stream: [
        mockResponses.toolCalls([
          { toolCallId: 'v', toolName: 'clock', input: { zone: 5 } },
          { toolCallId: 'u', toolName: 'nope', input: {} },
          { toolCallId: 'b', toolName: 'broken', input: {} },
          { toolCallId: 'c', toolName: 'crashing', input: {} },
        ]),
        { parts: badJson },
        mockResponses.text('Sorry, tools are failing.'),
      ],
    });
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'time?', models: [candidate(model)], tools: [clock, broken, crashing] });
    expect(result).toMatchObject({ status: 'ok', text: 'Sorry, tools are failing.', iterations: 3 });
    const results = (await readMessages(store, key)).filter((message) => message['role'] === 'toolResult');
    const byId = Object.fromEntries(results.map((message) => [message['toolCallId'], message]));
    expect(byId['v']).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/Invalid arguments for tool "clock":\n- zone: .*expected string/i) }] });
    expect(byId['u']).toMatchObject({ isError: true, content: [{ text: 'Unknown tool "nope". Available tools: clock, broken, crashing.' }] });
    expect(byId['b']).toMatchObject({ isError: true, content: [{ text: 'Tool "broken" failed: disk on fire' }] });
    expect(byId['c']).toMatchObject({ isError: true, content: [{ text: 'Tool "crashing" failed: TypeError: undefined is not a function' }] });
    expect(byId['j']).toMatchObject({ isError: true, content: [{ text: 'Invalid arguments for tool "clock": expected a JSON object, got "{\\"zone\\": ".' }] });
    expect(model.prompt(2).at(-1)).toMatchObject({ role: 'tool', content: [{ toolCallId: 'j', isError: true }] });
  });

  test('stops at maxIterations: the pending calls get "not run" results and the run reports why', async () => {
    const store = createMemorySessionStore();
    let calls = 0;
    const model = new MockLanguageModel({ stream: () => mockResponses.toolCalls([{ toolCallId: `t${calls++}`, toolName: 'clock', input: { zone: 'UTC' } }]) });
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'loop', models: [candidate(model)], tools: [clock], maxIterations: 3 });
    expect(result).toMatchObject({ status: 'error', stopReason: 'max_iterations', iterations: 3, error: { code: 'AGENT_MAX_ITERATIONS' } });
    expect(model.calls).toHaveLength(3);
    const last = (await readMessages(store, key)).at(-1);
    expect(last).toMatchObject({ role: 'toolResult', toolCallId: 't2', isError: true, content: [{ text: 'Not run: the run reached its limit of 3 model calls.' }] });
  });

  test('an abort mid-stream ends the run promptly and keeps the partial answer', async () => {
    const store = createMemorySessionStore();
    const model = new MockLanguageModel({ stream: { parts: textStreamParts('partial answer').slice(0, 2), holdOpen: true } });
    const controller = new AbortController();
    const log = eventLog();
    const running = runAgent({
      sessionStore: store,
      sessionKey: key,
      message: 'long story',
      models: [candidate(model)],
      signal: controller.signal,
      onEvent: (event) => {
        log.onEvent(event);
        if (event.stream === 'assistant') controller.abort();
      },
    });
    const result = await running;
    expect(result).toMatchObject({ status: 'aborted', stopReason: 'aborted', text: 'partial answer' });
    expect(log.events.at(-1)).toMatchObject({ data: { phase: 'end', aborted: true, stopReason: 'aborted' } });
    expect((await readMessages(store, key)).at(-1)).toMatchObject({ role: 'assistant', stopReason: 'aborted', content: [{ type: 'text', text: 'partial answer' }] });
  });

  test('an abort while a tool runs does not wait for the tool', async () => {
    const store = createMemorySessionStore();
    const controller = new AbortController();
    const stuck = defineTool({ name: 'stuck', description: 'never returns', inputSchema: z.object({}), execute: () => new Promise<string>(() => undefined) });
    const model = new MockLanguageModel({ stream: mockResponses.toolCalls([{ toolCallId: 's', toolName: 'stuck', input: {} }]) });
    const result = await runAgent({
      sessionStore: store,
      sessionKey: key,
      message: 'x',
      models: [candidate(model)],
      tools: [stuck],
      signal: controller.signal,
      onEvent: (event) => event.stream === 'tool' && controller.abort(),
    });
    expect(result.status).toBe('aborted');
    // The next run gives the interrupted call a result, so the provider accepts the history.
    const next = new MockLanguageModel({ stream: mockResponses.text('ok') });
    await runAgent({ sessionStore: store, sessionKey: key, message: 'again', models: [candidate(next)] });
    expect(next.prompt()).toContainEqual({ role: 'tool', content: [expect.objectContaining({ toolCallId: 's', isError: true, output: expect.stringMatching(/interrupted/) })] });
  });

  test('the run timeout ends a run whose model never finishes', async () => {
    const store = createMemorySessionStore();
    const model = new MockLanguageModel({ stream: { parts: textStreamParts('slow').slice(0, 2), holdOpen: true } });
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'x', models: [candidate(model)], timeoutMs: 50, onEvent: log.onEvent });
    expect(result).toMatchObject({ status: 'timeout', error: { code: 'AGENT_TIMEOUT', kind: 'timeout' } });
    expect(log.events.at(-1)).toMatchObject({ data: { phase: 'error', errorKind: 'timeout', code: 'AGENT_TIMEOUT' } });
    expect((await readMessages(store, key)).at(-1)).toMatchObject({ role: 'assistant', stopReason: 'error', content: [{ text: 'slow' }] });
  });

  test('bad input is refused with a typed error and nothing is written', async () => {
    const store = createMemorySessionStore();
    const model = new MockLanguageModel();
    const refuse = async (message: Parameters<typeof runAgent>[0]['message'], code: string) => {
      const error = await runAgent({ sessionStore: store, sessionKey: key, message, models: [candidate(model)] }).then(() => undefined, (caught: unknown) => caught);
      expect(AgentError.isInstance(error) && error.code).toBe(code);
    };
    await refuse('x'.repeat(10 * 1024 * 1024), 'AGENT_MESSAGE_TOO_LARGE');
    await refuse('   ', 'AGENT_INPUT_INVALID');
    await refuse({ text: 'look', images: [{ data: 'not base64!', mimeType: 'image/png' }] }, 'AGENT_INPUT_INVALID');
    await refuse({ text: 'look', images: [{ data: 'AAAA', mimeType: 'application/pdf' }] }, 'AGENT_INPUT_INVALID');
    expect(await store.list()).toEqual([]);
    expect(model.calls).toHaveLength(0);
    const error = await runAgent({ sessionStore: store, sessionKey: key, message: 'x'.repeat(10 * 1024 * 1024), models: [candidate(model)] }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/10485760 characters; the limit is 1000000/);
  });

  test('images reach models that take them; others get a note', async () => {
    const store = createMemorySessionStore();
    const png = Buffer.from('fake png bytes').toString('base64');
    const vision = new MockLanguageModel({ stream: mockResponses.text('a cat') });
    await runAgent({ sessionStore: store, sessionKey: key, message: { text: 'what is it?', images: [{ data: png, mimeType: 'image/png' }] }, models: [candidate(vision)] });
    expect(vision.prompt().at(-1)).toEqual({ role: 'user', content: [{ type: 'text', text: 'what is it?', cacheBreakpoint: true }, { type: 'image', data: png, mediaType: 'image/png' }] });
    const blind = new MockLanguageModel({ stream: mockResponses.text('ok') });
    await runAgent({ sessionStore: store, sessionKey: key, message: 'and now?', models: [candidate(blind, { input: ['text'] })] });
    expect(blind.prompt()[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'what is it?' }, { type: 'text', text: '[image omitted: this model does not accept images]' }] });
    expect((await readMessages(store, key))[0]).toMatchObject({ content: [{ type: 'text' }, { type: 'image', data: png, mimeType: 'image/png' }] });
  });

  test('thinking is passed through, stored with its signature and replayed to the same provider only', async () => {
    const store = createMemorySessionStore();
    const thinkingParts: LanguageModelStreamPart[] = [
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Let me think.' },
      { type: 'reasoning-end', id: 'r', signature: 'sig-123' },
      { type: 'reasoning-start', id: 'x' },
      { type: 'reasoning-end', id: 'x', redactedData: 'opaque' },
      ...toolCallStreamParts([{ toolCallId: 'c', toolName: 'clock', input: { zone: 'UTC' } }]),
    ];
    const model = new MockLanguageModel({ provider: 'anthropic', stream: [{ parts: thinkingParts }, mockResponses.text('Noon.')] });
    const log = eventLog();
    await runAgent({ sessionStore: store, sessionKey: key, message: 'time?', models: [candidate(model)], tools: [clock], thinking: 'high', onEvent: log.onEvent });
    expect(model.calls.map((call) => call.thinking)).toEqual(['high', 'high']);
    expect(log.of('thinking').map((event) => event.data)).toEqual([{ text: 'Let me think.', delta: 'Let me think.' }]);
    expect(model.prompt(1)[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Let me think.', signature: 'sig-123' },
        { type: 'reasoning', text: '', redactedData: 'opaque' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'clock', input: { zone: 'UTC' } },
      ],
    });
    expect((await readMessages(store, key))[1]).toMatchObject({
      content: [{ type: 'thinking', thinking: 'Let me think.', thinkingSignature: 'sig-123' }, { type: 'thinking', thinking: '', thinkingSignature: 'opaque', redacted: true }, { type: 'toolCall' }],
    });
    const other = new MockLanguageModel({ provider: 'openai', stream: mockResponses.text('hi') });
    await runAgent({ sessionStore: store, sessionKey: key, message: 'next', models: [candidate(other)] });
    expect(other.prompt()[1]).toEqual({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'clock', input: { zone: 'UTC' } }] });
  });

  test('a later run sees the earlier conversation', async () => {
    const store = createMemorySessionStore();
    await runAgent({ sessionStore: store, sessionKey: key, message: 'My name is Ada.', models: [candidate(new MockLanguageModel({ stream: mockResponses.text('Hi Ada.') }))] });
    const model = new MockLanguageModel({ stream: mockResponses.text('Ada.') });
    await runAgent({ sessionStore: store, sessionKey: key, message: 'Who am I?', models: [candidate(model)] });
    expect(model.prompt().map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(model.prompt()[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hi Ada.' }] });
  });

  test('a throwing event listener does not break the run', async () => {
    const store = createMemorySessionStore();
    const result = await runAgent({
      sessionStore: store,
      sessionKey: key,
      message: 'x',
      models: [candidate(new MockLanguageModel({ stream: mockResponses.text('fine') }))],
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(result.status).toBe('ok');
  });

  test('a history from the previous run skips the transcript read; a stale one is detected and re-read', async () => {
    const store = createMemorySessionStore();
    let reads = 0;
    const counting = { ...store, read: (key: string, options?: { fromSeq?: number }) => (reads++, store.read(key, options)) };
    const model = new MockLanguageModel({ stream: (_options, index) => mockResponses.text(`reply ${index}`) });
    const first = await runAgent({ sessionStore: counting, sessionKey: key, message: 'one', models: [candidate(model)] });
    expect(reads).toBe(1);
    const second = await runAgent({ sessionStore: counting, sessionKey: key, message: 'two', models: [candidate(model)], history: first.history });
    expect(reads).toBe(1);
    expect(model.prompt().map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    await store.append(key, [{ type: 'custom', id: 'x', parentId: null, timestamp: '2026-11-25T12:00:00.000Z', customType: 'note' }]);
    const third = await runAgent({ sessionStore: counting, sessionKey: key, message: 'three', models: [candidate(model)], history: second.history });
    expect(third.status).toBe('ok');
    expect(reads).toBe(2);
    expect(third.history.version).toBe((await store.get(key))?.version);
  });
});

