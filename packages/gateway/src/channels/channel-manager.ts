import type { RustyClawConfig } from '@rusty-claw/core';
import type { Channel, ChannelContext, ChannelHttpHandler, ChannelStatus, InboundMessage, Logger } from '@rusty-claw/plugin-sdk';
import type { RouterChannels } from '../router/channel-router.js';
import type { ChannelFactories } from './channel-factory-loader.js';
import { LoggedOutAccounts } from './logged-out-accounts.js';
import { configuredChannelNames, resolveChannelAccounts, type ChannelAccountConfig } from './resolve-channel-accounts.js';
import { withLogFields } from './with-log-fields.js';

export type AccountPhase = 'stopped' | 'starting' | 'running' | 'failed';

/** What the manager knows about one account beyond the channel's own `status()`. */
export interface AccountRuntime {
  channel: string;
  accountId: string;
  phase: AccountPhase;
  /** The channel object (kept after a failed start so its own status is still reported). */
  instance?: Channel;
  lastError?: string;
  lastErrorAt?: number;
  lastStartAt?: number;
  lastStopAt?: number;
  lastProbeAt?: number;
  probe?: { ok: boolean; error?: string; self?: ChannelStatus['self'] };
}

/** An account as `channels.status` and `health` show it. */
export interface AccountView {
  account: ChannelAccountConfig;
  runtime: AccountRuntime;
  status: ChannelStatus | undefined;
  hasFactory: boolean;
  loggedOut: boolean;
}

export interface ChannelManagerOptions {
  factories: ChannelFactories;
  config: () => RustyClawConfig;
  stateDir: string;
  /** Mounts a route on the gateway port; returns its unmount function (the gateway's HttpRouteTable). */
  registerHttpRoute(method: 'GET' | 'POST', path: string, handler: ChannelHttpHandler): () => void;
  onInbound(message: InboundMessage): Promise<void>;
  onAccountStarted?(channel: string, accountId: string): void;
  logger: Logger;
  now: () => number;
  /** Longest a channel's `stop()` may take before the gateway moves on. Default 5 s. */
  stopTimeoutMs?: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds channel accounts from `channels.<name>` (+ `accounts`) with the injected factories, starts and stops them
 * with the gateway (and on `channels.start|stop|login|logout`), hands their HTTP routes to the gateway's port, and
 * reports their status. A channel that fails to load or start is reported (`lastError`) and never stops the gateway.
 */
export class ChannelManager implements RouterChannels {
  readonly #options: ChannelManagerOptions;
  readonly #runtimes = new Map<string, AccountRuntime>();
  readonly #transitions = new Map<string, Promise<unknown>>();
  /** Aborted when an account stops (its `ChannelContext.signal`). */
  readonly #controllers = new Map<string, AbortController>();
  /** Unmount functions of each account's HTTP routes. */
  readonly #routes = new Map<string, Array<() => void>>();
  readonly #loggedOut: LoggedOutAccounts;
  #closed = false;

  constructor(options: ChannelManagerOptions) {
    this.#options = options;
    this.#loggedOut = new LoggedOutAccounts(options.stateDir);
  }

  /** Channel names with a block in the config or a factory (the ones `channels.status` lists). */
  channelNames(): string[] {
    return [...new Set([...configuredChannelNames(this.#options.config()), ...Object.keys(this.#options.factories)])];
  }

  hasFactory(channel: string): boolean {
    return Object.hasOwn(this.#options.factories, channel);
  }

  accounts(channel: string): ChannelAccountConfig[] {
    return resolveChannelAccounts(this.#options.config(), channel);
  }

  accountConfig(channel: string, accountId: string): Record<string, unknown> | undefined {
    return this.accounts(channel).find((account) => account.accountId === accountId)?.config;
  }

  /** The running channel of an account (undefined unless it started successfully and was not stopped). */
  get(channel: string, accountId: string): Channel | undefined {
    const runtime = this.#runtimes.get(key(channel, accountId));
    return runtime?.phase === 'running' ? runtime.instance : undefined;
  }

  /** Starts every enabled, not logged-out account of every configured channel. Resolves when all have settled. */
  async startAll(): Promise<void> {
    const starts: Array<Promise<unknown>> = [];
    for (const channel of configuredChannelNames(this.#options.config())) {
      for (const account of this.accounts(channel)) {
        if (!account.enabled || (await this.#loggedOut.has(channel, account.accountId))) continue;
        if (!this.hasFactory(channel)) {
          this.#fail(this.#runtime(channel, account.accountId), `no channel package is installed for "${channel}"`);
          continue;
        }
        starts.push(this.startAccount(channel, account.accountId));
      }
    }
    await Promise.all(starts);
  }

  /** Starts one account (again). Resolves to whether it runs now; failures are recorded, never thrown. */
  startAccount(channel: string, accountId: string): Promise<boolean> {
    return this.#serially(channel, accountId, async () => {
      const runtime = this.#runtime(channel, accountId);
      if (runtime.phase === 'running' || this.#closed) return runtime.phase === 'running';
      const account = this.accounts(channel).find((candidate) => candidate.accountId === accountId);
      const loader = this.#options.factories[channel];
      if (!account) return this.#fail(runtime, `channels.${channel} has no account "${accountId}"`);
      if (!loader) return this.#fail(runtime, `no channel package is installed for "${channel}"`);
      runtime.phase = 'starting';
      const logger = withLogFields(this.#options.logger, { channel, accountId });
      let instance: Channel;
      try {
        const factory = await loader();
        instance = factory({ accountId, config: account.config, logger });
      } catch (error) {
        return this.#fail(runtime, `could not create the ${channel} channel: ${errorText(error)}`);
      }
      const controller = new AbortController();
      const context: ChannelContext = {
        // A channel speaks for its own account only.
        onInbound: (message) => this.#options.onInbound({ ...message, channel, accountId }),
        logger,
        signal: controller.signal,
        registerHttpRoute: (method, path, handler) => {
          const unmount = this.#options.registerHttpRoute(method, path, handler);
          this.#routes.set(key(channel, accountId), [...(this.#routes.get(key(channel, accountId)) ?? []), unmount]);
        },
      };
      runtime.instance = instance;
      runtime.lastStartAt = this.#options.now();
      this.#controllers.set(key(channel, accountId), controller);
      try {
        await instance.start(context);
      } catch (error) {
        controller.abort();
        this.#unmountRoutes(channel, accountId);
        await instance.stop().catch(() => undefined);
        return this.#fail(runtime, errorText(error));
      }
      runtime.phase = 'running';
      delete runtime.lastError;
      delete runtime.lastErrorAt;
      logger.info({}, 'channel account started');
      this.#options.onAccountStarted?.(channel, accountId);
      return true;
    });
  }

  /** Stops one account. Resolves to whether it is stopped now. */
  stopAccount(channel: string, accountId: string): Promise<boolean> {
    return this.#serially(channel, accountId, async () => {
      const runtime = this.#runtimes.get(key(channel, accountId));
      if (!runtime?.instance || runtime.phase === 'stopped') return true;
      const instance = runtime.instance;
      this.#controllers.get(key(channel, accountId))?.abort();
      this.#controllers.delete(key(channel, accountId));
      this.#unmountRoutes(channel, accountId);
      const stopped = await Promise.race([
        instance.stop().then(
          () => true,
          (error: unknown) => {
            this.#options.logger.warn({ channel, accountId, error: errorText(error) }, 'channel stop failed');
            return true;
          },
        ),
        delay(this.#options.stopTimeoutMs ?? 5_000).then(() => false),
      ]);
      if (!stopped) this.#options.logger.warn({ channel, accountId }, 'channel did not stop in time; moving on');
      runtime.phase = 'stopped';
      runtime.lastStopAt = this.#options.now();
      return true;
    });
  }

  /** `channels.logout`: stops the account and keeps it stopped across restarts. */
  async logout(channel: string, accountId: string): Promise<void> {
    await this.#loggedOut.set(channel, accountId, true);
    await this.stopAccount(channel, accountId);
  }

  /** `channels.login`: clears the logged-out mark and starts the account. */
  async login(channel: string, accountId: string): Promise<boolean> {
    await this.#loggedOut.set(channel, accountId, false);
    return this.startAccount(channel, accountId);
  }

  /** Stops everything (gateway shutdown); later starts are refused. */
  async stopAll(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#runtimes.values()].map((runtime) => this.stopAccount(runtime.channel, runtime.accountId)));
  }

  /** Actively checks an account (`channel.probe()`), bounded by `timeoutMs`; the result is kept for status. */
  async probe(channel: string, accountId: string, timeoutMs: number): Promise<void> {
    const runtime = this.#runtimes.get(key(channel, accountId));
    const instance = runtime?.instance;
    if (!runtime || !instance?.probe) return;
    try {
      const status = await Promise.race([
        instance.probe(),
        delay(timeoutMs).then(() => {
          throw new Error(`probe timed out after ${timeoutMs} ms`);
        }),
      ]);
      runtime.probe = { ok: status.connected && !status.lastError, ...(status.lastError ? { error: status.lastError } : {}), ...(status.self ? { self: status.self } : {}) };
    } catch (error) {
      runtime.probe = { ok: false, error: errorText(error) };
    }
    runtime.lastProbeAt = this.#options.now();
  }

  /** Probes every running account at once (`channels.status {probe: true}`). */
  async probeAll(timeoutMs: number): Promise<void> {
    await Promise.all([...this.#runtimes.values()].filter((runtime) => runtime.phase === 'running').map((runtime) => this.probe(runtime.channel, runtime.accountId, timeoutMs)));
  }

  /** Every configured account with its runtime state and the channel's own status. */
  async views(): Promise<Array<{ channel: string; accounts: AccountView[] }>> {
    const result: Array<{ channel: string; accounts: AccountView[] }> = [];
    for (const channel of this.channelNames()) {
      const accounts: AccountView[] = [];
      for (const account of this.accounts(channel)) {
        const runtime = this.#runtime(channel, account.accountId);
        let status: ChannelStatus | undefined;
        try {
          status = runtime.instance?.status();
        } catch (error) {
          status = undefined;
          runtime.lastError = `status() failed: ${errorText(error)}`;
        }
        accounts.push({ account, runtime, status, hasFactory: this.hasFactory(channel), loggedOut: await this.#loggedOut.has(channel, account.accountId) });
      }
      result.push({ channel, accounts });
    }
    return result;
  }

  #unmountRoutes(channel: string, accountId: string): void {
    for (const unmount of this.#routes.get(key(channel, accountId)) ?? []) unmount();
    this.#routes.delete(key(channel, accountId));
  }

  #runtime(channel: string, accountId: string): AccountRuntime {
    let runtime = this.#runtimes.get(key(channel, accountId));
    if (!runtime) {
      runtime = { channel, accountId, phase: 'stopped' };
      this.#runtimes.set(key(channel, accountId), runtime);
    }
    return runtime;
  }

  #fail(runtime: AccountRuntime, message: string): false {
    runtime.phase = 'failed';
    runtime.lastError = message;
    runtime.lastErrorAt = this.#options.now();
    this.#options.logger.error({ channel: runtime.channel, accountId: runtime.accountId, error: message }, 'channel account failed to start');
    return false;
  }

  /** Start/stop of one account never overlap: each waits for the previous one. */
  #serially<T>(channel: string, accountId: string, task: () => Promise<T>): Promise<T> {
    const k = key(channel, accountId);
    const previous = this.#transitions.get(k) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.#transitions.set(k, next.catch(() => undefined));
    return next;
  }
}

function key(channel: string, accountId: string): string {
  return `${channel}\u0000${accountId}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
