import type { Logger } from '@rusty-claw/plugin-sdk';
import type { App, Logger as BoltLogger, Receiver } from '@slack/bolt';
import type { SocketModeClient as SocketModeClientType } from '@slack/socket-mode';
import { backoffDelay } from './backoff-delay.js';
import type { SlackHealth } from './slack-health.js';
import { DeliveryDeduper } from '../inbound/delivery-deduper.js';
import { dispatchSlackEvent } from './dispatch-slack-event.js';
import { FATAL_AUTH_ERRORS, slackErrorCode } from './to-channel-error.js';

export interface SlackSocketReceiverOptions {
  SocketModeClient: typeof SocketModeClientType;
  appToken: string;
  slackApiUrl: string | undefined;
  /** No pong for this long (ms) ends the connection; Slack's SDK pings every third of it. */
  clientPingTimeoutMs: number;
  /** No ping from Slack for this long (ms, once Slack started pinging) ends the connection. */
  serverPingTimeoutMs: number;
  pingPongLoggingEnabled: boolean;
  /** A socket that opened but said no `hello` within this time is abandoned and retried. */
  helloTimeoutMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** A connection that lived this long resets the backoff; a flapping one keeps backing off. */
  stableConnectionMs: number;
  health: SlackHealth;
  logger: Logger;
  boltLogger: BoltLogger;
  logFields: Record<string, unknown>;
  random?: () => number;
}

interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  type: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * A Bolt receiver for Socket Mode that acknowledges an envelope only after the event was handled durably.
 *
 * Bolt's own SocketModeReceiver cannot do that: `App.processEvent` calls `ack()` for Events API envelopes *before*
 * running any listener, and the receiver wires that `ack` straight to the socket. Here `processEvent` receives a
 * no-op `ack`; the real one is sent after `processEvent` resolved (our listener awaited `onInbound`). If it
 * rejected, nothing is sent and Slack redelivers the event (retry_attempt + 1).
 *
 * Reconnection is ours, not the SDK's (its `autoReconnectEnabled` retries linearly without jitter and hides the
 * reason): `refresh_requested`/`warning` disconnects reconnect at once and are not errors; a dropped or dead socket
 * reconnects with exponential backoff + jitter; a rejected app token stops with a clear status.
 */
export class SlackSocketReceiver implements Receiver {
  #app: App | undefined;
  readonly #client: SocketModeClientType;
  #stopped = true;
  #connecting = false;
  #failures = 0;
  #connectedAt = 0;
  #lastDisconnectReason: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #fatal = false;
  #up = false;
  readonly #events = new DeliveryDeduper(2000);

  constructor(private readonly options: SlackSocketReceiverOptions) {
    this.#client = new options.SocketModeClient({
      appToken: options.appToken,
      logger: options.boltLogger,
      autoReconnectEnabled: false,
      clientPingTimeout: options.clientPingTimeoutMs,
      serverPingTimeout: options.serverPingTimeoutMs,
      pingPongLoggingEnabled: options.pingPongLoggingEnabled,
      // Our own backoff retries apps.connections.open; the WebClient must not retry it for minutes by itself.
      clientOptions: { ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }), retryConfig: { retries: 0 } },
    });
    this.#client.on('connected', () => this.#onConnected());
    this.#client.on('disconnected', () => this.#onDisconnected());
    this.#client.on('ws_message', (data: unknown) => this.#peek(data));
    this.#client.on('slack_event', (args: SlackEventArgs) => void this.#onSlackEvent(args));
    this.#client.on('error', (error: unknown) => options.logger.debug({ ...options.logFields, error: String(error) }, 'slack socket error'));
  }

  /** Between Slack's hello and the socket closing (independent of what the status says about the token). */
  get isConnected(): boolean {
    return this.#up;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Makes the first connection attempt and resolves with its outcome; later attempts run in the background. */
  async start(): Promise<void> {
    this.#stopped = false;
    this.#fatal = false;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#up = false;
    this.options.health.connected = false;
    // disconnect() waits for Slack's close frame; do not let a dead peer hold stop() for long.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#client.disconnect(), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
  }

  async #connect(): Promise<void> {
    if (this.#stopped || this.#connecting) return;
    this.#connecting = true;
    this.#lastDisconnectReason = undefined;
    let helloTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#client.start(),
        new Promise((_, reject) => {
          helloTimer = setTimeout(() => {
            reject(new Error(`no hello from Slack within ${this.options.helloTimeoutMs} ms`));
            void this.#client.disconnect();
          }, this.options.helloTimeoutMs);
        }),
      ]);
    } catch (error) {
      this.#connecting = false;
      this.#onConnectFailure(error);
      return;
    } finally {
      clearTimeout(helloTimer);
    }
    this.#connecting = false;
  }

  #onConnectFailure(error: unknown): void {
    const { health, logger, logFields } = this.options;
    health.connected = false;
    const code = slackErrorCode(error);
    if (code !== undefined && FATAL_AUTH_ERRORS.has(code)) {
      this.#fatal = true;
      health.running = false;
      health.fail(`Slack rejected the app-level token (${code}): it is invalid or revoked. Fix channels.slack.appToken (xapp-…, scope connections:write) and restart the channel.`);
      logger.error({ ...logFields, code }, health.lastError ?? 'app token rejected');
      return;
    }
    const reason = error instanceof Error ? error.message : error === undefined ? 'the socket closed before hello' : String(error);
    health.fail(`Socket Mode connection failed: ${reason}`);
    logger.warn({ ...logFields, error: reason }, 'slack socket mode connection failed; retrying with backoff');
    this.#schedule('backoff');
  }

  #onConnected(): void {
    const { health, logger, logFields } = this.options;
    this.#up = true;
    health.connected = true;
    this.#connectedAt = Date.now();
    logger.info({ ...logFields }, 'slack socket mode connected');
  }

  #onDisconnected(): void {
    const { health, logger, logFields } = this.options;
    const wasConnected = this.#up;
    this.#up = false;
    health.connected = false;
    if (this.#stopped || this.#connecting || this.#fatal) return;
    if (Date.now() - this.#connectedAt >= this.options.stableConnectionMs) this.#failures = 0;
    const reason = this.#lastDisconnectReason;
    if (reason === 'refresh_requested' || reason === 'warning') {
      // Slack rotates Socket Mode connections routinely: reconnect now, this is not an error.
      logger.info({ ...logFields, reason }, 'slack asked to reconnect');
      this.#schedule('refresh');
      return;
    }
    const message = reason === 'link_disabled' ? 'Slack disabled Socket Mode for this app (link_disabled): enable it in the app settings' : wasConnected ? 'Socket Mode connection lost (dropped socket or missed pongs)' : 'Socket Mode connection closed';
    health.fail(message);
    logger.warn({ ...logFields, reason }, message);
    this.#schedule('backoff');
  }

  #schedule(kind: 'refresh' | 'backoff'): void {
    if (this.#stopped || this.#timer !== undefined) return;
    const random = this.options.random ?? Math.random;
    const delay = kind === 'refresh' ? Math.round(random() * 250) : backoffDelay(this.#failures, { baseMs: this.options.reconnectBaseMs, maxMs: this.options.reconnectMaxMs, random });
    if (kind === 'backoff') this.#failures += 1;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#stopped) return;
      this.options.health.reconnectCount += 1;
      void this.#connect();
    }, delay);
  }

  #peek(data: unknown): void {
    if (typeof data !== 'string' || !data.includes('"disconnect"')) return;
    try {
      const frame = JSON.parse(data) as { type?: unknown; reason?: unknown };
      if (frame.type === 'disconnect' && typeof frame.reason === 'string') this.#lastDisconnectReason = frame.reason;
    } catch {
      // Not JSON: the SDK logs and ignores it.
    }
  }

  async #onSlackEvent(args: SlackEventArgs): Promise<void> {
    const { logger, logFields } = this.options;
    const app = this.#app;
    if (args.type !== 'events_api' || app === undefined) {
      // Slash commands and interactivity are not handled yet; ack so Slack does not show the user an error.
      await args.ack().catch(() => undefined);
      return;
    }
    const outcome = await dispatchSlackEvent({
      app,
      events: this.#events,
      body: args.body,
      ...(args.retry_num === undefined ? {} : { retryNum: args.retry_num }),
      ...(args.retry_reason === undefined ? {} : { retryReason: args.retry_reason }),
      logger,
      logFields: { ...logFields, envelopeId: args.envelope_id },
    });
    if (outcome === 'redeliver') return;
    try {
      await args.ack();
    } catch (error) {
      // The socket went away between storing and acking: Slack redelivers, the deduper drops the copy.
      logger.debug({ ...logFields, envelopeId: args.envelope_id, error: String(error) }, 'slack ack failed');
    }
  }
}
