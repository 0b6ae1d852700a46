import type { ChannelStatus } from '@rusty-claw/plugin-sdk';

/** The mutable health record behind `status()`: only transport events change `connected`. */
export class SlackHealth {
  running = false;
  connected = false;
  mode: 'socket' | 'http' | undefined;
  lastInboundAt: number | undefined;
  lastOutboundAt: number | undefined;
  lastError: string | undefined;
  lastErrorAt: number | undefined;
  reconnectCount = 0;
  self: { id: string; username?: string } | undefined;

  constructor(readonly accountId: string) {}

  fail(message: string): void {
    this.lastError = message;
    this.lastErrorAt = Date.now();
  }

  snapshot(): ChannelStatus {
    const status: ChannelStatus = { accountId: this.accountId, running: this.running, connected: this.connected, reconnectCount: this.reconnectCount };
    if (this.mode !== undefined) status.mode = this.mode;
    if (this.lastInboundAt !== undefined) status.lastInboundAt = this.lastInboundAt;
    if (this.lastOutboundAt !== undefined) status.lastOutboundAt = this.lastOutboundAt;
    if (this.lastError !== undefined) status.lastError = this.lastError;
    if (this.lastErrorAt !== undefined) status.lastErrorAt = this.lastErrorAt;
    if (this.self !== undefined) status.self = { ...this.self };
    return status;
  }
}
