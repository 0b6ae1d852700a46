import { ConfigError, LoadSecretError, ProviderError, type LanguageModelPrompt, type LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import {
  anthropicErrorResponse,
  anthropicErrors,
  anthropicMessageStart,
  collectStreamParts,
  createAnthropicFakeServer,
  formatSseEvent,
  runModelCall,
  type AnthropicFakeServer,
  withHangGuard,
  type FakeResponse,
} from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { anthropic, createAnthropic } from './anthropic-provider.js';

let server: AnthropicFakeServer;
let baseURL: string;
beforeEach(async () => {
  server = createAnthropicFakeServer({ apiKey: 'sk-ant-test' });
  baseURL = await server.start();
});
afterEach(async () => {
  await server.close();
});

const prompt: LanguageModelPrompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];
const model = (settings: Parameters<typeof createAnthropic>[0] = {}) =>
  createAnthropic({ apiKey: 'sk-ant-test', baseURL, ...settings }).languageModel('claude-haiku-4-5');

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('credentials', () => {
  test('a missing key fails the first call with an actionable auth error, and no request is sent', async () => {
    const error = await rejection(createAnthropic({ baseURL, env: {} }).languageModel('claude-haiku-4-5').stream({ prompt }));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(LoadSecretError.isInstance(error.cause)).toBe(true);
    expect(server.calls).toHaveLength(0);
  });

  test('the key is read lazily from the environment, and a failed lookup is not cached', async () => {
    const env: Record<string, string | undefined> = {};
    const lazy = createAnthropic({ baseURL, env }).languageModel('claude-haiku-4-5');
    await rejection(lazy.stream({ prompt }));
    env['ANTHROPIC_API_KEY'] = 'sk-ant-test';
    server.enqueue({ blocks: [{ type: 'text', deltas: ['later'] }] });
    const parts = await collectStreamParts((await lazy.stream({ prompt })).stream);
    expect(parts.at(-1)).toMatchObject({ type: 'finish' });
    expect(server.lastCall?.headers.authorization).toBe('Bearer sk-ant-test');
  });

  test('ANTHROPIC_AUTH_TOKEN is the fallback when no key is set', async () => {
    server.enqueue({ blocks: [{ type: 'text', deltas: ['ok'] }] });
    const lazy = createAnthropic({ baseURL, env: { ANTHROPIC_AUTH_TOKEN: 'sk-ant-test' } }).languageModel('claude-haiku-4-5');
    await collectStreamParts((await lazy.stream({ prompt })).stream);
    expect(server.lastCall?.headers.authorization).toBe('Bearer sk-ant-test');
  });

  test('apiKey and authToken together fail fast at creation', () => {
    expect(() => createAnthropic({ apiKey: 'a', authToken: 'b' })).toThrow(ConfigError);
  });

  test('a wrong key is an auth error that does not echo the key', async () => {
    const error = await rejection(model({ apiKey: 'sk-ant-WRONG-secret' }).stream({ prompt }));
    expect(error).toMatchObject({ kind: 'auth', statusCode: 401, isRetryable: false });
    expect(error.message).not.toContain('sk-ant-WRONG-secret');
  });

  test('the default instance is usable without touching the environment until a call', () => {
    expect(anthropic.id).toBe('anthropic');
    const lazy = anthropic.languageModel('claude-sonnet-4-6');
    expect([lazy.provider, lazy.modelId, lazy.specificationVersion]).toEqual(['anthropic', 'claude-sonnet-4-6', 'v1']);
  });

  test('an empty model id is rejected', () => {
    expect(() => createAnthropic({ apiKey: 'k' }).languageModel(' ')).toThrow(/non-empty/);
  });
});

describe('bad input is a typed error before any request', () => {
  test.each([
    ['an unsupported image type', { prompt: [{ role: 'user', content: [{ type: 'image', data: 'AAAA', mediaType: 'image/bmp' }] }] }, /image\/bmp/],
    ['a late system message', { prompt: [...prompt, { role: 'system', content: 'late' }] }, /system message at position 1/],
    ['no conversation', { prompt: [{ role: 'system', content: 'only system' }] }, /no user or assistant message/],
    ['an unknown anthropic option', { prompt, providerOptions: { anthropic: { cacheEverything: true } } }, /unknown providerOptions\.anthropic\.cacheEverything/],
    ['a mistyped anthropic option', { prompt, providerOptions: { anthropic: { cacheTtl: '2h' } } }, /cacheTtl has an invalid value "2h"/],
  ] as const)('%s', async (_label, options, message) => {
    const error = await rejection(model().stream(options as Parameters<ReturnType<typeof model>['stream']>[0]));
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });
});

describe('error classification through the real SDK', () => {
  test.each([
    ['402 billing_error', anthropicErrors.billing(), 'billing', false],
    ['400 credit balance', anthropicErrorResponse(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.'), 'billing', false],
    ['400 other', anthropicErrors.invalidRequest(), 'invalid_request', false],
    ['403 permission_error', anthropicErrors.permission(), 'auth', false],
    ['404 not_found_error', anthropicErrors.notFound(), 'invalid_request', false],
    ['503', anthropicErrorResponse(503, 'api_error', 'Service Unavailable'), 'overloaded', true],
    ['504 timeout_error', anthropicErrorResponse(504, 'timeout_error', 'Gateway timeout'), 'timeout', true],
    ['502 with an HTML body', { type: 'error', status: 502, body: '<html>Bad Gateway</html>' } satisfies FakeResponse, 'unknown', true],
  ] as const)('%s', async (_label, response, kind, retryable) => {
    server.enqueue(response);
    const error = await rejection(model().stream({ prompt }));
    expect(error).toMatchObject({ kind, isRetryable: retryable, provider: 'anthropic', modelId: 'claude-haiku-4-5' });
    expect(server.calls).toHaveLength(1);
  });

  test('retry-after-ms wins over retry-after; an HTTP date works too', async () => {
    server.enqueue(
      anthropicErrorResponse(429, 'rate_limit_error', 'slow down', { 'retry-after-ms': '1500', 'retry-after': '9' }),
      anthropicErrorResponse(429, 'rate_limit_error', 'slow down', { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }),
    );
    expect((await rejection(model().stream({ prompt }))).retryAfterMs).toBe(1500);
    const dated = await rejection(model().stream({ prompt }));
    expect(dated.retryAfterMs).toBeGreaterThan(50_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  test('the error keeps the response body for diagnosis', async () => {
    server.enqueue(anthropicErrors.contextLength());
    const error = await rejection(model().stream({ prompt }));
    expect(error.responseBody).toContain('prompt is too long');
    expect(error.message).toContain('prompt is too long');
  });

  test('a request that gets no answer times out as a retryable timeout', async () => {
    server.enqueue({ type: 'hang' });
    const error = await rejection(model({ timeoutMs: 150 }).stream({ prompt }));
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  test('a closed port is a retryable network error', async () => {
    const closedUrl = baseURL;
    await server.close();
    const error = await rejection(model({ baseURL: closedUrl }).stream({ prompt }));
    expect(error).toMatchObject({ kind: 'network', isRetryable: true });
  });

  test('a stream that ends without message_stop is a network error part', async () => {
    server.enqueue({ type: 'sse', chunks: [anthropicMessageStart({})] });
    const outcome = await runModelCall(model(), { prompt });
    expect(outcome.kind).toBe('completed');
    const last = outcome.kind === 'completed' ? outcome.parts.at(-1) : undefined;
    expect(last).toMatchObject({ type: 'error', error: { kind: 'network' } });
  });
});

describe('stream mapping', () => {
  test('redacted thinking ends with its data, and the collected parts replay into the next request', async () => {
    server.enqueue(
      {
        blocks: [
          { type: 'thinking', deltas: ['Hmm.'], signature: 'sig-1' },
          { type: 'redacted_thinking', data: 'RED4CTED' },
          { type: 'tool_use', id: 'toolu_9', name: 'now', inputChunks: [] },
        ],
      },
      { blocks: [{ type: 'text', deltas: ['done'] }] },
    );
    const first = await collectStreamParts((await model().stream({ prompt, thinking: 'low' })).stream);
    const ends = first.filter((part) => part.type === 'reasoning-end');
    expect(ends).toEqual([
      { type: 'reasoning-end', id: '0', signature: 'sig-1' },
      { type: 'reasoning-end', id: '1', redactedData: 'RED4CTED' },
    ]);
    // A tool without parameters streams no JSON: the call still carries an object.
    expect(first.find((part) => part.type === 'tool-call')).toEqual({ type: 'tool-call', toolCallId: 'toolu_9', toolName: 'now', input: '{}' });
    expect(first.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });

    await collectStreamParts(
      (
        await model().stream({
          prompt: [
            ...prompt,
            { role: 'assistant', content: toAssistantContent(first) },
            { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_9', toolName: 'now', output: '12:00' }] },
          ],
          thinking: 'low',
        })
      ).stream,
    );
    const replayed = (server.messageRequests[1] as { messages: Array<{ content: unknown }> }).messages[1]?.content;
    expect(replayed).toEqual([
      { type: 'thinking', thinking: 'Hmm.', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'RED4CTED' },
      { type: 'tool_use', id: 'toolu_9', name: 'now', input: {} },
    ]);
  });

  test('response metadata, stop reasons and usage merged from message_start and message_delta', async () => {
    server.enqueue({
      type: 'sse',
      chunks: [
        anthropicMessageStart({ id: 'msg_7', model: 'claude-haiku-4-5', usage: { inputTokens: 100, outputTokens: 1, cacheReadTokens: 40, cacheWriteTokens: 0 } }),
        formatSseEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
        formatSseEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'cut' } }, 'content_block_delta'),
        formatSseEvent({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
        // Newer API versions repeat cumulative input counts in message_delta: the later value wins.
        formatSseEvent({ type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 64, input_tokens: 101, cache_creation_input_tokens: 7 } }, 'message_delta'),
        formatSseEvent({ type: 'message_stop' }, 'message_stop'),
      ],
    });
    const parts = await collectStreamParts((await model().stream({ prompt })).stream);
    expect(parts[0]).toEqual({ type: 'response-metadata', id: 'msg_7', modelId: 'claude-haiku-4-5' });
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'length',
      usage: { inputTokens: 101, outputTokens: 64, cacheReadTokens: 40, cacheWriteTokens: 7, totalTokens: 101 + 64 + 40 + 7 },
    });
  });

  test.each([
    ['refusal', 'content-filter'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'other'],
    ['model_context_window_exceeded', 'length'],
  ] as const)('stop reason %s → %s', async (stopReason, finishReason) => {
    server.enqueue({ blocks: [{ type: 'text', deltas: ['x'] }], stopReason });
    const parts = await collectStreamParts((await model().stream({ prompt })).stream);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason });
  });

  test('cancelling the stream releases the request', async () => {
    server.enqueue({ type: 'sse', chunks: [anthropicMessageStart({})], holdOpen: true });
    const result = await model().stream({ prompt });
    const reader = result.stream.getReader();
    expect((await reader.read()).value).toMatchObject({ type: 'response-metadata' });
    await reader.cancel();
    // The fake holds the response open forever: only the client going away closes it.
    await withHangGuard(server.calls[0]?.closed ?? Promise.reject(new Error('no call')), 'request release after cancel');
  });
});

describe('listModels', () => {
  test('lists the models the API serves', async () => {
    const provider = createAnthropic({ apiKey: 'sk-ant-test', baseURL });
    expect(await provider.listModels()).toEqual([
      { id: 'claude-sonnet-4-6', name: 'claude-sonnet-4-6' },
      { id: 'claude-opus-5', name: 'claude-opus-5' },
    ]);
    expect(server.lastCall?.path).toBe('/v1/models');
  });

  test('fails with a classified error', async () => {
    const error = await rejection(createAnthropic({ apiKey: 'nope', baseURL }).listModels());
    expect(error.kind).toBe('auth');
  });
});

/** What an agent runtime does between turns: keep every block of the assistant turn, in order. */
function toAssistantContent(parts: LanguageModelStreamPart[]): Extract<LanguageModelPrompt[number], { role: 'assistant' }>['content'] {
  const content: Extract<LanguageModelPrompt[number], { role: 'assistant' }>['content'] = [];
  const reasoning = new Map<string, string>();
  for (const part of parts) {
    if (part.type === 'reasoning-delta') reasoning.set(part.id, (reasoning.get(part.id) ?? '') + part.delta);
    if (part.type === 'reasoning-end') {
      content.push({
        type: 'reasoning',
        text: reasoning.get(part.id) ?? '',
        ...(part.signature === undefined ? {} : { signature: part.signature }),
        ...(part.redactedData === undefined ? {} : { redactedData: part.redactedData }),
      });
    }
    if (part.type === 'tool-call') content.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: JSON.parse(part.input) as unknown });
  }
  return content;
}
