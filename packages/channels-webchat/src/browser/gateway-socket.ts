import type { EventFrame, HelloOk, ResponseFrame } from '@rusty-claw/protocol';

// A minimal browser client of the gateway protocol (the Node `GatewayClient` of @rusty-claw/protocol needs `ws` and
// node:crypto). Only types are imported from the protocol package, so nothing of it lands in the bundle.

/** Why a connect or a request failed, with the gateway's codes when it answered. */
export class WebchatSocketError extends Error {
  constructor(
    message: string,
    /** The wire `error.code` (`INVALID_REQUEST`, `FORBIDDEN`, …), or `CONNECT_FAILED` / `CLOSED` / `TIMEOUT`. */
    readonly code: string,
    /** The wire `error.details.code` (`AUTH_TOKEN_MISMATCH`, `CONTROL_UI_ORIGIN_NOT_ALLOWED`, …). */
    readonly detailCode?: string,
  ) {
    super(message);
    this.name = 'WebchatSocketError';
  }
}

export interface GatewaySocketOptions {
  url: string;
  token: string;
  visitorId: string;
  clientVersion: string;
  onEvent(event: EventFrame): void;
  /** The socket closed after hello-ok (not called for a failed connect, which rejects instead). */
  onClose(info: { code: number; reason: string }): void;
  timeoutMs?: number;
}

type Pending = { resolve(payload: unknown): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> };

function detailCodeOf(error: ResponseFrame['error']): string | undefined {
  const details = error?.details as { code?: unknown } | undefined;
  return typeof details?.code === 'string' ? details.code : undefined;
}

/** One connection: challenge → connect (web chat token, visitor id) → requests and events. */
export class GatewaySocket {
  private socket: WebSocket | undefined;
  private readonly pending = new Map<string, Pending>();
  private counter = 0;
  private opened = false;

  constructor(private readonly options: GatewaySocketOptions) {}

  /** Opens the socket and resolves with hello-ok; rejects with a WebchatSocketError carrying the refusal's codes. */
  connect(): Promise<HelloOk> {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    return new Promise<HelloOk>((resolve, reject) => {
      let settled = false;
      const fail = (error: WebchatSocketError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
        socket.close();
      };
      const timer = setTimeout(() => fail(new WebchatSocketError('the chat server did not answer in time', 'TIMEOUT')), timeoutMs);
      const socket = new WebSocket(this.options.url);
      this.socket = socket;
      socket.addEventListener('message', (message) => {
        let frame: EventFrame | ResponseFrame;
        try {
          frame = JSON.parse(String(message.data)) as EventFrame | ResponseFrame;
        } catch {
          return;
        }
        if (frame.type === 'event' && frame.event === 'connect.challenge') {
          socket.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params: this.connectParams() }));
          return;
        }
        if (frame.type === 'res' && frame.id === 'connect') {
          if (settled) return;
          if (!frame.ok) {
            fail(new WebchatSocketError(frame.error?.message ?? 'connect refused', frame.error?.code ?? 'UNAVAILABLE', detailCodeOf(frame.error)));
            return;
          }
          settled = true;
          this.opened = true;
          clearTimeout(timer);
          resolve(frame.payload as HelloOk);
          return;
        }
        this.dispatch(frame);
      });
      socket.addEventListener('close', (event) => {
        for (const [id, pending] of this.pending) {
          clearTimeout(pending.timer);
          pending.reject(new WebchatSocketError('the connection closed', 'CLOSED'));
          this.pending.delete(id);
        }
        if (!settled) fail(new WebchatSocketError(event.reason || 'cannot reach the chat server', 'CONNECT_FAILED'));
        else if (this.opened) this.options.onClose({ code: event.code, reason: event.reason });
        this.opened = false;
      });
    });
  }

  request<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.opened) return Promise.reject(new WebchatSocketError('not connected', 'CLOSED'));
    this.counter += 1;
    const id = `r${this.counter}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new WebchatSocketError(`${method} got no answer`, 'TIMEOUT'));
      }, this.options.timeoutMs ?? 15_000);
      this.pending.set(id, { resolve: resolve as (payload: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  close(): void {
    this.opened = false;
    this.socket?.close(1000, 'closed by the page');
  }

  private connectParams(): Record<string, unknown> {
    return {
      minProtocol: 3,
      maxProtocol: 4,
      client: {
        id: 'webchat',
        version: this.options.clientVersion,
        platform: navigator.platform || 'web',
        mode: 'webchat',
        instanceId: this.options.visitorId,
      },
      role: 'operator',
      scopes: ['operator.read', 'operator.write'],
      caps: [],
      auth: { token: this.options.token },
      locale: navigator.language,
      userAgent: navigator.userAgent,
    };
  }

  private dispatch(frame: EventFrame | ResponseFrame): void {
    if (frame.type === 'event') {
      this.options.onEvent(frame);
      return;
    }
    const pending = this.pending.get(frame.id);
    if (!pending) return;
    this.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.ok) pending.resolve(frame.payload);
    else pending.reject(new WebchatSocketError(frame.error?.message ?? 'request failed', frame.error?.code ?? 'UNAVAILABLE', detailCodeOf(frame.error)));
  }
}
