import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '@rusty-claw/plugin-sdk';
import type { EventFrame, ResponseFrame, StateVersion } from '@rusty-claw/protocol';
import { WebSocket } from 'ws';
import { headerValue, isLocalDirectRequest, isLoopbackAddress } from '../server/network-locality.js';
import { webchatEventAllowed } from '../webchat/webchat-guard.js';
import type { ConnectionSession } from './connection-session.js';

/** How a broadcast event treats a slow socket: skip it (`dropIfSlow`) or close the socket. */
export interface EventDeliveryOptions {
  dropIfSlow?: boolean;
  stateVersion?: StateVersion;
}

/**
 * One WebSocket and everything the server knows about it: its challenge nonce, its session once
 * `connect` succeeded, its per-socket event `seq`, its in-flight request count. Every outbound frame
 * goes through `send*`, which enforces the slow-consumer rule before the frame is queued.
 */
export class GatewayConnection {
  readonly connId = randomUUID();
  /** The nonce of this socket's `connect.challenge`; a device signature must carry exactly this one. */
  readonly nonce = randomUUID();
  readonly remoteAddress: string | undefined;
  /** Loopback peer and no proxy headers. */
  readonly isLocalDirect: boolean;
  readonly origin: string | undefined;
  session: ConnectionSession | undefined;
  inFlight = 0;
  /** Consecutive "unauthorized role" answers; more than 10 in a row closes the socket (OpenClaw's flood guard). */
  unauthorizedStreak = 0;
  private seq = 0;
  private closing = false;

  constructor(
    readonly socket: WebSocket,
    readonly request: IncomingMessage,
    private readonly limits: { maxBufferedBytes: number; logger: Logger },
  ) {
    this.remoteAddress = request.socket.remoteAddress;
    this.isLocalDirect = isLocalDirectRequest(request);
    this.origin = headerValue(request.headers.origin);
  }

  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === WebSocket.OPEN;
  }

  /** The address used for rate limiting: the peer address (proxies are not trusted here). */
  get clientIp(): string {
    return this.remoteAddress ?? 'unknown';
  }

  /**
   * The peer address worth showing (presence, pairing requests): never a loopback address, since a local peer
   * is either this machine or an untrusted proxy whose forwarded headers we do not believe.
   */
  get reportedIp(): string | undefined {
    return this.remoteAddress && !isLoopbackAddress(this.remoteAddress) ? this.remoteAddress : undefined;
  }

  /** A response frame. Never dropped: a socket too slow to take it is closed (1008 "slow consumer"). */
  sendResponse(frame: ResponseFrame): void {
    this.sendFrame(frame, false);
  }

  /** An event for this socket only (targeted): no `seq`. */
  sendTargetedEvent(event: string, payload: unknown, options: EventDeliveryOptions = {}): void {
    if (!this.mayReceive(event, payload)) return;
    const frame: EventFrame = { type: 'event', event, payload };
    if (options.stateVersion) frame.stateVersion = options.stateVersion;
    this.sendFrame(frame, options.dropIfSlow === true);
  }

  /**
   * A broadcast event: takes the next per-socket `seq`. When the socket is slow and the event may be
   * dropped, the seq still advances, so the client sees the gap and can resync (OpenClaw's rule).
   */
  sendBroadcastEvent(event: string, payload: unknown, options: EventDeliveryOptions = {}): void {
    if (!this.isOpen || !this.mayReceive(event, payload)) return;
    this.seq += 1;
    const frame: EventFrame = { type: 'event', event, payload, seq: this.seq };
    if (options.stateVersion) frame.stateVersion = options.stateVersion;
    this.sendFrame(frame, options.dropIfSlow === true);
  }

  /** A web chat socket gets only its own session's `chat` events (and tick/shutdown), whoever sends them. */
  private mayReceive(event: string, payload: unknown): boolean {
    const scope = this.session?.webchat;
    return scope === undefined || webchatEventAllowed(scope, event, payload);
  }

  /** Sends raw text (used for the pre-auth challenge), without the slow-consumer check. */
  sendRaw(frame: EventFrame): void {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    try {
      this.socket.close(code, truncateCloseReason(reason));
    } catch {
      this.socket.terminate();
    }
  }

  private sendFrame(frame: EventFrame | ResponseFrame, droppable: boolean): void {
    if (!this.isOpen) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      if (droppable) return;
      this.limits.logger.warn(
        { connId: this.connId, bufferedAmount: this.socket.bufferedAmount, limit: this.limits.maxBufferedBytes },
        'slow consumer: closing socket',
      );
      this.close(1008, 'slow consumer');
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }
}

/** Close reasons are limited to 123 bytes of UTF-8 by the WebSocket protocol. */
export function truncateCloseReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.length <= 123) return reason;
  let end = 120;
  // Step back to a UTF-8 character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}...`;
}
