import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createGeminiFakeServer, type GeminiFakeServer } from './gemini-fake-server.js';
import { geminiStreamChunks } from './gemini-stream-chunks.js';

let server: GeminiFakeServer;
let origin: string;
beforeEach(async () => {
  server = createGeminiFakeServer({ apiKey: 'g-key' });
  origin = await server.start();
});
afterEach(async () => {
  await server.close();
});

const generate = (version: string, body: unknown, key = 'g-key') =>
  fetch(`${origin}/${version}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('createGeminiFakeServer', () => {
  test('a wrong key gets 400 API_KEY_INVALID; empty contents get 400 INVALID_ARGUMENT', async () => {
    const wrong = await generate('v1beta', { contents: [{ role: 'user', parts: [{ text: 'q' }] }] }, 'nope');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } });
    expect((await generate('v1beta', { contents: [] })).status).toBe(400);
  });

  test('streams a queued turn on any API version, recording the version and model', async () => {
    server.enqueue({ parts: [{ type: 'text', deltas: ['Hi'] }] });
    const response = await generate('v1', { contents: [{ role: 'user', parts: [{ text: 'q' }] }] });
    const body = await response.text();
    expect(body.startsWith('data: {')).toBe(true);
    expect(JSON.parse(body.slice(6))).toMatchObject({ candidates: [{ content: { parts: [{ text: 'Hi' }] }, finishReason: 'STOP' }], modelVersion: 'gemini-2.5-flash' });
    expect(server.lastCall?.params).toEqual({ version: 'v1', model: 'gemini-2.5-flash' });
    expect(server.generateRequests).toHaveLength(1);
  });

  test('lists models with the models/ prefix', async () => {
    const response = await fetch(`${origin}/v1beta/models?key=g-key`);
    expect(await response.json()).toMatchObject({ models: [{ name: 'models/gemini-2.5-flash' }, { name: 'models/gemini-3-pro-preview' }] });
  });
});

describe('geminiStreamChunks', () => {
  test('one chunk per part; signature on the last delta; finishReason and usage only on the last chunk', () => {
    const data = geminiStreamChunks({
      parts: [
        { type: 'thought', deltas: ['a', 'b'], signature: 'sig' },
        { type: 'functionCall', name: 'f', args: { x: 1 } },
      ],
      usage: { promptTokenCount: 10, candidatesTokenCount: 3, thoughtsTokenCount: 2 },
    }).map((chunk) => JSON.parse(chunk.slice(6)) as { candidates: Array<{ content: { parts: unknown[] }; finishReason?: string }>; usageMetadata?: unknown });
    expect(data.map((chunk) => chunk.candidates[0]?.content.parts)).toEqual([
      [{ text: 'a', thought: true }],
      [{ text: 'b', thought: true, thoughtSignature: 'sig' }],
      [{ functionCall: { name: 'f', args: { x: 1 } } }],
    ]);
    expect(data.map((chunk) => chunk.candidates[0]?.finishReason)).toEqual([undefined, undefined, 'STOP']);
    expect(data[2]?.usageMetadata).toMatchObject({ totalTokenCount: 15, thoughtsTokenCount: 2 });
  });
});
