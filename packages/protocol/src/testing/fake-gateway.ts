import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_POLICY } from '../version.js';

// A fake of the REMOTE end for GatewayClient tests: a real `ws` server on 127.0.0.1:0 that speaks
// just enough of the gateway protocol, scripted per test. It is not our gateway (that lives in
// @rusty-claw/gateway) and builds its frames by hand, so the client is tested against the wire.

export type FakeReply =
  | { ok: true; payload?: unknown }
  | { ok: false; error: { code: string; message: string; details?: unknown; retryable?: boolean; retryAfterMs?: number } };

export interface FakeConnection {
  socket: WebSocket;
  nonce: string;
  challengeTs: number;
  /** Every frame the client sent on this socket, parsed. */
  received: Array<Record<string, unknown>>;
  send(frame: unknown): void;
  sendRaw(text: string): void;
}

export interface FakeGatewayOptions {
  /** `send` (default), `none` (never send one), or `no-nonce`. */
  challenge?: 'send' | 'none' | 'no-nonce';
  /** Answer to `connect`; `undefined` → a valid v3 hello-ok; `'silent'` → no answer. Default hello-ok. */
  onConnect?: (params: Record<string, unknown>, connection: FakeConnection, index: number) => FakeReply | 'silent' | { close: number; reason: string };
  /** Method handlers; `'silent'` sends nothing (the test answers via `connection.send`). */
  methods?: Record<string, (params: unknown, frame: Record<string, unknown>, connection: FakeConnection) => FakeReply | 'silent'>;
}

export function helloOkV3(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'hello-ok',
    protocol: 3,
    server: { version: 'fake-1', connId: randomUUID() },
    features: { methods: ['health'], events: ['tick'] },
    snapshot: { presence: [], health: {}, stateVersion: { presence: 0, health: 0 }, uptimeMs: 1 },
    auth: { role: 'operator', scopes: [] },
    policy: { ...DEFAULT_POLICY },
    ...overrides,
  };
}

export interface FakeGateway {
  url: string;
  connections: FakeConnection[];
  /** Close codes the server saw, in order (`{code, reason}` per closed socket). */
  closes: Array<{ code: number; reason: string }>;
  /** Resolves when `count` connections have been opened. */
  waitForConnections(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const connections: FakeConnection[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  server.on('connection', (socket) => {
    const connection: FakeConnection = {
      socket,
      nonce: randomUUID(),
      challengeTs: Date.now(),
      received: [],
      send: (frame) => socket.send(JSON.stringify(frame)),
      sendRaw: (text) => socket.send(text),
    };
    const index = connections.push(connection) - 1;
    for (const waiter of waiters.filter((w) => connections.length >= w.count)) waiter.resolve();
    socket.on('close', (code, reason) => closes.push({ code, reason: reason.toString('utf8') }));
    const challenge = options.challenge ?? 'send';
    if (challenge !== 'none') {
      const payload = challenge === 'no-nonce' ? { ts: connection.challengeTs } : { nonce: connection.nonce, ts: connection.challengeTs };
      connection.send({ type: 'event', event: 'connect.challenge', payload });
    }
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      connection.received.push(frame);
      if (frame['method'] === 'connect') {
        const reply = options.onConnect?.(frame['params'] as Record<string, unknown>, connection, index) ?? { ok: true, payload: helloOkV3() };
        if (reply === 'silent') return;
        if ('close' in reply) {
          socket.close(reply.close, reply.reason);
          return;
        }
        connection.send({ type: 'res', id: frame['id'], ...reply });
        if (!reply.ok) socket.close(1008, reply.error.message);
        return;
      }
      const handler = options.methods?.[String(frame['method'])];
      const reply = handler ? handler(frame['params'], frame, connection) : ({ ok: false, error: { code: 'INVALID_REQUEST', message: `unknown method: ${String(frame['method'])}` } } as const);
      if (reply !== 'silent') connection.send({ type: 'res', id: frame['id'], ...reply });
    });
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    closes,
    waitForConnections: (count) =>
      connections.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
