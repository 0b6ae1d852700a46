import { collectStreamParts, createAnthropicFakeServer, type AnthropicFakeServer } from '@rusty-claw/testkit';
import type { LanguageModelCallOptions, LanguageModelPrompt } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';

let server: AnthropicFakeServer;
let baseURL: string;
beforeEach(async () => {
  server = createAnthropicFakeServer({ apiKey: 'sk-ant-test' });
  baseURL = await server.start();
});
afterEach(async () => {
  await server.close();
});

const okTurn = { blocks: [{ type: 'text' as const, deltas: ['ok'] }] };
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function send(modelId: string, options: LanguageModelCallOptions): Promise<Record<string, unknown>> {
  server.enqueue(okTurn);
  const model = createAnthropic({ apiKey: 'sk-ant-test', baseURL }).languageModel(modelId);
  const result = await model.stream(options);
  await collectStreamParts(result.stream);
  const body = server.messageRequests.at(-1) as Record<string, unknown>;
  // What the model reports as sent is what went over the wire.
  expect(result.request?.body).toEqual(body);
  return body;
}

describe('the outgoing Messages API request', () => {
  test('system, cache breakpoints, image, tools, tool choice and a thinking budget (manual-budget model)', async () => {
    const body = await send('claude-haiku-4-5', {
      prompt: [
        { role: 'system', content: 'You are Rusty.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Long stable context', cacheBreakpoint: true },
            { type: 'image', data: png, mediaType: 'image/png' },
            { type: 'text', text: 'What is in the picture?' },
          ],
        },
      ],
      tools: [
        { name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
        { name: 'now', description: 'Current time', inputSchema: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'tool', toolName: 'read_file' },
      thinking: 'medium',
      maxOutputTokens: 1000,
      temperature: 0.2,
      providerOptions: { anthropic: { cacheSystemPrompt: true, cacheTools: true, cacheTtl: '1h', userId: 'u-42' } },
    });
    expect(body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 1000 + 8192,
      stream: true,
      system: [{ type: 'text', text: 'You are Rusty.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Long stable context', cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
            { type: 'text', text: 'What is in the picture?' },
          ],
        },
      ],
      tools: [
        { name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
        { name: 'now', description: 'Current time', input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
      tool_choice: { type: 'tool', name: 'read_file' },
      thinking: { type: 'enabled', budget_tokens: 8192 },
      metadata: { user_id: 'u-42' },
      // no temperature: the API rejects one while thinking
    });
  });

  test('replays signed thinking, redacted thinking, tool calls and tool results; drops unsigned reasoning', async () => {
    const prompt: LanguageModelPrompt = [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should call the tool.', signature: 'sig-abc' },
          { type: 'reasoning', text: '', redactedData: 'Enc0ded==' },
          { type: 'reasoning', text: 'unsigned, from another provider' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'get_weather', output: 'timeout', isError: true }] },
      { role: 'user', content: [{ type: 'text', text: 'Try again' }] },
    ];
    const body = await send('claude-haiku-4-5', { prompt, thinking: 'low' });
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should call the tool.', signature: 'sig-abc' },
          { type: 'redacted_thinking', data: 'Enc0ded==' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        // Tool results travel in the next user turn, first, merged with the user's text (turns must alternate).
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'timeout', is_error: true },
          { type: 'text', text: 'Try again' },
        ],
      },
    ]);
    expect(body['thinking']).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(body['max_tokens']).toBe(8192 + 2048);
  });

  test.each([
    ['claude-opus-5', 'xhigh', 'xhigh'],
    ['claude-sonnet-4-6', 'xhigh', 'high'],
    ['claude-opus-4-8', 'minimal', 'low'],
  ] as const)('%s with thinking %s uses adaptive thinking with effort %s and no temperature', async (modelId, level, effort) => {
    const body = await send(modelId, { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], thinking: level, temperature: 0.5, maxOutputTokens: 2000 });
    expect(body).toMatchObject({ thinking: { type: 'adaptive' }, output_config: { effort }, max_tokens: 2000 });
    expect(body).not.toHaveProperty('temperature');
  });

  test('thinking off sends no thinking and keeps the temperature on older models; tool choice maps to auto/any/none', async () => {
    const prompt: LanguageModelPrompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];
    const tools = [{ name: 't', description: 'd', inputSchema: { type: 'object' } }];
    const off = await send('claude-haiku-4-5', { prompt, thinking: 'off', temperature: 0.3, tools, toolChoice: 'required' });
    expect(off).toMatchObject({ temperature: 0.3, max_tokens: 8192, tool_choice: { type: 'any' } });
    expect(off).not.toHaveProperty('thinking');
    expect(await send('claude-haiku-4-5', { prompt, tools, toolChoice: 'none' })).toMatchObject({ tool_choice: { type: 'none' } });
    expect(await send('claude-haiku-4-5', { prompt, tools })).not.toHaveProperty('tool_choice');
    expect(
      await send('claude-haiku-4-5', { prompt, tools, providerOptions: { anthropic: { disableParallelToolUse: true } } }),
    ).toMatchObject({ tool_choice: { type: 'auto', disable_parallel_tool_use: true } });
  });

  test('a providerOptions thinking config replaces the derived one', async () => {
    const body = await send('claude-haiku-4-5', {
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      thinking: 'high',
      providerOptions: { anthropic: { thinking: { type: 'enabled', budget_tokens: 3000 }, effort: 'low' } },
    });
    expect(body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 3000 }, output_config: { effort: 'low' } });
  });

  test('headers: Bearer auth, anthropic-version, settings headers, per-call headers and betas', async () => {
    server.enqueue(okTurn);
    const model = createAnthropic({ apiKey: 'sk-ant-test', baseURL, headers: { 'x-team': 'claw' } }).languageModel('claude-haiku-4-5');
    const result = await model.stream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      headers: { 'x-request-tag': 'r1' },
      providerOptions: { anthropic: { betas: ['context-1m-2025-08-07', 'fine-grained-tool-streaming-2025-05-14'] } },
    });
    await collectStreamParts(result.stream);
    const headers = server.lastCall?.headers ?? {};
    expect(headers.authorization).toBe('Bearer sk-ant-test');
    expect(headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(headers['x-team']).toBe('claw');
    expect(headers['x-request-tag']).toBe('r1');
    expect(headers['anthropic-beta']).toBe('context-1m-2025-08-07,fine-grained-tool-streaming-2025-05-14');
    expect(result.response?.headers?.['request-id']).toBe('req_01FakeStream');
  });

  test('authToken is sent as a bearer token', async () => {
    server.enqueue(okTurn);
    const model = createAnthropic({ authToken: 'sk-ant-test', baseURL }).languageModel('claude-haiku-4-5');
    const parts = await collectStreamParts((await model.stream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).stream);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(server.lastCall?.headers.authorization).toBe('Bearer sk-ant-test');
  });
});
