import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestkitError } from '../testkit-error.js';
import { compileRoute, matchRoute, type CompiledRoute } from './compile-route.js';
import type { FakeResponse, FakeRouteHandler, FakeRoutes, FakeServer, FakeServerCall, FakeSseResponse } from './fake-server-types.js';

/**
 * A declarative fake HTTP service on a real loopback socket, in the spirit of `@ai-sdk/test-server`: point a real
 * SDK at `baseUrl` and script what each route answers. Every request is recorded in `calls`.
 *
 * ```ts
 * const server = createFakeServer({ 'POST /v1/messages': { type: 'json', body: { ok: true } } });
 * const baseUrl = await server.start();
 * ```
 */
export function createFakeServer(routes: FakeRoutes = {}): FakeServer {
  const table = new Map<string, { compiled: CompiledRoute; handler: FakeRouteHandler }>();
  const callCounts = new Map<string, number>();
  const calls: FakeServerCall[] = [];
  const sockets = new Set<Socket>();
  // Aborted on close so that delayed SSE writers stop waiting instead of keeping timers alive.
  const closing = new AbortController();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let baseUrl: string | undefined;
  let shutdown: Promise<void> | undefined;

  const setRoute = (key: string, handler: FakeRouteHandler): void => {
    table.set(key, { compiled: compileRoute(key), handler });
  };
  for (const [key, handler] of Object.entries(routes)) setRoute(key, handler);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A handler bug must show up in the test, not as a hang: answer 500 with the message.
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`fake server handler failed: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const bodyText = await readBody(request);
    const url = request.url ?? '/';
    const parsed = new URL(url, 'http://fake.invalid');
    const method = request.method ?? 'GET';
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
    let matched: { key: string; handler: FakeRouteHandler; params: Record<string, string> } | undefined;
    for (const [key, entry] of table) {
      const params = matchRoute(entry.compiled, method, parsed.pathname);
      if (params) {
        matched = { key, handler: entry.handler, params };
        break;
      }
    }
    const call: FakeServerCall = {
      method,
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: request.headers,
      bodyText,
      bodyJson: parseJson(bodyText),
      params: matched?.params ?? {},
      route: matched?.key,
      closed,
    };
    calls.push(call);
    for (const waiter of waiters.filter((entry) => calls.length >= entry.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (!matched) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `no fake route for ${method} ${parsed.pathname}`, routes: [...table.keys()] }));
      return;
    }
    const callNumber = callCounts.get(matched.key) ?? 0;
    callCounts.set(matched.key, callNumber + 1);
    const answer = await resolveResponse(matched.handler, callNumber, call);
    await respond(answer, response);
  }

  async function respond(answer: FakeResponse, response: ServerResponse): Promise<void> {
    switch (answer.type) {
      case 'json':
        response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body));
        return;
      case 'error': {
        const isText = typeof answer.body === 'string';
        const body = answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
        response.writeHead(answer.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...answer.headers });
        response.end(body);
        return;
      }
      case 'malformed':
        response.writeHead(answer.status ?? 200, { 'content-type': 'text/event-stream', ...answer.headers });
        response.end(answer.raw);
        return;
      case 'hang':
        // Deliberately never answer; close() destroys the socket.
        return;
      case 'sse':
        await writeSse(answer, response);
        return;
    }
  }

  async function writeSse(answer: FakeSseResponse, response: ServerResponse): Promise<void> {
    response.writeHead(answer.status ?? 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...answer.headers,
    });
    response.flushHeaders();
    for (const [index, chunk] of answer.chunks.entries()) {
      if (answer.cutAfter !== undefined && index >= answer.cutAfter) break;
      if (index > 0 && answer.delayMs) {
        try {
          await sleep(answer.delayMs, undefined, { signal: closing.signal });
        } catch {
          return;
        }
      }
      if (response.destroyed) return;
      // Wait until the chunk is handed to the kernel so that a following cut cannot swallow it.
      await new Promise<void>((resolve) => response.write(chunk, () => resolve()));
    }
    if (answer.cutAfter !== undefined && answer.cutAfter <= answer.chunks.length) {
      response.socket?.destroy();
      return;
    }
    if (!answer.holdOpen) response.end();
  }

  return {
    async start() {
      if (baseUrl !== undefined) return baseUrl;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
      return baseUrl;
    },
    get baseUrl() {
      if (baseUrl === undefined) throw new TestkitError('fake server not started: await server.start() first');
      return baseUrl;
    },
    get calls() {
      return calls;
    },
    get lastCall() {
      return calls.at(-1);
    },
    async waitForCalls(count) {
      if (calls.length < count) await new Promise<void>((resolve) => waiters.push({ count, resolve }));
      return calls;
    },
    setRoute,
    reset() {
      calls.length = 0;
      callCounts.clear();
    },
    close() {
      shutdown ??= new Promise<void>((resolve) => {
        closing.abort();
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return shutdown;
    },
    [Symbol.asyncDispose]() {
      return this.close();
    },
  };
}

async function resolveResponse(handler: FakeRouteHandler, callNumber: number, request: FakeServerCall): Promise<FakeResponse> {
  if (typeof handler === 'function') return handler({ callNumber, request });
  if (Array.isArray(handler)) {
    const answer = handler[Math.min(callNumber, handler.length - 1)];
    if (answer === undefined) throw new TestkitError('fake route has an empty response list');
    return answer;
  }
  return handler;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
