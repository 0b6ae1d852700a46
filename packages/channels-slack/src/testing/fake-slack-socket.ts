import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type SlackDisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

export interface FakeEnvelope {
  envelopeId: string;
  eventId: string;
  body: Record<string, unknown>;
  retryAttempt: number;
  acked: boolean;
  /** Times it was written to a socket. */
  sent: number;
}

export interface FakeSlackSocketOptions {
  appId: string;
  /** Redeliver an envelope that was not acked within this time (real Slack: a few seconds). */
  ackTimeoutMs: number;
  /** Give up on an envelope after this many redeliveries (Slack retries an event up to 3 times). */
  maxRetries: number;
  sendHello: boolean;
  consumeTicket(ticket: string): boolean;
}

/**
 * The Socket Mode half of the fake: a WebSocket endpoint at `/link/?ticket=…` that says hello, sends `events_api`
 * envelopes, tracks acks (`{envelope_id, payload}`), redelivers unacked envelopes with `retry_attempt` counting up,
 * queues envelopes while no socket is open, answers client pings (unless told not to: a half-open link), and can
 * send `disconnect` messages or drop the TCP connection.
 */
export class FakeSlackSocket {
  readonly envelopes: FakeEnvelope[] = [];
  readonly open = new Set<WebSocket>();
  connectionsAccepted = 0;
  connectionsRefused = 0;
  pongs = true;
  /** Say `hello` to new sockets (off: a socket that opens but never becomes ready). */
  sendHello: boolean;
  readonly #server = new WebSocketServer({ noServer: true, autoPong: false });
  readonly #queue: FakeEnvelope[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #envelope = 0;

  constructor(private readonly options: FakeSlackSocketOptions) {
    this.sendHello = options.sendHello;
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.options.consumeTicket(ticket)) {
      this.connectionsRefused += 1;
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  #accept(ws: WebSocket): void {
    this.connectionsAccepted += 1;
    this.open.add(ws);
    ws.on('ping', (data) => {
      if (this.pongs) ws.pong(data);
    });
    ws.on('message', (data) => this.#onMessage(data.toString()));
    ws.on('close', () => this.open.delete(ws));
    ws.on('error', () => this.open.delete(ws));
    if (this.sendHello) {
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: this.open.size,
          debug_info: { host: 'fake-slack-1', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: this.options.appId },
        }),
      );
      this.#flush();
    }
  }

  #onMessage(text: string): void {
    let frame: { envelope_id?: unknown };
    try {
      frame = JSON.parse(text) as { envelope_id?: unknown };
    } catch {
      return;
    }
    const envelope = this.envelopes.find((candidate) => candidate.envelopeId === frame.envelope_id);
    if (envelope !== undefined) envelope.acked = true;
  }

  /** Sends an `event_callback` body as an `events_api` envelope (queued until a socket is open). */
  send(body: Record<string, unknown>, retryAttempt = 0): FakeEnvelope {
    this.#envelope += 1;
    const envelope: FakeEnvelope = {
      envelopeId: `env-${this.#envelope}-${Math.random().toString(16).slice(2, 8)}`,
      eventId: typeof body['event_id'] === 'string' ? body['event_id'] : `Ev${this.#envelope}`,
      body,
      retryAttempt,
      acked: false,
      sent: 0,
    };
    this.envelopes.push(envelope);
    this.#deliver(envelope);
    return envelope;
  }

  #deliver(envelope: FakeEnvelope): void {
    const target = [...this.open].at(-1);
    if (target === undefined || target.readyState !== target.OPEN) {
      this.#queue.push(envelope);
      return;
    }
    envelope.sent += 1;
    target.send(
      JSON.stringify({
        envelope_id: envelope.envelopeId,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: envelope.retryAttempt,
        retry_reason: envelope.retryAttempt === 0 ? '' : 'timeout',
        payload: envelope.body,
      }),
    );
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (envelope.acked || envelope.retryAttempt >= this.options.maxRetries) return;
      // Slack retries an unacknowledged event as a new envelope carrying the same event_id.
      this.send(envelope.body, envelope.retryAttempt + 1);
    }, this.options.ackTimeoutMs);
    this.#timers.add(timer);
  }

  #flush(): void {
    for (const envelope of this.#queue.splice(0)) this.#deliver(envelope);
  }

  /** Sends Slack's `disconnect` message to every open socket (the client is expected to reconnect). */
  disconnect(reason: SlackDisconnectReason): void {
    for (const ws of this.open) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack-1' } }));
  }

  /** Kills every socket without a close frame (a dropped connection). */
  drop(): void {
    for (const ws of this.open) ws.terminate();
    this.open.clear();
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.drop();
    this.#server.close();
  }
}
