import { LoadSecretError, type LanguageModelCallOptions } from '@rusty-claw/plugin-sdk';
import { collectStreamParts, createOpenAIFakeServer, openaiErrorResponse, openaiErrors, type OpenAIFakeServer } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createOllama, createOpenAI, createOpenRouter, openai } from './index.js';

const prompt: LanguageModelCallOptions['prompt'] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

let server: OpenAIFakeServer;
let origin: string;
beforeEach(async () => {
  server = createOpenAIFakeServer({ allowAnonymous: true });
  origin = await server.start();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

/**
 * A `fetch` that records the URL the SDK aimed at and sends the request to the fake server instead (minus a path
 * prefix the fake does not serve): default base URLs are tested offline, and the `fetch` setting with them.
 */
function redirectTo(target: string, seen: string[], stripPrefix = ''): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    seen.push(url.href);
    return fetch(`${target}${url.pathname.slice(stripPrefix.length)}${url.search}`, init);
  };
}

describe('createOpenRouter', () => {
  test('sends the key, HTTP-Referer and X-Title, uses reasoning.effort and max_tokens, to openrouter.ai by default', async () => {
    server.enqueueChat({ text: ['hi'] });
    const seen: string[] = [];
    const provider = createOpenRouter({
      apiKey: 'sk-or-test',
      siteUrl: 'https://claw.example',
      siteName: 'Rusty Claw',
      fetch: redirectTo(origin, seen, '/api'),
    });
    const model = provider.languageModel('anthropic/claude-sonnet-4.5');
    expect(model.provider).toBe('openrouter');
    await collectStreamParts((await model.stream({ prompt, thinking: 'low', maxOutputTokens: 100 })).stream);
    expect(seen).toEqual(['https://openrouter.ai/api/v1/chat/completions']);
    const headers = server.lastCall?.headers ?? {};
    expect(headers.authorization).toBe('Bearer sk-or-test');
    expect(headers['http-referer']).toBe('https://claw.example');
    expect(headers['x-title']).toBe('Rusty Claw');
    expect(server.chatRequests[0]).toMatchObject({ reasoning: { effort: 'low' }, max_tokens: 100 });
    expect(server.chatRequests[0]).not.toHaveProperty('reasoning_effort');
    expect(server.chatRequests[0]).not.toHaveProperty('max_completion_tokens');
  });

  test('402 (out of credits) is a non-retryable billing error', async () => {
    server.enqueueChat(openaiErrors.billing());
    const error = await createOpenRouter({ apiKey: 'k', baseURL: `${origin}/v1` })
      .chat('x/y')
      .stream({ prompt })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'billing', statusCode: 402, isRetryable: false, provider: 'openrouter' });
  });
});

describe('createOllama', () => {
  test('needs no key: sends the placeholder bearer to 127.0.0.1:11434/v1 by default', async () => {
    vi.stubEnv('OLLAMA_API_KEY', '');
    server.enqueueChat({ text: ['llama says hi'] });
    const seen: string[] = [];
    const model = createOllama({ fetch: redirectTo(origin, seen) }).languageModel('llama3.2');
    const parts = await collectStreamParts((await model.stream({ prompt, maxOutputTokens: 64 })).stream);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(seen).toEqual(['http://127.0.0.1:11434/v1/chat/completions']);
    expect(server.lastCall?.headers.authorization).toBe('Bearer ollama');
    expect(server.chatRequests[0]).toMatchObject({ model: 'llama3.2', max_tokens: 64 });
    expect(model.provider).toBe('ollama');
  });

  test('listModels returns the ids the server offers', async () => {
    const models = await createOllama({ baseURL: `${origin}/v1` }).listModels();
    expect(models).toEqual([{ id: 'gpt-5-mini' }, { id: 'gpt-5' }]);
  });
});

describe('createOpenAI keys and settings', () => {
  test('a missing key rejects with an actionable LoadSecretError, and no request is made', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const error = await createOpenAI({ baseURL: `${origin}/v1` })
      .chat('gpt-5-mini')
      .stream({ prompt })
      .catch((caught: unknown) => caught);
    expect(LoadSecretError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
    expect(server.calls).toHaveLength(0);
  });

  test('the key is read from OPENAI_API_KEY lazily: the default instance picks up a key set after import', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const provider = createOpenAI({ baseURL: `${origin}/v1` });
    await expect(provider.chat('gpt-5-mini').stream({ prompt })).rejects.toThrow(/OPENAI_API_KEY/);
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    server.enqueueChat({ text: ['ok'] });
    await collectStreamParts((await provider.chat('gpt-5-mini').stream({ prompt })).stream);
    expect(server.lastCall?.headers.authorization).toBe('Bearer sk-from-env');
    expect(openai.id).toBe('openai');
  });

  test('organization, project and headers are sent; OPENAI_BASE_URL / OPENAI_ORG_ID from the environment are ignored', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-from-env');
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    server.enqueueChat({ text: ['ok'] });
    const provider = createOpenAI({ apiKey: 'sk', baseURL: `${origin}/v1`, project: 'proj_1', headers: { 'x-app': 'claw' }, name: 'work-openai' });
    const model = provider.chat('gpt-5-mini');
    await collectStreamParts((await model.stream({ prompt })).stream);
    expect(server.lastCall?.headers['openai-project']).toBe('proj_1');
    expect(server.lastCall?.headers['openai-organization']).toBeUndefined();
    expect(server.lastCall?.headers['x-app']).toBe('claw');
    expect(model.provider).toBe('work-openai');
  });

  test('an empty model id is a ConfigError', () => {
    expect(() => createOpenAI({ apiKey: 'sk' }).chat(' ')).toThrow(expect.objectContaining({ name: 'ConfigError' }));
  });

  test('retry-after-ms wins over retry-after; 404 model not found is invalid_request', async () => {
    server.enqueueChat(
      openaiErrorResponse(429, { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after-ms': '1500.4', 'retry-after': '9' }),
      openaiErrors.notFound(),
    );
    const model = createOpenAI({ apiKey: 'sk', baseURL: `${origin}/v1` }).chat('gpt-nope');
    await expect(model.stream({ prompt })).rejects.toMatchObject({ kind: 'rate_limit', retryAfterMs: 1500, isRetryable: true });
    await expect(model.stream({ prompt })).rejects.toMatchObject({ kind: 'invalid_request', statusCode: 404, isRetryable: false });
    expect(server.calls).toHaveLength(2);
  });

  test('an unreachable server is a retryable network error', async () => {
    const closed = createOpenAIFakeServer();
    const url = await closed.start();
    await closed.close();
    await expect(createOpenAI({ apiKey: 'sk', baseURL: `${url}/v1` }).chat('m').stream({ prompt })).rejects.toMatchObject({
      kind: 'network',
      isRetryable: true,
    });
  });
});
