import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { GatewayClientError } from '../errors/gateway-client-error.js';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { NON_RETRYABLE_CONNECT_DETAIL_CODES } from '../schema/error-codes.js';
import { ClientInfoSchema, type ClientInfo } from '../schema/connect-params.js';
import { EventFrameSchema, ResponseFrameSchema, type EventFrame, type RequestFrame, type ResponseFrame } from '../schema/frames.js';
import { HelloOkSchema, type HelloOk } from '../schema/hello-ok.js';
import { VERSION } from '../package-version.js';
import { DEFAULT_POLICY, HANDSHAKE_TIMEOUT_MS, MAX_PROTOCOL, MIN_PROTOCOL } from '../version.js';
import { buildConnectParams, type ConnectIntent } from './build-connect-params.js';
import type { GatewayClientOptions, RequestOptions } from './gateway-client-options.js';
import { DEFAULT_RECONNECT, reconnectDelayMs } from './reconnect-backoff.js';

type Pending = { method: string; expectFinal: boolean; timer: NodeJS.Timeout; resolve: (value: unknown) => void; reject: (error: Error) => void };
type Handshake = { phase: 'challenge' | 'hello' | 'open'; connectId?: string; resolve: (hello: HelloOk) => void; fail: (error: Error) => void };

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function textOf(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/**
 * An operator client for the Gateway protocol (v3/v4) on `ws`: waits for `connect.challenge`,
 * sends `connect` (device-signed when given an identity), resolves with hello-ok, then correlates
 * requests and responses by id. Inbound frames are validated with the protocol schemas; what fails
 * is reported to `onError`, never thrown into the event loop.
 */
export class GatewayClient {
  private readonly options: GatewayClientOptions;
  private readonly intent: ConnectIntent;
  private readonly reconnect: { initialDelayMs: number; maxDelayMs: number; maxAttempts: number } | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  private socket: WebSocket | undefined;
  private handshake: Handshake | undefined;
  private connecting: Promise<HelloOk> | undefined;
  private lastHello: HelloOk | undefined;
  private readonly pending = new Map<string, Pending>();
  private requestCounter = 0;
  private lastSeq = 0;
  private closedByUser = false;
  private backoff: { timer: NodeJS.Timeout; wake: () => void } | undefined;

  constructor(options: GatewayClientOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    let url: URL;
    try {
      url = new URL(options.url);
    } catch (error) {
      throw new GatewayClientError('INVALID_OPTIONS', `gateway url is not a URL: ${options.url}`, { cause: error });
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new GatewayClientError('INVALID_OPTIONS', `gateway url must be ws:// or wss://, got ${url.protocol}`);
    if (url.protocol === 'ws:' && !isLoopbackHost(url.hostname) && options.allowInsecureRemote !== true) {
      throw new GatewayClientError('INVALID_OPTIONS', `refusing plaintext ws:// to non-loopback host ${url.hostname}: use wss://, or set allowInsecureRemote`);
    }
    const client = ClientInfoSchema.safeParse({
      id: 'cli',
      mode: 'cli',
      version: VERSION,
      platform: process.platform,
      instanceId: randomUUID(),
      ...options.client,
    });
    if (!client.success) throw new GatewayClientError('INVALID_OPTIONS', `invalid client info: ${client.error.message}`, { details: client.error.issues });
    this.intent = {
      minProtocol: options.minProtocol ?? MIN_PROTOCOL,
      maxProtocol: options.maxProtocol ?? MAX_PROTOCOL,
      client: client.data as ClientInfo,
      role: options.role ?? 'operator',
      scopes: options.scopes ?? [],
      caps: options.caps ?? [],
      auth: { token: options.token, password: options.password, deviceToken: options.deviceToken, bootstrapToken: options.bootstrapToken },
      device: options.device,
    };
    const reconnect = options.reconnect;
    this.reconnect = reconnect === undefined || reconnect === false ? undefined : { ...DEFAULT_RECONNECT, ...(reconnect === true ? {} : reconnect) };
  }

  /** The last hello-ok received (undefined before the first handshake). */
  get hello(): HelloOk | undefined {
    return this.lastHello;
  }

  /** Opens the connection and resolves with hello-ok. Calling it again while connected returns the current hello. */
  connect(): Promise<HelloOk> {
    if (this.closedByUser) return Promise.reject(new GatewayClientError('CLOSED', 'client was closed'));
    if (this.handshake?.phase === 'open' && this.lastHello !== undefined) return Promise.resolve(this.lastHello);
    this.connecting ??= this.connectWithRetry(false).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Sends a request and resolves with its (final) payload; rejects with GatewayRequestError on `ok:false`. */
  request<T = unknown>(method: string, params?: unknown, options: RequestOptions = {}): Promise<T> {
    const socket = this.socket;
    if (socket === undefined || this.handshake?.phase !== 'open' || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new GatewayClientError('CLOSED', `cannot send ${method}: not connected`));
    }
    const id = this.nextRequestId();
    const frame: RequestFrame = params === undefined ? { type: 'req', id, method } : { type: 'req', id, method, params };
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GatewayClientError('TIMEOUT', `${method} got no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, expectFinal: options.expectFinal === true, timer, resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify(frame), (error) => {
        if (error === undefined || error === null) return;
        this.settlePending(id)?.reject(new GatewayClientError('CLOSED', `could not send ${method}: ${error.message}`, { cause: error }));
      });
    });
  }

  /** Closes the connection for good: no reconnect, every pending request rejected with CLOSED. */
  async close(): Promise<void> {
    this.closedByUser = true;
    if (this.backoff !== undefined) {
      clearTimeout(this.backoff.timer);
      this.backoff.wake();
    }
    const socket = this.socket;
    if (socket === undefined) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // The close handshake normally completes at once; a peer that never answers is cut off.
    const force = setTimeout(() => socket.terminate(), 1_000);
    this.dropSocket(socket, 1000, 'client closed');
    await closed;
    clearTimeout(force);
  }

  private nextRequestId(): string {
    this.requestCounter += 1;
    return `${this.requestCounter}:${randomUUID()}`;
  }

  private report(error: GatewayClientError | GatewayRequestError): void {
    try {
      this.options.onError?.(error);
    } catch {
      // An onError that throws has nowhere left to report to.
    }
  }

  private settlePending(id: string): Pending | undefined {
    const pending = this.pending.get(id);
    if (pending === undefined) return undefined;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  private dropSocket(socket: WebSocket, code: number, reason: string): void {
    if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
    else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
  }

  /** Connects, retrying per the reconnect policy; `afterDrop` waits one backoff step first. */
  private async connectWithRetry(afterDrop: boolean): Promise<HelloOk> {
    let attempt = 0;
    let waitMs = afterDrop && this.reconnect !== undefined ? reconnectDelayMs(0, this.reconnect, this.random) : 0;
    for (;;) {
      if (waitMs > 0) await this.sleep(waitMs);
      if (this.closedByUser) throw new GatewayClientError('CLOSED', 'client was closed');
      try {
        const hello = await this.openOnce();
        this.callHandler(() => this.options.onHello?.(hello));
        return hello;
      } catch (error) {
        attempt += 1;
        if (!this.shouldRetry(error, attempt)) throw error;
        const retryAfter = GatewayRequestError.isInstance(error) ? (error.retryAfterMs ?? 0) : 0;
        waitMs = Math.max(reconnectDelayMs(attempt, this.reconnect as { initialDelayMs: number; maxDelayMs: number }, this.random), retryAfter);
      }
    }
  }

  private shouldRetry(error: unknown, attempt: number): boolean {
    if (this.reconnect === undefined || this.closedByUser || attempt >= this.reconnect.maxAttempts) return false;
    if (GatewayRequestError.isInstance(error)) {
      const code = error.detailCode;
      return code === undefined || !(NON_RETRYABLE_CONNECT_DETAIL_CODES as readonly string[]).includes(code);
    }
    return GatewayClientError.isInstance(error) && error.code === 'CONNECT_FAILED';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.backoff = undefined;
        resolve();
      };
      this.backoff = { timer: setTimeout(wake, ms), wake };
    });
  }

  private openOnce(): Promise<HelloOk> {
    return new Promise<HelloOk>((resolve, reject) => {
      const connectTimeoutMs = this.options.connectTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
      const socket = new WebSocket(this.options.url, { maxPayload: DEFAULT_POLICY.maxPayload });
      this.socket = socket;
      // seq is a per-connection counter starting at 1: a new socket starts from 0, so a first event
      // with seq 3 is reported as a gap (1 and 2 were lost), and the old socket's count is forgotten.
      this.lastSeq = 0;
      let settled = false;
      const timer = setTimeout(() => {
        const waitingFor = this.handshake?.phase === 'hello' ? 'hello-ok' : 'connect.challenge';
        fail(new GatewayClientError('CONNECT_FAILED', `gateway ${this.options.url}: no ${waitingFor} within ${connectTimeoutMs} ms`));
        this.dropSocket(socket, 1008, 'connect challenge timeout');
      }, connectTimeoutMs);
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      this.handshake = {
        phase: 'challenge',
        resolve: (hello) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(hello);
        },
        fail,
      };
      socket.on('message', (data) => this.onMessage(socket, textOf(data)));
      socket.on('error', (error) => {
        if (!settled) fail(new GatewayClientError('CONNECT_FAILED', `gateway ${this.options.url}: ${error.message}`, { cause: error }));
      });
      socket.on('close', (code, reasonBuffer) => {
        const reason = reasonBuffer.toString('utf8');
        if (!settled) {
          const error = this.closedByUser
            ? new GatewayClientError('CLOSED', 'client was closed during the handshake', { closeCode: code, closeReason: reason })
            : new GatewayClientError('CONNECT_FAILED', `gateway closed the connection during the handshake (${code}${reason ? ` ${reason}` : ''})`, { closeCode: code, closeReason: reason });
          fail(error);
        }
        this.onSocketClose(socket, code, reason);
      });
    });
  }

  private onSocketClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    const wasOpen = this.handshake?.phase === 'open';
    this.socket = undefined;
    this.handshake = undefined;
    for (const id of this.pending.keys()) {
      this.settlePending(id)?.reject(new GatewayClientError('CLOSED', `gateway connection closed (${code}${reason ? ` ${reason}` : ''})`, { closeCode: code, closeReason: reason }));
    }
    this.callHandler(() => this.options.onClose?.({ code, reason }));
    if (wasOpen && this.reconnect !== undefined && !this.closedByUser && this.connecting === undefined) {
      this.connecting = this.connectWithRetry(true).finally(() => {
        this.connecting = undefined;
      });
      this.connecting.catch((error: unknown) => {
        if (GatewayClientError.isInstance(error) && error.code === 'CLOSED') return;
        this.report(GatewayRequestError.isInstance(error) ? error : new GatewayClientError('CONNECT_FAILED', `reconnect gave up: ${(error as Error).message}`, { cause: error }));
      });
    }
  }

  private callHandler(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.report(new GatewayClientError('HANDLER_FAILED', `a GatewayClient handler threw: ${(error as Error).message}`, { cause: error }));
    }
  }

  private onMessage(socket: WebSocket, text: string): void {
    if (socket !== this.socket) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.report(new GatewayClientError('INVALID_FRAME', `inbound frame is not JSON: ${text.slice(0, 120)}`, { cause: error }));
      return;
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'event') {
      const parsed = EventFrameSchema.safeParse(value);
      if (parsed.success) this.onEvent(socket, parsed.data);
      else this.report(new GatewayClientError('INVALID_FRAME', `invalid event frame: ${parsed.error.message}`, { details: parsed.error.issues }));
      return;
    }
    if (type === 'res') {
      const parsed = ResponseFrameSchema.safeParse(value);
      if (parsed.success) this.onResponse(socket, parsed.data);
      else this.report(new GatewayClientError('INVALID_FRAME', `invalid response frame: ${parsed.error.message}`, { details: parsed.error.issues }));
      return;
    }
    this.report(new GatewayClientError('INVALID_FRAME', `unexpected frame type ${JSON.stringify(type)}`));
  }

  private onEvent(socket: WebSocket, frame: EventFrame): void {
    if (frame.event === 'connect.challenge') {
      this.onChallenge(socket, frame.payload);
      return;
    }
    if (frame.seq !== undefined) {
      if (frame.seq > this.lastSeq + 1) {
        const gap = { expected: this.lastSeq + 1, received: frame.seq };
        this.report(new GatewayClientError('SEQ_GAP', `event gap: expected seq ${gap.expected}, received ${gap.received}`, { details: gap }));
      }
      this.lastSeq = frame.seq;
    }
    this.callHandler(() => this.options.onEvent?.(frame));
  }

  private onChallenge(socket: WebSocket, payload: unknown): void {
    const handshake = this.handshake;
    if (handshake?.phase !== 'challenge') return; // a repeated challenge is ignored, as OpenClaw's client does
    const { nonce, ts } = (payload ?? {}) as { nonce?: unknown; ts?: unknown };
    if (typeof nonce !== 'string' || nonce.trim().length === 0) {
      handshake.fail(new GatewayClientError('CONNECT_FAILED', 'gateway connect challenge has no nonce'));
      this.dropSocket(socket, 1008, 'connect challenge missing nonce');
      return;
    }
    const connectId = this.nextRequestId();
    const params = buildConnectParams(this.intent, { nonce: nonce.trim(), ts: typeof ts === 'number' ? ts : undefined }, this.now);
    handshake.phase = 'hello';
    handshake.connectId = connectId;
    const frame: RequestFrame = { type: 'req', id: connectId, method: 'connect', params };
    socket.send(JSON.stringify(frame));
  }

  private onResponse(socket: WebSocket, frame: ResponseFrame): void {
    const handshake = this.handshake;
    if (handshake?.phase === 'hello' && frame.id === handshake.connectId) {
      this.onHelloResponse(socket, handshake, frame);
      return;
    }
    const pending = this.pending.get(frame.id);
    if (pending === undefined) return; // late answer to a request that timed out
    if (pending.expectFinal && frame.ok && (frame.payload as { status?: unknown } | null | undefined)?.status === 'accepted') return;
    this.settlePending(frame.id);
    if (frame.ok) pending.resolve(frame.payload);
    else pending.reject(new GatewayRequestError(pending.method, frame.error ?? { code: 'UNAVAILABLE', message: `${pending.method} failed without an error` }));
  }

  private onHelloResponse(socket: WebSocket, handshake: Handshake, frame: ResponseFrame): void {
    if (!frame.ok) {
      handshake.fail(new GatewayRequestError('connect', frame.error ?? { code: 'UNAVAILABLE', message: 'connect failed without an error' }));
      this.dropSocket(socket, 1000, 'connect refused');
      return;
    }
    const hello = HelloOkSchema.safeParse(frame.payload);
    if (!hello.success) {
      handshake.fail(new GatewayClientError('CONNECT_FAILED', `invalid hello-ok: ${hello.error.message}`, { details: hello.error.issues }));
      this.dropSocket(socket, 1008, 'invalid hello-ok');
      return;
    }
    handshake.phase = 'open';
    this.lastHello = hello.data;
    handshake.resolve(hello.data);
  }
}
