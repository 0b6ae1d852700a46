import { createServer, type Server } from 'node:http';
import {
  ChannelError,
  type Channel,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelHttpHandler,
  type ChannelStatus,
  type Logger,
  type OutboundMessage,
  type OutboundTarget,
  type SentMessage,
} from '@rusty-claw/plugin-sdk';
import type { Api } from 'grammy';
import type * as Grammy from 'grammy';
import { backoffDelay, sleep } from './backoff-delay.js';
import { classifyTelegramError } from './classify-telegram-error.js';
import { evaluateTelegramAccess } from './telegram-access.js';
import { downloadTelegramFile } from './download-telegram-file.js';
import { grammySignal } from './grammy-signal.js';
import { loadTelegramBotToken, resolveSecretInput, telegramAccountConfigFrom } from './resolve-telegram-accounts.js';
import type { TelegramAccountConfig } from './telegram-config-schema.js';
import { TelegramHealth } from './telegram-health.js';
import { TelegramInboundPipeline } from './telegram-inbound-pipeline.js';
import { TELEGRAM_MAX_MESSAGE_LENGTH, TelegramOutbound } from './telegram-outbound.js';
import { runTelegramPolling } from './telegram-polling.js';
import { createTelegramWebhookHandler } from './telegram-webhook-handler.js';
import { resolveTuning, type ResolvedTuning, type TelegramChannelTuning } from './telegram-tuning.js';

export interface TelegramChannelOptions {
  accountId: string;
  /** `channels.telegram` (validated or not; with `accounts` the account `accountId` is picked) or one account's config. */
  config: unknown;
  logger: Logger;
  /** Environment for TELEGRAM_BOT_TOKEN and env SecretRefs (default `process.env`). */
  env?: Record<string, string | undefined>;
  tuning?: TelegramChannelTuning;
}

// groupAccess: evaluateTelegramAccess applies `groups` / `groupPolicy` / `requireMention` before onInbound (it needs
// Telegram's topic and mention details), so the gateway router must not check group messages a second time.
const CAPABILITIES: ChannelCapabilities = {
  edit: true,
  react: true,
  typing: true,
  threads: true,
  media: true,
  streamingDrafts: true,
  maxMessageLength: TELEGRAM_MAX_MESSAGE_LENGTH,
  groupAccess: true,
};
const DEFAULT_WEBHOOK_PATH = '/telegram-webhook';

// grammY is loaded on first start, never when this module is imported (keeps an idle gateway small).
let grammyModule: Promise<typeof Grammy> | undefined;
const loadGrammy = () => (grammyModule ??= import('grammy'));

/** A Telegram bot account on grammY: long polling (default) or webhook mode (`webhookUrl` + `webhookSecret`). */
export class TelegramChannel implements Channel {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'telegram';
  readonly capabilities = CAPABILITIES;
  readonly accountId: string;
  private readonly config: TelegramAccountConfig;
  private readonly logger: Logger;
  private readonly env: Record<string, string | undefined>;
  private readonly tuning: ResolvedTuning;
  private readonly health: TelegramHealth;
  private api: Api | undefined;
  /** A client for getUpdates only: its timeout always outlasts the long-poll hold (see ensureApi). */
  private pollApi: Api | undefined;
  private outbound: TelegramOutbound | undefined;
  private bot: { id: number; username?: string } | undefined;
  private stopController = new AbortController();
  private loop: Promise<void> | undefined;
  private ownServer: Server | undefined;
  private routeHandler: ChannelHttpHandler | undefined;
  private routeRegistered = false;

  constructor(options: TelegramChannelOptions) {
    this.accountId = options.accountId;
    this.logger = options.logger;
    this.env = options.env ?? process.env;
    this.tuning = resolveTuning(options.tuning);
    this.config = telegramAccountConfigFrom(options.config, options.accountId, this.env);
    this.health = new TelegramHealth(options.accountId, 2 * this.tuning.pollTimeoutSeconds * 1000);
  }

  get mode(): 'polling' | 'webhook' {
    return this.config.webhookUrl ? 'webhook' : 'polling';
  }

  /** Resolves once the transport is starting; problems (bad token, network) land in status(), never as a throw. */
  async start(context: ChannelContext): Promise<void> {
    if (this.health.running) return;
    this.stopController = new AbortController();
    context.signal.addEventListener('abort', () => void this.stop(), { once: true });
    this.health.running = true;
    this.health.mode = this.mode;
    let webhookSecret: string | undefined;
    try {
      await this.ensureApi();
      webhookSecret = resolveSecretInput(this.config.webhookSecret, 'webhookSecret', this.env);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ accountId: this.accountId, error: reason }, 'telegram channel cannot start');
      this.health.markStopped(reason);
      return;
    }
    const pipeline = new TelegramInboundPipeline({
      health: this.health,
      logger: this.logger,
      isRunning: () => this.health.running,
      access: (message) => evaluateTelegramAccess(this.config, message),
      onInbound: (message) => context.onInbound(message),
      mapContext: () => ({ accountId: this.accountId, bot: this.bot ?? { id: -1 }, download: (fileId, signal) => this.download(fileId, signal) }),
    });
    const processUpdate = (update: unknown) => pipeline.process(update);
    if (this.mode === 'polling') {
      this.loop = runTelegramPolling({
        api: this.pollApi as Api,
        health: this.health,
        logger: this.logger,
        signal: this.stopController.signal,
        ensureIdentity: () => this.ensureIdentity(),
        processUpdate,
        onUnauthorized: (reason) => this.haltUnauthorized(reason),
        pollTimeoutSeconds: this.tuning.pollTimeoutSeconds,
        pollGraceMs: this.tuning.pollGraceMs,
        backoff: this.tuning.backoff,
        inboundRetry: this.tuning.inboundRetry,
      });
      return;
    }
    this.routeHandler = createTelegramWebhookHandler({ secret: webhookSecret as string, logger: this.logger, isRunning: () => this.health.running, processUpdate });
    const listening = await this.listenWebhook(context);
    if (listening) this.loop = this.registerWebhook();
  }

  async stop(): Promise<void> {
    const wasRunning = this.health.running;
    this.health.running = false; // from here on nothing reaches onInbound and the webhook answers 503
    this.stopController.abort();
    const loop = this.loop;
    this.loop = undefined;
    if (loop) await Promise.race([loop, sleep(this.tuning.stopTimeoutMs)]);
    const server = this.ownServer;
    this.ownServer = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.health.markStopped();
    if (wasRunning) this.logger.info({ accountId: this.accountId }, 'telegram channel stopped');
  }

  status(): ChannelStatus {
    return this.health.snapshot();
  }

  /** getMe (and getWebhookInfo in webhook mode): proves the token and refreshes status. */
  async probe(): Promise<ChannelStatus> {
    try {
      const api = await this.ensureApi();
      const me = await api.getMe();
      this.setIdentity(me);
      if (this.mode === 'webhook' && this.health.running) {
        const info = await api.getWebhookInfo();
        if (info.url !== this.config.webhookUrl) this.health.markTransportFailed(`webhook not registered with Telegram (it has ${info.url ? 'another URL' : 'none'})`);
        else if (info.last_error_message) this.health.recordError(`Telegram reports webhook delivery error: ${info.last_error_message}`);
      }
    } catch (error) {
      const failure = classifyTelegramError(error);
      if (failure.kind === 'unauthorized') this.haltUnauthorized(`bot token invalid or revoked (${failure.statusCode} ${failure.description})`);
      else this.health.recordError(error instanceof Error ? error.message : String(error));
    }
    return this.status();
  }

  async send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage[]> {
    return this.requireOutbound().send(target, message);
  }

  async edit(target: OutboundTarget & { messageId: string }, text: string): Promise<void> {
    await this.requireOutbound().edit(target, text);
  }

  async react(target: OutboundTarget & { messageId: string }, emoji: string): Promise<void> {
    await this.requireOutbound().react(target, emoji);
  }

  async typing(target: OutboundTarget): Promise<void> {
    await this.requireOutbound().typing(target);
  }

  private requireOutbound(): TelegramOutbound {
    if (!this.outbound) throw new ChannelError('telegram', `telegram account ${this.accountId} is not started (or has no usable bot token)`, { code: 'CHANNEL_NOT_STARTED' });
    return this.outbound;
  }

  private async ensureApi(): Promise<Api> {
    if (this.api) return this.api;
    const token = await loadTelegramBotToken(this.config, this.env);
    const grammy = await loadGrammy();
    const apiRoot = (this.config.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
    const api = new grammy.Api(token, { apiRoot, timeoutSeconds: this.config.timeoutSeconds ?? 60 });
    this.api = api;
    // `timeoutSeconds` (OpenClaw's API client timeout) must not cut long polls short, or a quiet bot would reconnect
    // every few seconds; polls get their own client whose timeout outlasts hold + grace (our watchdog stays in charge).
    const pollTimeout = this.tuning.pollTimeoutSeconds + Math.ceil(this.tuning.pollGraceMs / 1000) + 5;
    this.pollApi = new grammy.Api(token, { apiRoot, timeoutSeconds: Math.max(pollTimeout, this.config.timeoutSeconds ?? 60) });
    this.outbound = new TelegramOutbound({
      api,
      InputFile: grammy.InputFile,
      health: this.health,
      logger: this.logger,
      chunkLimit: Math.min(this.config.textChunkLimit ?? 4000, TELEGRAM_MAX_MESSAGE_LENGTH),
      linkPreview: this.config.linkPreview,
      maxRateLimitWaitMs: this.tuning.maxRateLimitWaitMs,
      signal: new AbortController().signal,
    });
    this.download = (fileId, signal) => downloadTelegramFile({ api, apiRoot, token, maxBytes: (this.config.mediaMaxMb ?? 20) * 1024 * 1024 }, fileId, signal);
    return api;
  }

  private download: (fileId: string, signal?: AbortSignal) => Promise<Uint8Array> = async () => {
    throw new ChannelError('telegram', 'telegram channel not started', { code: 'CHANNEL_NOT_STARTED' });
  };

  private async ensureIdentity(): Promise<void> {
    if (this.bot) return;
    const me = await (this.api as Api).getMe(grammySignal(this.stopController.signal));
    this.setIdentity(me);
    this.logger.info({ accountId: this.accountId, botId: me.id, username: me.username, mode: this.mode }, 'telegram bot identified');
  }

  private setIdentity(me: { id: number; username?: string }): void {
    this.bot = { id: me.id, ...(me.username ? { username: me.username } : {}) };
    this.health.self = { id: String(me.id), ...(me.username ? { username: me.username } : {}) };
  }

  private haltUnauthorized(reason: string): void {
    this.logger.error({ accountId: this.accountId, reason }, 'telegram bot token invalid or revoked; channel stopped (fix the token, then start it again)');
    this.health.markStopped(reason);
    this.stopController.abort();
  }

  /** Webhook route: on the gateway's HTTP server when offered, else our own listener (webhookHost:webhookPort). */
  private async listenWebhook(context: ChannelContext): Promise<boolean> {
    const path = this.config.webhookPath ?? (this.accountId === 'default' ? DEFAULT_WEBHOOK_PATH : `${DEFAULT_WEBHOOK_PATH}/${this.accountId}`);
    // One stable handler: a restarted channel swaps the inner handler instead of registering the route twice.
    const stable: ChannelHttpHandler = (request, response) => (this.routeHandler as ChannelHttpHandler)(request, response);
    if (context.registerHttpRoute) {
      if (!this.routeRegistered) context.registerHttpRoute('POST', path, stable);
      this.routeRegistered = true;
      return true;
    }
    const server = createServer((request, response) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
        response.writeHead(404).end();
        return;
      }
      void stable(request, response);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.config.webhookPort ?? 8787, this.config.webhookHost ?? '127.0.0.1', () => resolve());
      });
    } catch (error) {
      this.health.markStopped(`cannot listen for the Telegram webhook: ${(error as Error).message}`);
      this.logger.error({ accountId: this.accountId, error: (error as Error).message }, 'telegram webhook listener failed');
      return false;
    }
    this.ownServer = server;
    return true;
  }

  /** Address of our own webhook listener (when the gateway offered no route registration). */
  webhookListenerAddress(): { host: string; port: number } | undefined {
    const address = this.ownServer?.address();
    return address && typeof address === 'object' ? { host: address.address, port: address.port } : undefined;
  }

  /** getMe + setWebhook(secret_token), retried with backoff until it works, the token is refused, or stop. */
  private async registerWebhook(): Promise<void> {
    const signal = this.stopController.signal;
    const secret = resolveSecretInput(this.config.webhookSecret, 'webhookSecret', this.env) as string;
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        await this.ensureIdentity();
        await (this.api as Api).setWebhook(this.config.webhookUrl as string, { secret_token: secret, allowed_updates: ['message', 'channel_post'] }, grammySignal(signal));
        this.health.markTransportOk();
        this.logger.info({ accountId: this.accountId }, 'telegram webhook registered');
        return;
      } catch (error) {
        if (signal.aborted) return;
        const failure = classifyTelegramError(error);
        if (failure.kind === 'unauthorized' || (failure.statusCode === 404 && !this.bot)) {
          this.haltUnauthorized(`bot token invalid or revoked (${failure.statusCode} ${failure.description})`);
          return;
        }
        this.health.markTransportFailed(`setWebhook failed: ${failure.description}`);
        if (attempt > 0) this.health.reconnectCount += 1;
        await sleep(failure.retryAfterMs ?? backoffDelay(attempt, this.tuning.backoff), signal);
      }
    }
  }
}

/** The ChannelFactory of Telegram. */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  return new TelegramChannel(options);
}
