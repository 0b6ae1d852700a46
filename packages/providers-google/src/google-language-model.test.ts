import type { LanguageModelCallOptions, LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import { collectStreamParts, createGeminiFakeServer, findStreamPartProblems, geminiErrorResponse, geminiErrors, type GeminiFakeServer } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createGoogle } from './index.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const hi: LanguageModelCallOptions['prompt'] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

let server: GeminiFakeServer;
let baseURL: string;
beforeEach(async () => {
  server = createGeminiFakeServer({ apiKey: 'test-key' });
  baseURL = await server.start();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

const model = (id = 'gemini-2.5-flash') => createGoogle({ apiKey: 'test-key', baseURL }).languageModel(id);
async function run(options: LanguageModelCallOptions, id?: string): Promise<LanguageModelStreamPart[]> {
  const parts = await collectStreamParts((await model(id).stream(options)).stream);
  expect(findStreamPartProblems(parts)).toEqual([]);
  return parts;
}

describe('GoogleLanguageModel request', () => {
  test('calls v1beta streamGenerateContent?alt=sse with x-goog-api-key, mapping prompt, tools, images and thinking exactly', async () => {
    server.enqueue({ parts: [{ type: 'text', deltas: ['ok'] }] });
    await run({
      prompt: [
        { role: 'system', content: 'You are terse.' },
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this, and the weather?' }, { type: 'image', data: png, mediaType: 'image/png' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Look at the image.', signature: 'sig-thought' },
            { type: 'text', text: 'Checking.' },
            { type: 'reasoning', text: '', signature: 'sig-call' },
            { type: 'tool-call', toolCallId: 'gcall_resp1_0', toolName: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'gcall_resp1_0', toolName: 'get_weather', output: '18°C' }] },
        { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
      ],
      tools: [weatherTool],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
      thinking: 'medium',
      maxOutputTokens: 1024,
      temperature: 0.3,
    });
    const call = server.lastCall;
    expect(call?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(call?.query.get('alt')).toBe('sse');
    expect(call?.headers['x-goog-api-key']).toBe('test-key');
    expect(server.generateRequests[0]).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'What is this, and the weather?' }, { inlineData: { mimeType: 'image/png', data: png } }] },
        {
          role: 'model',
          parts: [
            { text: 'Look at the image.', thought: true, thoughtSignature: 'sig-thought' },
            { text: 'Checking.' },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-call' },
          ],
        },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { output: '18°C' } } }, { text: 'And tomorrow?' }],
        },
      ],
      systemInstruction: { parts: [{ text: 'You are terse.\n\nAnswer in French.' }] },
      tools: [{ functionDeclarations: [{ name: 'get_weather', description: weatherTool.description, parametersJsonSchema: weatherTool.inputSchema }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
      generationConfig: { maxOutputTokens: 1024, temperature: 0.3, thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } },
    });
  });

  test('Gemini 3 gets thinkingLevel; a failed tool result is sent as { error }; ids Gemini issued go back', async () => {
    server.enqueue({ parts: [{ type: 'text', deltas: ['ok'] }] });
    await run(
      {
        prompt: [
          ...hi,
          { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'fc-from-gemini', toolName: 'rm', input: { path: '/x' } }] },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'fc-from-gemini', toolName: 'rm', output: 'denied', isError: true }] },
        ],
        thinking: 'high',
      },
      'gemini-3-pro-preview',
    );
    const body = server.generateRequests[0] as { contents: unknown[]; generationConfig: unknown };
    expect(body.generationConfig).toEqual({ thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } });
    expect(body.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'rm', args: { path: '/x' }, id: 'fc-from-gemini' } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'rm', response: { error: 'denied' }, id: 'fc-from-gemini' } }] },
    ]);
  });

  test('an explicit apiVersion changes the path', async () => {
    server.enqueue({ parts: [{ type: 'text', deltas: ['ok'] }] });
    const stable = createGoogle({ apiKey: 'test-key', baseURL, apiVersion: 'v1' }).languageModel('gemini-2.5-flash');
    await collectStreamParts((await stable.stream({ prompt: hi })).stream);
    expect(server.lastCall?.path).toBe('/v1/models/gemini-2.5-flash:streamGenerateContent');
  });

  test('invalid providerOptions reject before any request', async () => {
    await expect(model().stream({ prompt: hi, providerOptions: { google: { thinkingLevel: 'ULTRA' } } })).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringContaining('thinkingLevel'),
    });
    expect(server.calls).toHaveLength(0);
  });
});

describe('GoogleLanguageModel stream', () => {
  test('function calls get stable synthesized ids from the responseId; the signature travels on a carrier block', async () => {
    server.enqueue({
      responseId: 'resp42',
      parts: [
        { type: 'functionCall', name: 'get_weather', args: { city: 'Paris' }, signature: 'sig-fc' },
        { type: 'functionCall', name: 'get_weather', args: { city: 'Lyon' } },
      ],
      usage: { promptTokenCount: 120, candidatesTokenCount: 20, cachedContentTokenCount: 100, thoughtsTokenCount: 30 },
    });
    const parts = await run({ prompt: hi, tools: [weatherTool] });
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'gcall_resp42_0', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'tool-call', toolCallId: 'gcall_resp42_1', toolName: 'get_weather', input: '{"city":"Lyon"}' },
    ]);
    const carrier = parts.findIndex((part) => part.type === 'reasoning-end');
    expect(parts[carrier]).toMatchObject({ signature: 'sig-fc' });
    expect(parts[carrier + 1]).toMatchObject({ type: 'tool-input-start', id: 'gcall_resp42_0' });
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool-calls',
      usage: { inputTokens: 20, outputTokens: 50, totalTokens: 170, cacheReadTokens: 100, reasoningTokens: 30 },
    });
    expect(parts[0]).toEqual({ type: 'response-metadata', id: 'resp42', modelId: 'gemini-2.5-flash' });
  });

  test('MAX_TOKENS finishes with "length"; SAFETY with "content-filter"', async () => {
    server.enqueue({ parts: [{ type: 'text', deltas: ['trunc'] }], finishReason: 'MAX_TOKENS' }, { parts: [], finishReason: 'SAFETY' });
    expect((await run({ prompt: hi })).at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
    expect((await run({ prompt: hi })).at(-1)).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
  });
});

describe('GoogleLanguageModel errors', () => {
  const fail = (id?: string) =>
    model(id)
      .stream({ prompt: hi })
      .catch((caught: unknown) => caught);

  test('a wrong API key (400 API_KEY_INVALID) is auth, not invalid_request', async () => {
    server.enqueue(geminiErrors.invalidApiKey());
    expect(await fail()).toMatchObject({ name: 'ProviderError', kind: 'auth', statusCode: 400, isRetryable: false, provider: 'google' });
  });

  test('429 takes RetryInfo.retryDelay from the body, or retry-after from the headers', async () => {
    server.enqueue(
      geminiErrorResponse(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', {
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' }],
      }),
      geminiErrorResponse(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', { headers: { 'retry-after': '11' } }),
    );
    expect(await fail()).toMatchObject({ kind: 'rate_limit', retryAfterMs: 2500, isRetryable: true });
    expect(await fail()).toMatchObject({ kind: 'rate_limit', retryAfterMs: 11000 });
  });

  test('403 is auth; 404 is invalid_request; the response body is kept', async () => {
    server.enqueue(geminiErrors.permission(), geminiErrors.notFound());
    expect(await fail()).toMatchObject({ kind: 'auth', statusCode: 403 });
    const notFound = (await fail('gemini-nope')) as { kind: string; responseBody: string };
    expect(notFound.kind).toBe('invalid_request');
    expect(JSON.parse(notFound.responseBody)).toMatchObject({ error: { status: 'NOT_FOUND' } });
  });

  test('a missing key is an actionable LoadSecretError before any request; GOOGLE_API_KEY is read lazily', async () => {
    vi.stubEnv('GEMINI_API_KEY', '');
    vi.stubEnv('GOOGLE_API_KEY', '');
    const error = await createGoogle({ baseURL })
      .languageModel('gemini-2.5-flash')
      .stream({ prompt: hi })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'LoadSecretError', message: expect.stringContaining('GEMINI_API_KEY') });
    expect(server.calls).toHaveLength(0);
    vi.stubEnv('GOOGLE_API_KEY', 'test-key');
    server.enqueue({ parts: [{ type: 'text', deltas: ['ok'] }] });
    const model = createGoogle({ baseURL }).languageModel('gemini-2.5-flash');
    await collectStreamParts((await model.stream({ prompt: hi })).stream);
    expect(server.lastCall?.headers['x-goog-api-key']).toBe('test-key');
  });
});
