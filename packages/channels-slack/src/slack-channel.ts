import type { Channel, ChannelCapabilities, ChannelContext, ChannelStatus, InboundMessage, OutboundMessage, OutboundTarget, SentMessage } from '@rusty-claw/plugin-sdk';
import { ChannelError } from '@rusty-claw/plugin-sdk';
import type { SlackAccountConfig } from './config/slack-config-schema.js';
import { DeliveryDeduper } from './inbound/delivery-deduper.js';
import { downloadSlackFile } from './inbound/download-slack-file.js';
import { mapSlackMessage } from './inbound/map-slack-message.js';
import { editSlackMessage, reactToSlackMessage, removeSlackReaction, sendSlackMessage, SLACK_HARD_TEXT_LIMIT } from './outbound/slack-outbound.js';
import { DEFAULT_MEDIA_MAX_MB, DEFAULT_SLACK_TUNING, DEFAULT_TEXT_CHUNK_LIMIT, type CreateSlackChannelOptions, type SlackChannelTuning } from './slack-channel-options.js';
import { createSlackSession, type SlackSession as Session } from './slack-session.js';
import { backoffDelay } from './transport/backoff-delay.js';
import { SlackHealth } from './transport/slack-health.js';
import { FATAL_AUTH_ERRORS, slackErrorCode, toChannelError } from './transport/to-channel-error.js';

/** Builds one Slack account as a `Channel` (a `ChannelFactory`). Cheap: Bolt is imported by `start()`. */
export function createSlackChannel(options: CreateSlackChannelOptions): Channel {
  return new SlackChannel(options);
}

class SlackChannel implements Channel {
  readonly specificationVersion = 'v1';
  readonly id = 'slack';
  readonly accountId: string;
  readonly capabilities: ChannelCapabilities;
  readonly #config: SlackAccountConfig;
  readonly #options: CreateSlackChannelOptions;
  readonly #tuning: SlackChannelTuning;
  readonly #health: SlackHealth;
  readonly #deduper: DeliveryDeduper;
  readonly #fields: Record<string, unknown>;
  readonly #chunkLimit: number;
  /** Typing reactions to take back once the reply went out, per chat. */
  readonly #typing = new Map<string, string[]>();
  #context: ChannelContext | undefined;
  #session: Session | undefined;
  #stopped = true;
  #bootTimer: NodeJS.Timeout | undefined;
  #bootFailures = 0;
  #routeRegistered = false;

  constructor(options: CreateSlackChannelOptions) {
    // The option wins over the `apiRoot` config key; the SDK joins method names onto the URL, so it needs the slash.
    const apiUrl = options.slackApiUrl ?? options.config.apiRoot;
    this.#options = apiUrl === undefined ? options : { ...options, slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
    this.accountId = options.accountId;
    this.#config = options.config;
    this.#tuning = { ...DEFAULT_SLACK_TUNING, ...options.tuning };
    this.#health = new SlackHealth(options.accountId);
    this.#deduper = new DeliveryDeduper(this.#tuning.dedupeCapacity);
    this.#fields = { channel: 'slack', accountId: options.accountId };
    this.#chunkLimit = Math.min(options.config.textChunkLimit ?? DEFAULT_TEXT_CHUNK_LIMIT, SLACK_HARD_TEXT_LIMIT);
    this.capabilities = {
      edit: true,
      react: true,
      typing: options.config.typingReaction !== undefined,
      threads: true,
      media: true,
      streamingDrafts: true,
      maxMessageLength: this.#chunkLimit,
    };
  }

  async start(context: ChannelContext): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#context = context;
    const mode = this.#config.mode ?? 'socket';
    Object.assign(this.#health, { running: true, connected: false, mode, lastError: undefined, lastErrorAt: undefined });
    context.signal.addEventListener('abort', () => void this.stop(), { once: true });
    if (mode === 'http' && !this.#routeRegistered) {
      if (context.registerHttpRoute === undefined) return this.#fatal('HTTP mode needs the gateway HTTP server (context.registerHttpRoute); use mode "socket" or run inside the gateway');
      // One stable route for the channel's lifetime (restarts reuse it); 503 until the app is ready and after stop.
      this.#routeRegistered = true;
      context.registerHttpRoute('POST', this.#config.webhookPath ?? '/slack/events', async (request, response) => {
        const handler = this.#session?.httpHandler;
        if (handler === undefined) {
          response.writeHead(503, { 'content-type': 'text/plain' });
          response.end('slack channel not ready');
          return;
        }
        await handler(request, response);
      });
    }
    await this.#boot();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#bootTimer);
    this.#bootTimer = undefined;
    const session = this.#session;
    this.#session = undefined;
    Object.assign(this.#health, { running: false, connected: false });
    if (session !== undefined) await session.app.stop().catch((error: unknown) => this.#options.logger.debug({ ...this.#fields, error: String(error) }, 'slack stop'));
  }

  status(): ChannelStatus {
    return this.#health.snapshot();
  }

  async probe(): Promise<ChannelStatus> {
    const session = this.#session;
    if (session === undefined) return this.status();
    try {
      await session.client.auth.test();
      // The token works again: `connected` is whatever the transport really is (HTTP has nothing to dial).
      this.#health.connected = session.transportUp();
    } catch (error) {
      this.#noteSendError(error);
    }
    return this.status();
  }

  async send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage[]> {
    const session = this.#requireSession();
    try {
      const sent = await sendSlackMessage(session.client, target, message, this.#chunkLimit);
      this.#health.lastOutboundAt = Date.now();
      await this.#clearTyping(session, target.chatId);
      return sent;
    } catch (error) {
      throw this.#noteSendError(error);
    }
  }

  async edit(target: OutboundTarget & { messageId: string }, text: string): Promise<void> {
    const session = this.#requireSession();
    try {
      await editSlackMessage(session.client, target, text);
      this.#health.lastOutboundAt = Date.now();
    } catch (error) {
      throw this.#noteSendError(error);
    }
  }

  async react(target: OutboundTarget & { messageId: string }, emoji: string): Promise<void> {
    try {
      await reactToSlackMessage(this.#requireSession().client, target, emoji);
    } catch (error) {
      throw this.#noteSendError(error);
    }
  }

  /**
   * Slack has no typing indicator for bots; like OpenClaw, `typingReaction` (e.g. `hourglass_flowing_sand`) is put on
   * the message being answered and taken off when the reply is sent.
   */
  async typing(target: OutboundTarget): Promise<void> {
    const reaction = this.#config.typingReaction;
    if (reaction === undefined || target.replyToMessageId === undefined) return;
    const session = this.#requireSession();
    try {
      await reactToSlackMessage(session.client, { chatId: target.chatId, messageId: target.replyToMessageId }, reaction);
    } catch (error) {
      throw this.#noteSendError(error);
    }
    const pending = this.#typing.get(target.chatId) ?? [];
    if (!pending.includes(target.replyToMessageId)) pending.push(target.replyToMessageId);
    this.#typing.set(target.chatId, pending);
  }

  async #clearTyping(session: Session, chatId: string): Promise<void> {
    const reaction = this.#config.typingReaction;
    const pending = this.#typing.get(chatId);
    if (reaction === undefined || pending === undefined) return;
    this.#typing.delete(chatId);
    await Promise.all(pending.map((messageId) => removeSlackReaction(session.client, { chatId, messageId }, reaction).catch(() => undefined)));
  }

  #requireSession(): Session {
    if (this.#session === undefined) throw new ChannelError('slack', `slack account ${this.accountId} is not connected${this.#health.lastError ? `: ${this.#health.lastError}` : ''}`, { code: 'CHANNEL_NOT_RUNNING', isRetryable: !this.#stopped });
    return this.#session;
  }

  /** A Web API failure seen while sending: a rejected token also makes the account unhealthy. */
  #noteSendError(error: unknown): ChannelError {
    const channelError = toChannelError(error, 'slack call');
    const code = slackErrorCode(error) ?? slackErrorCode(channelError.cause);
    if (code !== undefined && FATAL_AUTH_ERRORS.has(code)) {
      this.#health.connected = false;
      this.#health.fail(`Slack rejected the bot token (${code}): it is invalid or revoked. Fix channels.slack.botToken and restart the channel.`);
      this.#options.logger.error({ ...this.#fields, code }, this.#health.lastError ?? 'bot token rejected');
    } else this.#health.fail(channelError.message);
    return channelError;
  }

  #fatal(message: string): void {
    this.#health.running = false;
    this.#health.connected = false;
    this.#health.fail(message);
    this.#options.logger.error(this.#fields, message);
  }

  /** A token as a plain string, or a reason it is not usable. */
  #secret(key: 'botToken' | 'appToken' | 'signingSecret'): string | { error: string } {
    const value = this.#config[key];
    const path = `channels.slack${this.accountId === 'default' ? '' : `.accounts.${this.accountId}`}.${key}`;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'object' && value !== null) return { error: `${path} is a SecretRef (${value.source}:${value.id}) that was not resolved; the gateway must validate the config with core's SecretInputSchema` };
    return { error: `${path} is not set` };
  }

  async #boot(): Promise<void> {
    if (this.#stopped) return;
    const mode = this.#config.mode ?? 'socket';
    const botToken = this.#secret('botToken');
    if (typeof botToken !== 'string') return this.#fatal(botToken.error);
    const secondKey = mode === 'socket' ? 'appToken' : 'signingSecret';
    const second = this.#secret(secondKey);
    if (typeof second !== 'string') return this.#fatal(`${second.error} (needed in ${mode} mode)`);
    if (mode === 'socket' && !second.startsWith('xapp-')) return this.#fatal('channels.slack.appToken must be an app-level token (xapp-…) with the connections:write scope');

    const outcome = await createSlackSession({
      mode,
      botToken,
      secondSecret: second,
      config: this.#config,
      channelOptions: this.#options,
      tuning: this.#tuning,
      health: this.#health,
      logFields: this.#fields,
      onMessageEvent: (event) => this.#onMessageEvent(event),
    });
    if (this.#stopped) return;
    if (outcome.kind === 'fatal') return this.#fatal(outcome.message);
    if (outcome.kind === 'retry') {
      this.#health.fail(outcome.message);
      this.#options.logger.warn(this.#fields, outcome.message);
      return this.#scheduleBoot();
    }
    this.#session = outcome.session;
    this.#bootFailures = 0;
    if (mode === 'http') {
      // Nothing to dial in HTTP mode: the proof of health is a working token and a registered route.
      this.#health.connected = true;
      this.#health.lastError = undefined;
    }
    await outcome.session.app.start();
  }

  #scheduleBoot(): void {
    if (this.#stopped) return;
    const delay = backoffDelay(this.#bootFailures, { baseMs: this.#tuning.reconnectBaseMs, maxMs: this.#tuning.reconnectMaxMs, ...(this.#tuning.random === undefined ? {} : { random: this.#tuning.random }) });
    this.#bootFailures += 1;
    this.#bootTimer = setTimeout(() => {
      this.#bootTimer = undefined;
      this.#health.reconnectCount += 1;
      void this.#boot();
    }, delay);
  }

  async #onMessageEvent(event: unknown): Promise<void> {
    const session = this.#session;
    const context = this.#context;
    // Not acked: Slack redelivers once the channel runs again.
    if (session === undefined || context === undefined || this.#stopped) throw new ChannelError('slack', 'slack channel is not running', { code: 'CHANNEL_NOT_RUNNING', isRetryable: true });
    const record = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    const channelId = typeof record['channel'] === 'string' ? record['channel'] : undefined;
    if (channelId !== undefined && typeof record['ts'] === 'string' && this.#deduper.has(`${channelId}:${record['ts']}`)) return;
    let channelType = typeof record['channel_type'] === 'string' ? record['channel_type'] : undefined;
    if (channelType === undefined && channelId !== undefined && !channelId.startsWith('D')) channelType = await session.directory.conversationType(channelId);
    const mapping = mapSlackMessage(channelType === undefined ? event : { ...record, channel_type: channelType }, {
      accountId: this.accountId,
      botUserId: session.botUserId,
      ...(session.botId === undefined ? {} : { botId: session.botId }),
      allowBots: this.#config.allowBots === true,
      userNames: new Map(session.botName === undefined ? [] : [[session.botUserId, session.botName]]),
      download: (file) => (signal) => this.#download(file.url_private_download ?? file.url_private ?? '', signal),
    });
    if (mapping.kind === 'skip') {
      this.#options.logger.debug({ ...this.#fields, reason: mapping.reason }, 'slack event skipped');
      return;
    }
    const message: InboundMessage = mapping.message;
    if (message.sender.isBot !== true) {
      const info = await session.directory.user(message.sender.id);
      if (info?.username !== undefined) message.sender.username = info.username;
      if (info?.displayName !== undefined) message.sender.displayName = info.displayName;
    }
    let outcome: 'delivered' | 'duplicate';
    try {
      outcome = await this.#deduper.run(`${message.chat.id}:${message.messageId}`, async () => {
        await context.onInbound(message);
        this.#health.lastInboundAt = Date.now();
      });
    } catch (error) {
      throw new ChannelError('slack', `the gateway did not store message ${message.chat.id}/${message.messageId}: ${error instanceof Error ? error.message : String(error)}`, {
        code: 'SLACK_INBOUND_NOT_STORED',
        isRetryable: true,
        cause: error,
      });
    }
    if (outcome === 'duplicate') this.#options.logger.debug({ ...this.#fields, messageId: message.messageId }, 'slack duplicate delivery dropped');
  }

  /** Works as long as the bot token is configured (also after a restart: the gateway may fetch files later). */
  #download(url: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const token = this.#secret('botToken');
    if (typeof token !== 'string') return Promise.reject(new ChannelError('slack', token.error, { code: 'CHANNEL_NOT_RUNNING' }));
    const apiUrl = this.#options.slackApiUrl;
    return downloadSlackFile(url, {
      botToken: token,
      extraOrigins: apiUrl === undefined ? [] : [new URL(apiUrl).origin],
      maxBytes: (this.#config.mediaMaxMb ?? DEFAULT_MEDIA_MAX_MB) * 1024 * 1024,
      ...(signal === undefined ? {} : { signal }),
    });
  }
}
