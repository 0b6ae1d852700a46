import { afterEach, describe, expect, test } from 'vitest';
import { TestkitError } from '../testkit-error.js';
import { createFakeServer } from './create-fake-server.js';
import type { FakeServer } from './fake-server-types.js';
import { formatSseEvent } from './format-sse-event.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function started(routes: Parameters<typeof createFakeServer>[0]): Promise<{ fake: FakeServer; baseUrl: string }> {
  server = createFakeServer(routes);
  const baseUrl = await server.start();
  return { fake: server, baseUrl };
}

describe('createFakeServer', () => {
  test('listens on loopback and answers json, recording the call', async () => {
    const { fake, baseUrl } = await started({ 'POST /v1/messages': { type: 'json', status: 201, headers: { 'x-id': 'a' }, body: { ok: true } } });
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${baseUrl}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-id')).toBe('a');
    expect(await response.json()).toEqual({ ok: true });
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0];
    expect(call).toMatchObject({ method: 'POST', url: '/v1/messages?beta=true', path: '/v1/messages', bodyJson: { model: 'm' }, route: 'POST /v1/messages' });
    expect(call?.headers.authorization).toBe('Bearer k');
    expect(call?.query.get('beta')).toBe('true');
    expect(fake.lastCall).toBe(call);
  });

  test('matches :params and escaped literal colons', async () => {
    const { fake, baseUrl } = await started({
      'POST /v1/models/:model\\:streamGenerateContent': { type: 'json', body: 'stream' },
      'POST /v1/models/:model\\:generateContent': { type: 'json', body: 'once' },
    });
    expect(await (await fetch(`${baseUrl}/v1/models/gemini-2.5-pro:streamGenerateContent?alt=sse`, { method: 'POST' })).json()).toBe('stream');
    expect(await (await fetch(`${baseUrl}/v1/models/gemini-2.5-pro:generateContent`, { method: 'POST' })).json()).toBe('once');
    expect(fake.calls.map((call) => call.params)).toEqual([{ model: 'gemini-2.5-pro' }, { model: 'gemini-2.5-pro' }]);
    // The method is part of the key.
    expect((await fetch(`${baseUrl}/v1/models/x:generateContent`)).status).toBe(404);
  });

  test('an unmatched request gets a 404 naming the known routes and is still recorded', async () => {
    const { fake, baseUrl } = await started({ 'GET /a': { type: 'json', body: 1 } });
    const response = await fetch(`${baseUrl}/b`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no fake route for GET /b', routes: ['GET /a'] });
    expect(fake.calls[0]?.route).toBeUndefined();
  });

  test('a response list answers one per call and repeats the last; reset() restarts the count', async () => {
    const { fake, baseUrl } = await started({
      'GET /n': [
        { type: 'json', body: 0 },
        { type: 'json', body: 1 },
      ],
    });
    const get = async () => (await fetch(`${baseUrl}/n`)).json();
    expect([await get(), await get(), await get()]).toEqual([0, 1, 1]);
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect(await get()).toBe(0);
  });

  test('a function route sees the call number and the request', async () => {
    const { baseUrl } = await started({
      'POST /echo': ({ callNumber, request }) => ({ type: 'json', body: { callNumber, got: request.bodyJson } }),
    });
    const post = async (body: unknown) => (await fetch(`${baseUrl}/echo`, { method: 'POST', body: JSON.stringify(body) })).json();
    expect(await post({ a: 1 })).toEqual({ callNumber: 0, got: { a: 1 } });
    expect(await post('x')).toEqual({ callNumber: 1, got: 'x' });
  });

  test('setRoute replaces a handler between tests', async () => {
    const { fake, baseUrl } = await started({ 'GET /r': { type: 'json', body: 'old' } });
    fake.setRoute('GET /r', { type: 'json', body: 'new' });
    expect(await (await fetch(`${baseUrl}/r`)).json()).toBe('new');
  });

  test('error responses carry status, headers and a JSON or text body', async () => {
    const { baseUrl } = await started({
      'GET /json': { type: 'error', status: 429, headers: { 'retry-after': '7' }, body: { error: { type: 'rate_limit_error' } } },
      'GET /text': { type: 'error', status: 502, body: 'Bad Gateway' },
    });
    const json = await fetch(`${baseUrl}/json`);
    expect([json.status, json.headers.get('retry-after'), json.headers.get('content-type')]).toEqual([429, '7', 'application/json']);
    expect(await json.json()).toEqual({ error: { type: 'rate_limit_error' } });
    const text = await fetch(`${baseUrl}/text`);
    expect([text.status, await text.text()]).toEqual([502, 'Bad Gateway']);
  });

  test('sse writes the raw chunks in order, with delays between them', async () => {
    const chunks = [formatSseEvent({ type: 'ping' }, 'ping'), formatSseEvent('[DONE]')];
    const { baseUrl } = await started({ 'GET /s': { type: 'sse', chunks, delayMs: 5 } });
    const response = await fetch(`${baseUrl}/s`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe('event: ping\ndata: {"type":"ping"}\n\ndata: [DONE]\n\n');
  });

  test('cutAfter destroys the socket mid-stream after delivering the first chunks', async () => {
    const { baseUrl } = await started({ 'GET /s': { type: 'sse', chunks: ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n'], cutAfter: 2 } });
    const response = await fetch(`${baseUrl}/s`);
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += value;
      }
    })().catch((error: unknown) => error);
    expect(received).toBe('data: 1\n\ndata: 2\n\n');
    expect(failure).toBeInstanceOf(Error);
  });

  test('holdOpen keeps the stream open until the client aborts', async () => {
    const { fake, baseUrl } = await started({ 'GET /s': { type: 'sse', chunks: ['data: 1\n\n'], holdOpen: true } });
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/s`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n');
    let released = false;
    void fake.calls[0]?.closed.then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released).toBe(false);
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    await fake.calls[0]?.closed;
    expect(fake.calls).toHaveLength(1);
  });

  test('malformed sends the raw bytes verbatim', async () => {
    const { baseUrl } = await started({ 'GET /m': { type: 'malformed', raw: 'data: {"type":\n\n' } });
    const response = await fetch(`${baseUrl}/m`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe('data: {"type":\n\n');
  });

  test('hang never answers, and close() releases the waiting client', async () => {
    const { fake, baseUrl } = await started({ 'POST /h': { type: 'hang' } });
    const pending = fetch(`${baseUrl}/h`, { method: 'POST', body: '{}' });
    await fake.waitForCalls(1);
    await fake.close();
    await expect(pending).rejects.toThrow();
  });

  test('close() also ends held-open streams, is idempotent, and works before start', async () => {
    const { fake, baseUrl } = await started({ 'GET /s': { type: 'sse', chunks: ['data: 1\n\n'], holdOpen: true } });
    const response = await fetch(`${baseUrl}/s`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await Promise.all([fake.close(), fake.close()]);
    await expect(reader.read()).rejects.toThrow();
    await createFakeServer().close();
  });

  test('a throwing route handler answers 500 with its message', async () => {
    const { baseUrl } = await started({
      'GET /boom': () => {
        throw new Error('scenario bug');
      },
    });
    const response = await fetch(`${baseUrl}/boom`);
    expect([response.status, await response.text()]).toEqual([500, 'fake server handler failed: scenario bug']);
  });

  test('bad route keys and reading baseUrl before start are typed errors', () => {
    expect(() => createFakeServer({ 'post /x': { type: 'hang' } })).toThrow(TestkitError);
    expect(() => createFakeServer({ 'GET /a/:': { type: 'hang' } })).toThrow(/parameter name/);
    expect(() => createFakeServer().baseUrl).toThrow(/start/);
  });
});
