import type { LanguageModelCallOptions, LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import { collectStreamParts, createOpenAIFakeServer, findStreamPartProblems, openaiErrors, type OpenAIFakeServer } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOpenAI } from './index.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let server: OpenAIFakeServer;
let baseURL: string;
beforeEach(async () => {
  server = createOpenAIFakeServer({ apiKey: 'sk-test' });
  baseURL = `${await server.start()}/v1`;
});
afterEach(async () => {
  await server.close();
});

const model = () => createOpenAI({ apiKey: 'sk-test', baseURL }).chat('gpt-5-mini');
async function run(options: LanguageModelCallOptions): Promise<LanguageModelStreamPart[]> {
  const result = await model().stream(options);
  const parts = await collectStreamParts(result.stream);
  expect(findStreamPartProblems(parts)).toEqual([]);
  return parts;
}

describe('OpenAIChatLanguageModel request body', () => {
  test('maps prompt, tools, tool choice, thinking, images and replayed tool results exactly', async () => {
    server.enqueueChat({ text: ['ok'] });
    await run({
      prompt: [
        { role: 'system', content: 'You are terse.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture, and the weather in Paris?' },
            { type: 'image', data: png, mediaType: 'image/png' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'private thoughts are not replayed on this API' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: { city: 'Lyon' } },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', output: '18°C' },
            { type: 'tool-result', toolCallId: 'call_2', toolName: 'get_weather', output: 'unknown city', isError: true },
          ],
        },
      ],
      tools: [weatherTool],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
      thinking: 'high',
      maxOutputTokens: 512,
      temperature: 0.2,
      providerOptions: { openai: { parallelToolCalls: false, user: 'user-42' } },
    });
    expect(server.chatRequests).toEqual([
      {
        model: 'gpt-5-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          { role: 'system', content: 'You are terse.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture, and the weather in Paris?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
            ],
          },
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
          { role: 'tool', tool_call_id: 'call_2', content: 'unknown city' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', description: weatherTool.description, parameters: weatherTool.inputSchema } }],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
        parallel_tool_calls: false,
        max_completion_tokens: 512,
        temperature: 0.2,
        user: 'user-42',
        reasoning_effort: 'high',
      },
    ]);
  });

  test('thinking off sends no reasoning_effort; providerOptions can force "none"', async () => {
    server.enqueueChat({ text: ['a'] }, { text: ['b'] });
    await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], thinking: 'off' });
    await run({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      thinking: 'off',
      providerOptions: { openai: { reasoningEffort: 'none' } },
    });
    const [first, second] = server.chatRequests as Array<Record<string, unknown>>;
    expect(first).not.toHaveProperty('reasoning_effort');
    expect(first?.['messages']).toEqual([{ role: 'user', content: 'hi' }]);
    expect(second?.['reasoning_effort']).toBe('none');
  });

  test('an assistant turn with only tool calls sends content null', async () => {
    server.enqueueChat({ text: ['done'] });
    await run({
      prompt: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'noop', input: {} }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'noop', output: 'ok' }] },
      ],
    });
    const body = server.chatRequests[0] as { messages: unknown[] };
    expect(body.messages[1]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'noop', arguments: '{}' } }] });
  });

  test('invalid providerOptions reject before any request, naming the key', async () => {
    const error = await model()
      .stream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], providerOptions: { openai: { reasoningEffort: 'extreme' } } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ProviderError', kind: 'invalid_request' });
    expect(String((error as Error).message)).toContain('reasoningEffort');
    expect(server.calls).toHaveLength(0);
  });

  test('per-call headers are sent, and the result exposes the request body and response headers', async () => {
    server.enqueueChat({ text: ['hi'] });
    const result = await model().stream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], headers: { 'x-trace-id': 'abc' } });
    await collectStreamParts(result.stream);
    expect(server.lastCall?.headers['x-trace-id']).toBe('abc');
    expect(server.lastCall?.headers.authorization).toBe('Bearer sk-test');
    expect(result.response?.headers?.['x-request-id']).toBe('req_fake_stream_01');
    expect(result.request?.body).toEqual(server.chatRequests[0]);
  });
});

describe('OpenAIChatLanguageModel stream mapping', () => {
  test('parallel tool calls with interleaved fragments become two complete tool-calls, in index order', async () => {
    server.enqueueChat({
      toolCalls: [
        { id: 'call_a', name: 'get_weather', argumentChunks: ['{"city":', '"Paris"}'] },
        { id: 'call_b', name: 'get_time', argumentChunks: ['{"tz":', '"Europe/', 'Paris"}'] },
      ],
      interleaveToolCalls: true,
      usage: { promptTokens: 50, completionTokens: 20, cachedTokens: 10, reasoningTokens: 4 },
    });
    const parts = await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'both' }] }], tools: [weatherTool] });
    const calls = parts.filter((part) => part.type === 'tool-call');
    expect(calls).toEqual([
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_time', input: '{"tz":"Europe/Paris"}' },
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool-calls',
      usage: { inputTokens: 40, outputTokens: 20, totalTokens: 70, cacheReadTokens: 10, reasoningTokens: 4 },
    });
    expect(parts[0]).toEqual({ type: 'response-metadata', id: 'chatcmpl-FakeTurn01', modelId: 'gpt-5-mini' });
  });

  test('OpenRouter-style `reasoning` deltas become a reasoning block closed before the text', async () => {
    server.enqueueChat({ reasoning: ['Thinking', '…'], reasoningField: 'reasoning', text: ['Answer'] });
    const parts = await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] });
    expect(parts.map((part) => part.type)).toEqual([
      'response-metadata',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
  });

  test('finish_reason length maps to "length"; a stream without usage reports unknown usage', async () => {
    server.enqueueChat({ text: ['trunc'], finishReason: 'length' });
    const parts = await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] });
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'length', usage: { inputTokens: undefined, outputTokens: undefined } });
  });

  test('a tool call cut off mid-arguments is closed but never emitted as a call', async () => {
    server.enqueueChat({
      type: 'sse',
      cutAfter: 3,
      chunks: [
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}\n\n',
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_x","type":"function","function":{"name":"rm","arguments":""}}]},"finish_reason":null}]}\n\n',
        'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"path\\":\\"/"}}]},"finish_reason":null}]}\n\n',
      ],
    });
    const parts = await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] });
    expect(parts.some((part) => part.type === 'tool-call')).toBe(false);
    expect(parts.at(-2)).toEqual({ type: 'tool-input-end', id: 'call_x' });
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network', isRetryable: true } });
  });

  test('insufficient_quota (429) is billing and not retryable; the body is kept', async () => {
    server.enqueueChat(openaiErrors.quota());
    const error = await model()
      .stream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'billing', statusCode: 429, isRetryable: false, provider: 'openai', modelId: 'gpt-5-mini' });
    expect(JSON.parse((error as { responseBody: string }).responseBody)).toMatchObject({ code: 'insufficient_quota' });
  });

  test('a request that outlives timeoutMs rejects with a timeout error', async () => {
    server.enqueueChat({ type: 'hang' });
    const error = await createOpenAI({ apiKey: 'sk-test', baseURL, timeoutMs: 150 })
      .chat('gpt-5-mini')
      .stream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ProviderError', kind: 'timeout', isRetryable: true });
    expect(server.calls).toHaveLength(1);
  });
});

describe('OpenAIChatLanguageModel with compatible servers', () => {
  test('a usage chunk without `choices`, and tool calls without ids, still map (ids stable per response)', async () => {
    const chunk = (body: Record<string, unknown>) => `data: ${JSON.stringify({ id: 'c9', object: 'chat.completion.chunk', created: 1, model: 'llama3.2', ...body })}\n\n`;
    server.enqueueChat({
      type: 'sse',
      chunks: [
        chunk({ choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, type: 'function', function: { name: 'ls', arguments: '{}' } }] }, finish_reason: null }] }),
        chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
        chunk({ usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }),
        'data: [DONE]\n\n',
      ],
    });
    const parts = await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'list' }] }] });
    expect(parts.find((part) => part.type === 'tool-call')).toEqual({ type: 'tool-call', toolCallId: 'call_c9_0', toolName: 'ls', input: '{}' });
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool-calls',
      usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6, cacheReadTokens: 0, reasoningTokens: undefined },
    });
  });
});
