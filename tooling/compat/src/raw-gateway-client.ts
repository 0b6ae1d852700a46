// A raw WebSocket operator client that does exactly what OpenClaw's CLI does on the wire and keeps
// every frame it receives (text and parsed), so tests can validate the exact bytes the gateway sent.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signConnect, type TestDevice } from './test-device.ts';

export type Frame = Record<string, unknown> & { type?: unknown };

export interface ReceivedFrame {
  text: string;
  frame: Frame;
  atMs: number;
}

export interface RawConnectOptions {
  url: string;
  token?: string;
  /** protocol range offered; v3 clients send 3..3, v4 clients 4..4 */
  minProtocol: number;
  maxProtocol: number;
  clientId?: string;
  clientMode?: string;
  clientVersion?: string;
  displayName?: string;
  role?: string;
  scopes?: readonly string[];
  /** Sign the connect with this identity (the 2026.5.7 CLI always does). */
  device?: TestDevice;
  timeoutMs?: number;
}

/** The gateway answered `connect` with ok:false (or closed first). */
export class HandshakeRejectedError extends Error {
  readonly response: Frame | undefined;
  readonly close: { code: number; reason: string } | undefined;

  constructor(message: string, response: Frame | undefined, close: { code: number; reason: string } | undefined) {
    super(message);
    this.name = 'HandshakeRejectedError';
    this.response = response;
    this.close = close;
  }
}

export class RawGatewaySession {
  readonly received: ReceivedFrame[] = [];
  /** When false, frames are no longer kept in `received` (long benchmark loops); waiters still see them. */
  recording = true;
  challenge: Frame | undefined;
  hello: Frame | undefined;
  closed: { code: number; reason: string } | undefined;
  private nextId = 1;
  private readonly waiters = new Set<(entry: ReceivedFrame) => boolean>();
  private readonly closeWaiters = new Set<() => void>();

  readonly socket: WebSocket;

  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const text = isBinary ? `<binary ${String(rawLength(data))} bytes>` : rawText(data);
      let frame: Frame;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        frame = { type: '<unparseable>' };
      }
      const entry = { text, frame, atMs: Date.now() };
      if (this.recording) this.received.push(entry);
      for (const waiter of this.waiters) if (waiter(entry)) this.waiters.delete(waiter);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString('utf8') };
      for (const done of this.closeWaiters) done();
      this.closeWaiters.clear();
    });
  }

  /** Resolve with the first received frame (already received or future) matching `predicate`. */
  waitFor(predicate: (frame: Frame) => boolean, timeoutMs: number, what: string): Promise<ReceivedFrame> {
    const already = this.received.find((entry) => predicate(entry.frame));
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const onClose = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        reject(new HandshakeRejectedError(`socket closed while waiting for ${what}`, undefined, this.closed));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        this.closeWaiters.delete(onClose);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = (entry: ReceivedFrame) => {
        if (!predicate(entry.frame)) return false;
        clearTimeout(timer);
        this.closeWaiters.delete(onClose);
        resolve(entry);
        return true;
      };
      this.waiters.add(waiter);
      if (this.closed) onClose();
      else this.closeWaiters.add(onClose);
    });
  }

  waitForEvent(event: string, timeoutMs = 5000): Promise<ReceivedFrame> {
    return this.waitFor((f) => f.type === 'event' && f['event'] === event, timeoutMs, `event ${event}`);
  }

  /** The `hello-ok` payload; throws when the handshake has not completed. */
  helloPayload<T = Frame>(): T {
    const payload = this.hello?.['payload'];
    if (payload === undefined) throw new Error('no hello-ok on this session');
    return payload as T;
  }

  /** Send a raw text frame (for malformed-input checks). */
  sendText(text: string): void {
    this.socket.send(text);
  }

  /** Send `{type:"req"}` and resolve with the whole `res` frame (ok or not). `params` omitted when undefined. */
  async request(method: string, params?: unknown, timeoutMs = 10_000): Promise<ReceivedFrame> {
    const id = `${this.nextId++}:${randomUUID()}`;
    const frame: Frame = { type: 'req', id, method };
    if (params !== undefined) frame['params'] = params;
    const answer = this.waitFor((f) => f.type === 'res' && f['id'] === id, timeoutMs, `response to ${method}`);
    this.socket.send(JSON.stringify(frame));
    return answer;
  }

  /** Resolve with the close code/reason once the peer closes (undefined if it stays open for `timeoutMs`). */
  waitClosed(timeoutMs: number): Promise<{ code: number; reason: string } | undefined> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(this.closed);
      };
      const timer = setTimeout(() => {
        this.closeWaiters.delete(done);
        resolve(undefined);
      }, timeoutMs);
      this.closeWaiters.add(done);
    });
  }

  close(): Promise<void> {
    if (this.closed || this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 2000);
      this.closeWaiters.add(() => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close();
    });
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function rawLength(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/** Open the socket only (rejects on a refused connection), with the CLI's upgrade: no origin, no subprotocol. */
export function openSocket(url: string, timeoutMs = 5000): Promise<RawGatewaySession> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, maxPayload: 64 * 1024 * 1024 });
    const session = new RawGatewaySession(socket); // attach listeners before any frame can arrive
    socket.once('open', () => resolve(session));
    socket.once('error', (error) => {
      socket.terminate();
      reject(error);
    });
  });
}

/** Challenge → connect → hello-ok, as the OpenClaw CLI does it. Rejects with HandshakeRejectedError. */
export async function connectRaw(options: RawConnectOptions): Promise<RawGatewaySession> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const session = await openSocket(options.url, timeoutMs);
  try {
    const challenge = await session.waitForEvent('connect.challenge', timeoutMs);
    session.challenge = challenge.frame;
    const payload = (challenge.frame['payload'] ?? {}) as { nonce?: unknown; ts?: unknown };
    const nonce = typeof payload.nonce === 'string' ? payload.nonce : '';
    const clientId = options.clientId ?? 'cli';
    const clientMode = options.clientMode ?? 'cli';
    const role = options.role ?? 'operator';
    const scopes = options.scopes ?? ['operator.read'];
    const client: Record<string, unknown> = {
      id: clientId,
      version: options.clientVersion ?? 'rc-compat',
      platform: process.platform,
      deviceFamily: 'Linux',
      mode: clientMode,
      instanceId: randomUUID(),
    };
    if (options.displayName) client['displayName'] = options.displayName;
    const params: Record<string, unknown> = {
      minProtocol: options.minProtocol,
      maxProtocol: options.maxProtocol,
      client,
      caps: [],
      role,
      scopes,
    };
    if (options.token !== undefined) params['auth'] = { token: options.token };
    if (options.device) {
      params['device'] = signConnect(options.device, {
        clientId,
        clientMode,
        role,
        scopes,
        token: options.token ?? '',
        nonce,
        platform: process.platform,
        deviceFamily: 'Linux',
        signedAt: Date.now(),
      });
    }
    const res = await session.request('connect', params, timeoutMs);
    if (res.frame['ok'] !== true) {
      // the gateway closes right after a rejection: report the close code with the error
      const close = await session.waitClosed(1000);
      throw new HandshakeRejectedError(`connect rejected: ${res.text}`, res.frame, close);
    }
    session.hello = res.frame;
    return session;
  } catch (error) {
    session.socket.terminate();
    throw error;
  }
}
