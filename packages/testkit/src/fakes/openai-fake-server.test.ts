import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOpenAIFakeServer, type OpenAIFakeServer } from './openai-fake-server.js';
import { openaiChatStreamChunks } from './openai-chat-stream-chunks.js';
import { openaiResponsesStreamEvents } from './openai-responses-stream-events.js';

/** The `data:` payloads of an SSE body, parsed (`[DONE]` kept as a string). */
function dataOf(body: string): unknown[] {
  return body
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => block.slice(block.indexOf('data: ') + 6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}

let server: OpenAIFakeServer;
let origin: string;
beforeEach(async () => {
  server = createOpenAIFakeServer({ apiKey: 'sk-test' });
  origin = await server.start();
});
afterEach(async () => {
  await server.close();
});

const post = (path: string, body: unknown, key = 'sk-test') =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('createOpenAIFakeServer', () => {
  test('rejects a wrong key with 401 invalid_api_key and a missing field with 400, like the real API', async () => {
    const wrongKey = await post('/v1/chat/completions', { model: 'm', messages: [], stream: true }, 'sk-other');
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
    const missing = await post('/v1/responses', { model: 'm', stream: true });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { param: 'input', code: 'missing_required_parameter' } });
  });

  test('streams queued chat turns in order with the request model, records bodies, then says no turn is left', async () => {
    server.enqueueChat({ text: ['Hi'] });
    const response = await post('/v1/chat/completions', { model: 'gpt-x', messages: [{ role: 'user', content: 'q' }], stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const data = dataOf(await response.text());
    expect(data.at(-1)).toBe('[DONE]');
    expect(data[1]).toMatchObject({ model: 'gpt-x', choices: [{ delta: { content: 'Hi' } }] });
    expect(server.chatRequests).toEqual([{ model: 'gpt-x', messages: [{ role: 'user', content: 'q' }], stream: true }]);
    expect((await post('/v1/chat/completions', { model: 'm', messages: [], stream: true })).status).toBe(500);
  });

  test('serves GET /v1/models', async () => {
    const response = await fetch(`${origin}/v1/models`, { headers: { authorization: 'Bearer sk-test' } });
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'gpt-5-mini', object: 'model' }, { id: 'gpt-5' }] });
  });
});

describe('OpenAI chunk builders', () => {
  test('chat: tool-call header carries id/name, fragments only index + arguments; usage chunk has no choices', () => {
    const data = dataOf(
      openaiChatStreamChunks({
        toolCalls: [{ id: 'call_1', name: 'f', argumentChunks: ['{"a":', '1}'] }],
        usage: { promptTokens: 10, completionTokens: 2, cachedTokens: 4 },
      }).join(''),
    ) as Array<{ choices: Array<{ delta: unknown; finish_reason: unknown }>; usage?: unknown }>;
    expect(data[1]?.choices[0]?.delta).toEqual({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] });
    expect(data[2]?.choices[0]?.delta).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] });
    expect(data[4]?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(data[5]).toMatchObject({ choices: [], usage: { prompt_tokens: 10, total_tokens: 12, prompt_tokens_details: { cached_tokens: 4 } } });
  });

  test('responses: every event is named, numbered in order, and completed carries the finished output', () => {
    const chunks = openaiResponsesStreamEvents({ items: [{ type: 'function_call', callId: 'c1', name: 'f', argumentChunks: ['{}'] }] });
    const events = chunks.map((chunk) => /^event: (\S+)/.exec(chunk)?.[1]);
    expect(events).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const data = dataOf(chunks.join('')) as Array<{ type: string; sequence_number: number; response?: { output: unknown[] } }>;
    expect(data.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(data.every((event, index) => event.type === events[index])).toBe(true);
    expect(data.at(-1)?.response?.output).toEqual([{ id: 'fc_fake0', type: 'function_call', status: 'completed', call_id: 'c1', name: 'f', arguments: '{}' }]);
  });
});
