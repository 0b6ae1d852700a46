import type { ChannelStatus } from '@rusty-claw/plugin-sdk';

/** Discord's usual `heartbeat_interval`, used until the real one is known. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;

/**
 * The honest state of one account's gateway connection. `connected` turns true on READY or RESUMED and false when
 * the socket closes, or — the half-open case — when no heartbeat was acknowledged for `graceFactor` heartbeat
 * intervals (checked by `check()`, which the supervisor calls a few times per interval). Heartbeat acks, the
 * interval and closes come from @discordjs/ws's manager events.
 */
export class GatewayHealth {
  running = false;
  connected = false;
  reconnectCount = 0;
  lastInboundAt: number | undefined;
  lastOutboundAt: number | undefined;
  lastError: string | undefined;
  lastErrorAt: number | undefined;
  self: { id: string; username?: string } | undefined;
  heartbeatIntervalMs: number | undefined;
  lastHeartbeatAckAt: number | undefined;
  connectedAt: number | undefined;
  /** When the last live connection was lost (undefined while connected or before the first READY). */
  lostAt: number | undefined;
  private lastHeartbeatSentAt: number | undefined;

  constructor(
    private readonly graceFactor = 1.5,
    private readonly now: () => number = Date.now,
  ) {}

  /** The interval the watchdog works with: the gateway's, or Discord's usual one until HELLO told us. */
  get effectiveHeartbeatIntervalMs(): number {
    return this.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  }

  onReady(user?: { id: string; username?: string }): void {
    if (user) this.self = user;
    this.markConnected();
  }

  onResumed(): void {
    this.markConnected();
  }

  onClosed(code: number): void {
    if (this.connected) this.markLost(`gateway connection closed (code ${code}); reconnecting`);
  }

  onHeartbeatAck(ackAt: number, heartbeatAt: number): void {
    // Two consecutive beats are exactly one interval apart (the first one of a connection is jittered).
    if (this.lastHeartbeatSentAt !== undefined && heartbeatAt > this.lastHeartbeatSentAt && this.heartbeatIntervalMs === undefined) {
      this.heartbeatIntervalMs = heartbeatAt - this.lastHeartbeatSentAt;
    }
    this.lastHeartbeatSentAt = heartbeatAt;
    this.lastHeartbeatAckAt = ackAt;
  }

  onHeartbeatInterval(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.heartbeatIntervalMs = ms;
  }

  error(message: string): void {
    this.lastError = message;
    this.lastErrorAt = this.now();
  }

  /** Watchdog: flips `connected` off when heartbeats stopped being acknowledged. Returns true when it flipped. */
  check(): boolean {
    if (!this.connected || this.connectedAt === undefined) return false;
    const since = Math.max(this.lastHeartbeatAckAt ?? 0, this.connectedAt);
    const limit = this.graceFactor * this.effectiveHeartbeatIntervalMs;
    const silent = this.now() - since;
    if (silent <= limit) return false;
    this.markLost(`no heartbeat acknowledged for ${silent} ms (limit ${Math.round(limit)} ms): half-open gateway connection; reconnecting`);
    return true;
  }

  /** The connection is gone for good (stop, fatal error): no reconnect is under way. */
  markDown(): void {
    this.connected = false;
    this.lostAt = undefined;
  }

  snapshot(accountId: string): ChannelStatus {
    return {
      accountId,
      running: this.running,
      connected: this.running && this.connected,
      mode: 'gateway',
      ...(this.lastInboundAt !== undefined ? { lastInboundAt: this.lastInboundAt } : {}),
      ...(this.lastOutboundAt !== undefined ? { lastOutboundAt: this.lastOutboundAt } : {}),
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
      ...(this.lastErrorAt !== undefined ? { lastErrorAt: this.lastErrorAt } : {}),
      reconnectCount: this.reconnectCount,
      ...(this.self ? { self: this.self } : {}),
    };
  }

  private markConnected(): void {
    this.connected = true;
    this.connectedAt = this.now();
    this.lostAt = undefined;
    this.lastHeartbeatAckAt = undefined;
    this.lastHeartbeatSentAt = undefined;
  }

  private markLost(message: string): void {
    this.connected = false;
    this.lostAt = this.now();
    this.reconnectCount += 1;
    this.error(message);
  }
}
