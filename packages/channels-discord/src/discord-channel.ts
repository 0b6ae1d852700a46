import { ChannelError, ConfigError, LoadSecretError, type Channel, type ChannelContext, type ChannelStatus, type Logger } from '@rusty-claw/plugin-sdk';
import type { REST } from 'discord.js';
import { DISCORD_CDN, downloadDiscordAttachment } from './discord-attachments.js';
import { discordAccountConfigSchema, type DiscordAccountConfig } from './discord-config-schema.js';
import { DiscordGatewaySupervisor, TOKEN_REJECTED_MESSAGE, type GatewayTuning } from './discord-gateway-supervisor.js';
import { DiscordInbound } from './discord-inbound.js';
import { DISCORD_MAX_MESSAGE_LENGTH, DiscordOutbound } from './discord-outbound.js';
import { GatewayHealth } from './gateway-health.js';
import { InboundPipeline, type InboundRetryOptions } from './inbound-pipeline.js';
import { resolveDiscordToken } from './resolve-discord-accounts.js';
import { toChannelError } from './to-channel-error.js';

export const DISCORD_API = 'https://discord.com/api';

/** Timings; the defaults suit Discord, tests shorten them. */
export interface DiscordChannelTuning extends GatewayTuning {
  inboundRetry: InboundRetryOptions;
  /** Delivered message keys remembered to drop redeliveries. */
  dedupeCapacity: number;
  /** A REST rate limit longer than this fails the call (ChannelError with retryAfterMs) instead of waiting. */
  maxRateLimitWaitMs: number;
  restTimeoutMs: number;
}

export const DEFAULT_DISCORD_TUNING: DiscordChannelTuning = {
  connectTimeoutMs: 30_000,
  reconnectGraceMs: 30_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  heartbeatGraceFactor: 1.5,
  inboundRetry: { baseMs: 500, maxMs: 30_000, maxAttempts: 8 },
  dedupeCapacity: 5_000,
  maxRateLimitWaitMs: 10_000,
  restTimeoutMs: 15_000,
};

export interface CreateDiscordChannelOptions {
  accountId: string;
  /** The account's config (`resolveDiscordAccounts` merges the top level into each account). */
  config: DiscordAccountConfig;
  logger: Logger;
  /** Where env SecretRefs and `DISCORD_BOT_TOKEN` are read (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Override the config's `apiRoot` / `cdnRoot` (tests point them at the fake). */
  apiRoot?: string;
  cdnRoot?: string;
  tuning?: Partial<DiscordChannelTuning>;
}

/** Discord's gateway intents the channel asks for (bit values of GatewayIntentBits, so discord.js is not loaded). */
function intentsFor(config: DiscordAccountConfig): number {
  const Guilds = 1 << 0, GuildMembers = 1 << 1, GuildVoiceStates = 1 << 7, GuildPresences = 1 << 8, GuildMessages = 1 << 9;
  const DirectMessages = 1 << 12, MessageContent = 1 << 15;
  let intents = Guilds | GuildMessages | DirectMessages | MessageContent;
  if (config.intents?.guildMembers) intents |= GuildMembers;
  if (config.intents?.presence) intents |= GuildPresences;
  if (config.intents?.voiceStates) intents |= GuildVoiceStates;
  return intents;
}

/**
 * The Discord channel (a `ChannelFactory`): discord.js's gateway client for inbound, its REST client for outbound.
 * Importing this module is cheap: discord.js is loaded on `start()`.
 */
export function createDiscordChannel(options: CreateDiscordChannelOptions): Channel {
  // The gateway hands each account the channel block overlaid with its entry; the section-level keys that are not
  // account settings (`accounts`, `defaultAccount`) may ride along and are ignored here.
  const { accounts: _accounts, defaultAccount: _defaultAccount, ...accountConfig } = options.config as DiscordAccountConfig & {
    accounts?: unknown;
    defaultAccount?: unknown;
  };
  const parsed = discordAccountConfigSchema.safeParse(accountConfig);
  if (!parsed.success) {
    throw new ConfigError(`Invalid channels.discord config for account "${options.accountId}"`, {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const config = parsed.data;
  const { accountId, logger } = options;
  const tuning: DiscordChannelTuning = { ...DEFAULT_DISCORD_TUNING, ...(config.gatewayReadyTimeoutMs ? { connectTimeoutMs: config.gatewayReadyTimeoutMs } : {}), ...options.tuning };
  const apiRoot = options.apiRoot ?? config.apiRoot ?? DISCORD_API;
  const cdnRoot = options.cdnRoot ?? config.cdnRoot ?? DISCORD_CDN;
  const limit = Math.min(config.textChunkLimit ?? DISCORD_MAX_MESSAGE_LENGTH, DISCORD_MAX_MESSAGE_LENGTH);
  const maxMediaBytes = Math.floor((config.mediaMaxMb ?? 100) * 1024 * 1024);
  let health = new GatewayHealth(tuning.heartbeatGraceFactor);
  let rest: REST | undefined;
  let outbound: DiscordOutbound | undefined;
  let supervisor: DiscordGatewaySupervisor | undefined;
  let pipeline: InboundPipeline | undefined;
  let stopController: AbortController | undefined;

  const authRejected = () => {
    health.error(TOKEN_REJECTED_MESSAGE);
    logger.error({ accountId }, TOKEN_REJECTED_MESSAGE);
  };
  let stopping: Promise<void> | undefined;
  /** Idempotent and safe to call concurrently (the gateway aborts the context signal and calls stop() too). */
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      stopController?.abort();
      await supervisor?.stop();
      supervisor = undefined;
      outbound = undefined;
      rest?.clearHashSweeper();
      rest?.clearHandlerSweeper();
      rest = undefined;
      pipeline = undefined;
    })().finally(() => {
      stopping = undefined;
    });
    return stopping;
  };
  const requireOutbound = (): DiscordOutbound => {
    if (!outbound) {
      const reason = health.lastError ? `: ${health.lastError}` : '';
      throw new ChannelError('discord', `the Discord channel (account ${accountId}) is not running${reason}`, { code: 'CHANNEL_NOT_STARTED' });
    }
    return outbound;
  };

  const channel: Channel = {
    specificationVersion: 'v1',
    id: 'discord',
    accountId,
    // groupAccess: evaluateDiscordAccess applies `guilds` / `groupPolicy` / `requireMention` / users / roles before
    // onInbound (it needs the member's roles and the guild's channel names), so the router must not check again.
    capabilities: { edit: true, react: true, typing: true, threads: true, media: true, streamingDrafts: true, maxMessageLength: limit, groupAccess: true },

    async start(context: ChannelContext): Promise<void> {
      if (health.running) return;
      await stopAll(); // whatever a previous run left (a fatal error ends the gateway loop but not the REST client)
      health = new GatewayHealth(tuning.heartbeatGraceFactor);
      health.running = true;
      let token: string;
      try {
        token = resolveDiscordToken(config, accountId, options.env ?? process.env);
      } catch (error) {
        // A missing token must not take the gateway down: report it and stay stopped.
        const message = LoadSecretError.isInstance(error) ? error.message : String(error);
        health.running = false;
        health.error(message);
        logger.error({ accountId }, `discord: ${message}`);
        return;
      }
      const discord = await import('discord.js');
      const stopped = new AbortController();
      stopController = stopped;
      const signal = AbortSignal.any([stopped.signal, context.signal]);
      rest = new discord.REST({
        api: apiRoot,
        cdn: cdnRoot,
        timeout: tuning.restTimeoutMs,
        rejectOnRateLimit: (limit) => limit.retryAfter > tuning.maxRateLimitWaitMs,
      }).setToken(token);
      outbound = new DiscordOutbound({
        rest,
        limit,
        maxLines: config.maxLinesPerMessage,
        tables: config.markdown?.tables,
        maxUploadBytes: maxMediaBytes,
        onSent: () => {
          health.lastOutboundAt = Date.now();
        },
        onAuthRejected: authRejected,
      });
      pipeline = new InboundPipeline({
        logger,
        signal,
        deliver: (message) => context.onInbound(message),
        onDelivered: () => {
          health.lastInboundAt = Date.now();
        },
        retry: tuning.inboundRetry,
        dedupeCapacity: tuning.dedupeCapacity,
      });
      const inbound = new DiscordInbound({
        accountId,
        config,
        logger,
        pipeline,
        rest,
        botId: () => health.self?.id,
        client: () => supervisor?.client,
        download: (attachment, downloadSignal) =>
          downloadDiscordAttachment(attachment.url, { cdnRoot, maxBytes: maxMediaBytes, signal: downloadSignal ? AbortSignal.any([downloadSignal, signal]) : signal }),
      });
      supervisor = new DiscordGatewaySupervisor({
        token,
        intents: intentsFor(config),
        apiRoot,
        cdnRoot,
        logger,
        health,
        tuning,
        onDispatch: (type, data) => inbound.handleDispatch(type, data),
      });
      context.signal.addEventListener('abort', () => void channel.stop(), { once: true });
      supervisor.start();
    },

    async stop(): Promise<void> {
      health.running = false;
      health.markDown();
      await stopAll();
    },

    send: async (target, message) => requireOutbound().send(target, message),
    edit: async (target, text) => requireOutbound().edit(target, text),
    typing: async (target) => requireOutbound().typing(target),
    react: async (target, emoji) => requireOutbound().react(target, emoji),

    status: (): ChannelStatus => health.snapshot(accountId),

    async probe(): Promise<ChannelStatus> {
      if (!rest) return health.snapshot(accountId);
      try {
        const { Routes } = await import('discord.js');
        const user = (await rest.get(Routes.user('@me'))) as { id: string; username?: string };
        health.self = { id: user.id, ...(user.username ? { username: user.username } : {}) };
      } catch (error) {
        const channelError = toChannelError(error, 'check the bot token (GET /users/@me)');
        if (channelError.statusCode === 401) authRejected();
        else health.error(channelError.message);
      }
      return health.snapshot(accountId);
    },
  };
  return channel;
}
