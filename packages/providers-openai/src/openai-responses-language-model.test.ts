import type { LanguageModelCallOptions, LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import {
  collectStreamParts,
  createOpenAIFakeServer,
  findStreamPartProblems,
  OpenAIResponsesEventWriter,
  openaiResponsesErrorEvent,
  openaiResponsesFailedEvent,
  openaiResponsesOpening,
  type OpenAIFakeServer,
} from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOpenAI } from './index.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let server: OpenAIFakeServer;
let baseURL: string;
beforeEach(async () => {
  server = createOpenAIFakeServer({ apiKey: 'sk-test' });
  baseURL = `${await server.start()}/v1`;
});
afterEach(async () => {
  await server.close();
});

const model = () => createOpenAI({ apiKey: 'sk-test', baseURL }).responses('gpt-5');
async function run(options: LanguageModelCallOptions): Promise<LanguageModelStreamPart[]> {
  const parts = await collectStreamParts((await model().stream(options)).stream);
  expect(findStreamPartProblems(parts)).toEqual([]);
  return parts;
}

describe('OpenAIResponsesLanguageModel', () => {
  test('reasoning round trip: summary deltas stream as reasoning, the encrypted item is replayed on the next turn', async () => {
    server.enqueueResponses(
      {
        items: [
          { type: 'reasoning', id: 'rs_1', summaryDeltas: ['Need ', 'weather.'], encryptedContent: 'gAAAA-encrypted' },
          { type: 'function_call', id: 'fc_1', callId: 'call_w', name: 'get_weather', argumentChunks: ['{"city":', '"Paris"}'] },
        ],
        usage: { inputTokens: 100, outputTokens: 30, cachedTokens: 60, reasoningTokens: 12 },
      },
      { items: [{ type: 'message', deltas: ['18°C in Paris.'] }] },
    );
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather in Paris?' }] };
    const first = await run({ prompt: [user], tools: [weatherTool], thinking: 'medium' });

    const reasoningEnd = first.find((part) => part.type === 'reasoning-end');
    if (reasoningEnd?.type !== 'reasoning-end') throw new Error('no reasoning-end');
    expect(reasoningEnd.signature).toBeDefined();
    expect(first.filter((part) => part.type === 'reasoning-delta').map((part) => (part as { delta: string }).delta).join('')).toBe('Need weather.');
    expect(first.find((part) => part.type === 'tool-call')).toEqual({ type: 'tool-call', toolCallId: 'call_w', toolName: 'get_weather', input: '{"city":"Paris"}' });
    expect(first.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool-calls',
      usage: { inputTokens: 40, outputTokens: 30, totalTokens: 130, cacheReadTokens: 60, cacheWriteTokens: 0, reasoningTokens: 12 },
    });

    await run({
      prompt: [
        user,
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Need weather.', signature: reasoningEnd.signature as string },
            { type: 'tool-call', toolCallId: 'call_w', toolName: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_w', toolName: 'get_weather', output: '18°C' }] },
      ],
      tools: [weatherTool],
      thinking: 'medium',
    });
    expect(server.responsesRequests[1]).toEqual({
      model: 'gpt-5',
      stream: true,
      store: false,
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'reasoning', id: 'rs_1', encrypted_content: 'gAAAA-encrypted', summary: [{ type: 'summary_text', text: 'Need weather.' }] },
        { type: 'function_call', call_id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_w', output: '18°C' },
      ],
      tools: [{ type: 'function', name: 'get_weather', description: weatherTool.description, parameters: weatherTool.inputSchema, strict: false }],
      reasoning: { effort: 'medium', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
    });
  });

  test('images, system prompt, tool choice and max tokens map onto the Responses body', async () => {
    server.enqueueResponses({ items: [{ type: 'message', deltas: ['A cat.'] }] });
    await run({
      prompt: [
        { role: 'system', content: 'Describe briefly.' },
        { role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image', data: png, mediaType: 'image/png' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'no signature: dropped' }, { type: 'text', text: 'Earlier answer.' }] },
      ],
      toolChoice: 'none',
      maxOutputTokens: 300,
      providerOptions: { openai: { store: true } },
    });
    expect(server.responsesRequests[0]).toEqual({
      model: 'gpt-5',
      stream: true,
      store: true,
      input: [
        { role: 'system', content: 'Describe briefly.' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is it?' },
            { type: 'input_image', image_url: `data:image/png;base64,${png}`, detail: 'auto' },
          ],
        },
        { role: 'assistant', content: 'Earlier answer.' },
      ],
      tool_choice: 'none',
      max_output_tokens: 300,
    });
  });

  test('response.incomplete for max_output_tokens finishes with "length"', async () => {
    server.enqueueResponses({ items: [{ type: 'message', deltas: ['Cut'] }], status: 'incomplete', incompleteReason: 'max_output_tokens' });
    const parts = await run({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'long' }] }] });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
  });

  test('response.failed becomes a typed error part; an `error` event with rate_limit_exceeded is a rate limit', async () => {
    const failed = new OpenAIResponsesEventWriter();
    const errored = new OpenAIResponsesEventWriter();
    server.enqueueResponses(
      { type: 'sse', chunks: [...openaiResponsesOpening(failed, {}), openaiResponsesFailedEvent(failed, { code: 'server_error', message: 'The model crashed.' })] },
      {
        type: 'sse',
        chunks: [...openaiResponsesOpening(errored, {}), openaiResponsesErrorEvent(errored, { code: 'rate_limit_exceeded', message: 'Slow down.' })],
      },
    );
    const prompt: LanguageModelCallOptions['prompt'] = [{ role: 'user', content: [{ type: 'text', text: 'q' }] }];
    const first = await run({ prompt });
    expect(first.at(-1)).toMatchObject({ type: 'error', error: { name: 'ProviderError', kind: 'unknown', isRetryable: true, provider: 'openai' } });
    expect((first.at(-1) as { error: Error }).error.message).toContain('The model crashed.');
    const second = await run({ prompt });
    expect(second.at(-1)).toMatchObject({ type: 'error', error: { kind: 'rate_limit', isRetryable: true } });
  });
});
