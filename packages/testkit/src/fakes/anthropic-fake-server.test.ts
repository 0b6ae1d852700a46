import { afterEach, describe, expect, test } from 'vitest';
import { anthropicContractFake } from './anthropic-contract-fake.js';
import { createAnthropicFakeServer, type AnthropicFakeServer } from './anthropic-fake-server.js';
import { anthropicStreamChunks } from './anthropic-stream-chunks.js';

let server: AnthropicFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const body = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

async function post(baseUrl: string, headers: Record<string, string>, payload: unknown = { ...body, stream: true }): Promise<Response> {
  return fetch(`${baseUrl}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

/** Splits raw SSE text into `{event, data}` pairs (blank-line separated blocks). */
function parseSse(text: string): Array<{ event: string | undefined; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = JSON.parse(lines.find((line) => line.startsWith('data: '))?.slice(6) ?? 'null') as Record<string, unknown>;
      return { event, data };
    });
}

describe('anthropicStreamChunks', () => {
  test('follows the Messages API event order, with data.type equal to the event name', () => {
    const events = parseSse(
      anthropicStreamChunks({
        blocks: [
          { type: 'thinking', deltas: ['a'], signature: 's' },
          { type: 'text', deltas: ['Hel', 'lo'] },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', inputChunks: ['{"city":', '"Paris"}'] },
        ],
        usage: { inputTokens: 5, outputTokens: 42, cacheReadTokens: 3, cacheWriteTokens: 2 },
      }).join(''),
    );
    for (const { event, data } of events) expect(data['type']).toBe(event);
    expect(events.map(({ event, data }) => (event === 'content_block_delta' ? `delta:${(data['delta'] as { type: string }).type}` : event))).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'delta:thinking_delta',
      'delta:signature_delta',
      'content_block_stop',
      'content_block_start',
      'delta:text_delta',
      'delta:text_delta',
      'content_block_stop',
      'content_block_start',
      'delta:input_json_delta',
      'delta:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]?.data).toMatchObject({ message: { usage: { input_tokens: 5, cache_read_input_tokens: 3, cache_creation_input_tokens: 2 } } });
    expect(events.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 42 } });
  });

  test('the contract fake cuts after the last text delta, and holds the partial answer open', () => {
    const cut = anthropicContractFake.cutStream({ deltas: ['a', 'b'] });
    expect(cut).toMatchObject({ type: 'sse', cutAfter: 4 });
    expect(anthropicContractFake.partialText({ deltas: ['a'] })).toMatchObject({ type: 'sse', holdOpen: true });
  });
});

describe('createAnthropicFakeServer', () => {
  test('accepts both auth styles and replays turns in order', async () => {
    server = createAnthropicFakeServer({
      apiKey: 'sk-ant-1',
      turns: [{ blocks: [{ type: 'text', deltas: ['one'] }] }, { blocks: [{ type: 'text', deltas: ['two'] }] }],
    });
    const baseUrl = await server.start();
    const first = await post(baseUrl, { 'x-api-key': 'sk-ant-1', 'anthropic-version': '2023-06-01' });
    expect(first.headers.get('content-type')).toBe('text/event-stream');
    expect(await first.text()).toContain('"text":"one"');
    const second = await post(baseUrl, { authorization: 'Bearer sk-ant-1', 'anthropic-version': '2026-10-21' });
    expect(await second.text()).toContain('"text":"two"');
    expect(server.messageRequests).toEqual([
      { ...body, stream: true },
      { ...body, stream: true },
    ]);
    const exhausted = await post(baseUrl, { 'x-api-key': 'sk-ant-1', 'anthropic-version': '2023-06-01' });
    expect(exhausted.status).toBe(500);
    expect(await exhausted.json()).toMatchObject({ error: { message: 'fake Anthropic server: no scripted turn left' } });
  });

  test('rejects like the real API: missing or wrong key, missing version, missing fields', async () => {
    server = createAnthropicFakeServer({ apiKey: 'sk-ant-1', turns: [{ blocks: [] }] });
    const baseUrl = await server.start();
    const noKey = await post(baseUrl, { 'anthropic-version': '2023-06-01' });
    expect([noKey.status, ((await noKey.json()) as { error: { type: string } }).error.type]).toEqual([401, 'authentication_error']);
    expect((await post(baseUrl, { 'x-api-key': 'wrong', 'anthropic-version': '2023-06-01' })).status).toBe(401);
    const noVersion = await post(baseUrl, { 'x-api-key': 'sk-ant-1' });
    expect([noVersion.status, ((await noVersion.json()) as { error: { message: string } }).error.message]).toEqual([400, 'anthropic-version: header is required']);
    const noModel = await post(baseUrl, { 'x-api-key': 'sk-ant-1', 'anthropic-version': '2023-06-01' }, { max_tokens: 1, messages: [] });
    expect(((await noModel.json()) as { error: { message: string } }).error.message).toBe('model: Field required');
  });

  test('answers a non-streaming request with one JSON message', async () => {
    server = createAnthropicFakeServer();
    server.enqueue({
      blocks: [
        { type: 'text', deltas: ['Hel', 'lo'] },
        { type: 'tool_use', id: 'toolu_1', name: 'now', inputChunks: ['{"tz":', '"UTC"}'] },
      ],
      usage: { inputTokens: 3, outputTokens: 4 },
    });
    const baseUrl = await server.start();
    const response = await post(baseUrl, { 'x-api-key': 'any', 'anthropic-version': '2023-06-01' }, body);
    expect(await response.json()).toMatchObject({
      type: 'message',
      model: 'claude-sonnet-4-6',
      content: [
        { type: 'text', text: 'Hello' },
        { type: 'tool_use', id: 'toolu_1', name: 'now', input: { tz: 'UTC' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 3, output_tokens: 4 },
    });
  });

  test('serves GET /v1/models behind the same auth', async () => {
    server = createAnthropicFakeServer({ apiKey: 'k', models: ['claude-haiku-4-5'] });
    const baseUrl = await server.start();
    const listed = await fetch(`${baseUrl}/v1/models`, { headers: { authorization: 'Bearer k' } });
    expect(await listed.json()).toMatchObject({ data: [{ id: 'claude-haiku-4-5', type: 'model' }], has_more: false });
    expect((await fetch(`${baseUrl}/v1/models`)).status).toBe(401);
  });
});
