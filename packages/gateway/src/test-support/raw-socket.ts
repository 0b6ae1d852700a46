import { WebSocket } from 'ws';

/** JSON as received, typed loosely on purpose: tests assert on shapes the schemas already check elsewhere. */
// oxlint-disable-next-line typescript/no-explicit-any
type Loose = any;

/** Any frame the gateway sends, loosely typed for assertions. */
export interface WireFrame {
  type: string;
  id?: string;
  ok?: boolean;
  event?: string;
  payload?: Loose;
  error?: { code: string; message: string; details?: Loose; retryable?: boolean; retryAfterMs?: number };
  seq?: number;
  stateVersion?: { presence: number; health: number };
}

/**
 * A bare `ws` client for tests that send what a well-behaved client never would (malformed JSON, binary
 * frames, oversized frames). Records every frame and the close code.
 */
export class RawSocket {
  readonly frames: WireFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as WireFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    ws.on('error', () => undefined);
  }

  static open(url: string, options: { headers?: Record<string, string>; maxPayload?: number } = {}): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: options.headers ?? {}, maxPayload: options.maxPayload ?? 64 * 1024 * 1024 });
      const socket = new RawSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** The first recorded frame matching `predicate` (waits for it), removing nothing. */
  async waitFor(predicate: (frame: WireFrame) => boolean, timeoutMs = 3_000): Promise<WireFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed before a matching frame arrived: ${JSON.stringify(this.frames)}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for a frame; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The response to request `id`. */
  response(id: string, timeoutMs?: number): Promise<WireFrame> {
    return this.waitFor((frame) => frame.type === 'res' && frame.id === id, timeoutMs);
  }

  async challenge(): Promise<{ nonce: string; ts: number }> {
    const frame = await this.waitFor((candidate) => candidate.event === 'connect.challenge');
    return frame.payload as { nonce: string; ts: number };
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value));
  }

  /** Sends a request frame and returns its response. */
  async request(id: string, method: string, params?: unknown): Promise<WireFrame> {
    this.send(params === undefined ? { type: 'req', id, method } : { type: 'req', id, method, params });
    return this.response(id);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

/** Opens a socket, waits for the challenge and sends `connect` with `build(nonce)` as params. */
export async function connectRaw(
  url: string,
  build: (nonce: string) => Record<string, unknown>,
  options: { headers?: Record<string, string> } = {},
): Promise<{ socket: RawSocket; answer: WireFrame; nonce: string }> {
  const socket = await RawSocket.open(url, options);
  const { nonce } = await socket.challenge();
  const answer = await socket.request('connect-1', 'connect', build(nonce));
  return { socket, answer, nonce };
}
