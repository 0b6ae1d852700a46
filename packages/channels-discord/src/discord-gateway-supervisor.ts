import type { Logger } from '@rusty-claw/plugin-sdk';
import type { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import type { Client } from 'discord.js';
import { backoffDelay, sleep } from './backoff.js';
import { cacheLimits, guardSocketErrors, minimumIntervalThrottler } from './discord-client-setup.js';
import type { GatewayHealth } from './gateway-health.js';

export interface GatewayTuning {
  /** How long login may take to reach READY before the attempt is abandoned (OpenClaw `gatewayReadyTimeoutMs`). */
  connectTimeoutMs: number;
  /** How long discord.js may try to resume on its own after the connection was lost before a fresh login. */
  reconnectGraceMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Minimum time between IDENTIFYs; unset keeps discord.js's throttle (Discord's 5 s rule). Tests shorten it. */
  identifyIntervalMs?: number | undefined;
  /** Heartbeat silence, in heartbeat intervals, after which the connection counts as half-open. */
  heartbeatGraceFactor: number;
}

export interface GatewaySupervisorOptions {
  token: string;
  intents: number;
  apiRoot: string;
  cdnRoot: string;
  logger: Logger;
  health: GatewayHealth;
  tuning: GatewayTuning;
  /** Every well-formed gateway dispatch (`t`, `d`), before discord.js handles it. Must not throw. */
  onDispatch(type: string, data: object): void;
}

type Outcome = { kind: 'stopped' } | { kind: 'fatal'; message: string } | { kind: 'retry'; message: string };

/** Close codes after which reconnecting cannot help (Discord's docs); 4004 means the token is wrong or revoked. */
const FATAL_CLOSE_CODES: Record<number, string> = {
  4004: 'Discord rejected the bot token (gateway close 4004 Authentication failed): it is wrong or was revoked. Set channels.discord.token and restart the channel.',
  4010: 'Discord gateway close 4010 (invalid shard)',
  4011: 'Discord gateway close 4011 (sharding required): the bot is in too many guilds for one connection',
  4012: 'Discord gateway close 4012 (invalid API version)',
  4013: 'Discord gateway close 4013 (invalid intents)',
  4014: 'Discord gateway close 4014 (disallowed intents): enable the Message Content intent (and any privileged intent configured under channels.discord.intents) for the bot in the Discord Developer Portal',
};

export const TOKEN_REJECTED_MESSAGE =
  'Discord rejected the bot token (401 Unauthorized): it is wrong or was revoked. Set channels.discord.token and restart the channel.';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAuthError(error: unknown): boolean {
  const record = error as { code?: unknown; status?: unknown } | null;
  return record?.code === 'TokenInvalid' || record?.status === 401;
}

/**
 * Runs one account's gateway connection with discord.js and keeps it honest. discord.js (@discordjs/ws) heartbeats,
 * detects zombie connections, resumes and re-identifies on its own; this supervisor adds what it lacks:
 * - health from @discordjs/ws's manager events (READY/RESUMED/closed/heartbeat ack) plus a half-open watchdog;
 * - a guard so a malformed gateway event is logged and skipped instead of throwing inside discord.js (an unhandled
 *   rejection that would take the process down);
 * - a fresh login with exponential backoff + jitter when discord.js cannot get back within `reconnectGraceMs`
 *   (its own retry loop waits a fixed 500 ms), and a stop with a clear status on fatal errors (401, 4004, 4014…).
 */
export class DiscordGatewaySupervisor {
  private readonly abort = new AbortController();
  private finishAttempt: ((outcome: Outcome) => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  /** The discord.js client of the current attempt (its caches resolve channels, threads, roles). */
  client: Client | undefined;

  constructor(private readonly options: GatewaySupervisorOptions) {}

  start(): void {
    this.loopDone = this.loop().catch((error: unknown) => {
      this.options.logger.error({ error: errorMessage(error) }, 'discord: gateway supervisor failed');
      this.options.health.error(`gateway supervisor failed: ${errorMessage(error)}`);
      this.options.health.running = false;
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.finishAttempt?.({ kind: 'stopped' });
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    const { health, logger, tuning } = this.options;
    const discord = await import('discord.js');
    const ws = await import('@discordjs/ws');
    let failures = 0;
    while (!this.abort.signal.aborted) {
      let reachedReady = false;
      const attempt = { retired: false };
      const client = new discord.Client({
        intents: this.options.intents,
        rest: { api: this.options.apiRoot, cdn: this.options.cdnRoot },
        makeCache: discord.Options.cacheWithLimits(cacheLimits(discord.Options.DefaultMakeCacheSettings)),
        ws: {
          buildStrategy: (manager) => {
            const strategy = new ws.SimpleShardingStrategy(manager);
            this.watch(manager, ws.WebSocketShardEvents, strategy, attempt, () => {
              reachedReady = true;
            });
            return strategy;
          },
          ...(tuning.identifyIntervalMs !== undefined ? { buildIdentifyThrottler: () => minimumIntervalThrottler(tuning.identifyIntervalMs as number) } : {}),
        },
      });
      client.on('error', (error) => logger.warn({ error: errorMessage(error) }, 'discord: client error'));
      this.client = client;
      const outcome = await this.runClient(client);
      attempt.retired = true;
      this.client = undefined;
      await Promise.race([client.destroy().catch(() => undefined), sleep(2000)]);
      health.markDown();
      if (outcome.kind === 'stopped') return;
      health.error(outcome.message);
      if (outcome.kind === 'fatal') {
        logger.error({ error: outcome.message }, 'discord: gateway stopped');
        health.running = false;
        return;
      }
      if (reachedReady) failures = 0;
      const delay = backoffDelay(failures, { baseMs: tuning.backoffBaseMs, maxMs: tuning.backoffMaxMs });
      failures += 1;
      logger.warn({ error: outcome.message, retryInMs: delay }, 'discord: gateway connection failed; logging in again after a backoff');
      if (!(await sleep(delay, this.abort.signal))) return;
      health.reconnectCount += 1;
    }
  }

  /** Logs in and watches the client until it is stopped, fails fatally, or cannot recover on its own. */
  private runClient(client: Client): Promise<Outcome> {
    const { health, tuning } = this.options;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let loginTimer: NodeJS.Timeout | undefined;
      const finish = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(loginTimer);
        clearTimeout(this.watchdog);
        this.finishAttempt = undefined;
        resolve(outcome);
      };
      this.finishAttempt = finish;
      if (this.abort.signal.aborted) return finish({ kind: 'stopped' });
      loginTimer = setTimeout(
        () => finish({ kind: 'retry', message: `no READY from the Discord gateway within ${tuning.connectTimeoutMs} ms` }),
        tuning.connectTimeoutMs,
      );
      client.login(this.options.token).then(
        () => clearTimeout(loginTimer),
        (error: unknown) =>
          finish(isAuthError(error) ? { kind: 'fatal', message: TOKEN_REJECTED_MESSAGE } : { kind: 'retry', message: `Discord gateway login failed: ${errorMessage(error)}` }),
      );
      const tick = () => {
        if (settled) return;
        if (health.check()) this.options.logger.warn({ error: health.lastError }, 'discord: gateway connection looks half-open');
        if (!health.connected && health.lostAt !== undefined && Date.now() - health.lostAt > tuning.reconnectGraceMs) {
          return finish({ kind: 'retry', message: `the gateway connection did not come back within ${tuning.reconnectGraceMs} ms` });
        }
        // A quarter interval once HELLO told us the interval; at most 1 s (also before HELLO, so the first checks
        // are not stuck behind Discord's default 41 s interval).
        const every = Math.min(1000, Math.max(25, Math.floor(health.effectiveHeartbeatIntervalMs / 4)));
        this.watchdog = setTimeout(tick, every);
        this.watchdog.unref();
      };
      tick();
    });
  }

  /** Hooks @discordjs/ws's manager (built inside discord.js) for health, dispatches and the malformed-event guard. */
  private watch(manager: WebSocketManager, events: typeof WebSocketShardEvents, strategy: object, attempt: { retired: boolean }, onReady: () => void): void {
    const { health, logger } = this.options;
    const guard = () => guardSocketErrors(strategy);
    const emit = manager.emit.bind(manager) as (event: string, ...args: unknown[]) => boolean;
    (manager as unknown as { emit: typeof emit }).emit = (event, ...args) => {
      if (attempt.retired) {
        // @discordjs/ws 1.2.3 race: a destroy() during its 500 ms wait before reconnecting is ignored ("shard was
        // idle") and the shard reconnects anyway. A retired client's events are dropped and its reconnect is ended.
        const payload = args[0] as { message?: unknown } | undefined;
        if (event === events.Debug && typeof payload?.message === 'string' && payload.message.startsWith('Connecting to ')) queueMicrotask(guard);
        if (event === events.Hello) {
          Promise.resolve()
            .then(() => manager.destroy({ code: 1000, reason: 'client retired' }))
            .catch(() => undefined);
        }
        return false;
      }
      try {
        if (event === 'dispatch') {
          const data = (args[0] as { data?: { t?: unknown; d?: unknown } } | undefined)?.data;
          if (typeof data?.t !== 'string' || typeof data.d !== 'object' || data.d === null) {
            logger.warn({ type: typeof data?.t === 'string' ? data.t : undefined }, 'discord: malformed gateway event skipped');
            return false;
          }
          this.options.onDispatch(data.t, data.d);
        }
        return emit(event, ...args);
      } catch (error) {
        logger.warn({ event, error: errorMessage(error) }, 'discord: a gateway event could not be handled; skipped');
        return true;
      }
    };
    manager.on(events.Ready, ({ data }) => {
      onReady();
      health.onReady({ id: data.user.id, username: data.user.username });
      logger.info({ user: data.user.username }, 'discord: gateway ready');
    });
    manager.on(events.Resumed, () => {
      health.onResumed();
      logger.info({}, 'discord: gateway session resumed');
    });
    manager.on(events.Closed, ({ code }) => {
      health.onClosed(code);
      const fatal = FATAL_CLOSE_CODES[code];
      if (fatal) this.finishAttempt?.({ kind: 'fatal', message: fatal });
    });
    manager.on(events.HeartbeatComplete, ({ ackAt, heartbeatAt }) => health.onHeartbeatAck(ackAt, heartbeatAt));
    manager.on(events.Debug, ({ message }) => {
      // The shard creates its socket right after this line, synchronously: guard it once that code has run.
      if (message.startsWith('Connecting to ')) queueMicrotask(guard);
      // @discordjs/ws reports HELLO's interval only in this debug line; GatewayHealth also measures it from acks.
      const interval = /starting to beat every (\d+)ms/.exec(message);
      if (interval) health.onHeartbeatInterval(Number(interval[1]));
    });
    manager.on(events.Error, ({ error }) => {
      health.error(`gateway error: ${error.message}`);
      logger.warn({ error: error.message }, 'discord: gateway error');
    });
  }
}
