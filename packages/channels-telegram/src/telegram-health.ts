import type { ChannelStatus } from '@rusty-claw/plugin-sdk';

/**
 * The honest status of one Telegram account. `connected` is derived, not stored: in polling mode it is true only
 * while the last getUpdates round trip succeeded and, when a poll is in flight, that success is at most
 * `freshnessMs` (2 × poll timeout) old — a poll that hangs longer means the transport is no longer proven. While the
 * channel is busy handing a batch to the gateway (no poll in flight) the last round trip still counts. In webhook
 * mode it is true once setWebhook succeeded (Telegram pushes; there is no transport of ours to watch).
 */
export class TelegramHealth {
  running = false;
  mode: 'polling' | 'webhook' | undefined;
  pollInFlight = false;
  lastInboundAt: number | undefined;
  lastOutboundAt: number | undefined;
  lastError: string | undefined;
  lastErrorAt: number | undefined;
  reconnectCount = 0;
  self: { id: string; username?: string } | undefined;
  private transportOk = false;
  private lastTransportOkAt: number | undefined;

  constructor(
    private readonly accountId: string,
    private readonly freshnessMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A round trip (getUpdates answered, setWebhook accepted) proved the transport. Clears a transport error. */
  markTransportOk(): void {
    this.transportOk = true;
    this.lastTransportOkAt = this.now();
  }

  /** The transport failed: connected goes false at once, the error is recorded. */
  markTransportFailed(message: string): void {
    this.transportOk = false;
    this.recordError(message);
  }

  recordError(message: string): void {
    this.lastError = message;
    this.lastErrorAt = this.now();
  }

  /** Stopped (by stop() or a revoked token): nothing is running, nothing is connected. */
  markStopped(reason?: string): void {
    this.running = false;
    this.transportOk = false;
    this.pollInFlight = false;
    if (reason) this.recordError(reason);
  }

  get connected(): boolean {
    if (!this.running || !this.transportOk || this.lastTransportOkAt === undefined) return false;
    if (this.mode !== 'polling' || !this.pollInFlight) return true;
    return this.now() - this.lastTransportOkAt <= this.freshnessMs;
  }

  snapshot(): ChannelStatus {
    return {
      accountId: this.accountId,
      running: this.running,
      connected: this.connected,
      ...(this.mode ? { mode: this.mode } : {}),
      ...(this.lastInboundAt === undefined ? {} : { lastInboundAt: this.lastInboundAt }),
      ...(this.lastOutboundAt === undefined ? {} : { lastOutboundAt: this.lastOutboundAt }),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(this.lastErrorAt === undefined ? {} : { lastErrorAt: this.lastErrorAt }),
      reconnectCount: this.reconnectCount,
      ...(this.self ? { self: { ...this.self } } : {}),
    };
  }
}
