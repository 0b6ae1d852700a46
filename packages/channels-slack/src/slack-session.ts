import type { App, webApi } from '@slack/bolt';
import type { SlackAccountConfig } from './config/slack-config-schema.js';
import { SlackHttpReceiver } from './http/slack-http-receiver.js';
import { SlackDirectory } from './inbound/slack-directory.js';
import { DEFAULT_CLIENT_PING_TIMEOUT_MS, DEFAULT_SERVER_PING_TIMEOUT_MS, type CreateSlackChannelOptions, type SlackChannelTuning } from './slack-channel-options.js';
import { boltLogger } from './transport/bolt-logger.js';
import type { SlackHealth } from './transport/slack-health.js';
import { SlackSocketReceiver } from './transport/slack-socket-receiver.js';
import { FATAL_AUTH_ERRORS, slackErrorCode, toChannelError } from './transport/to-channel-error.js';

export type WebClient = InstanceType<typeof webApi.WebClient>;

/** One running Bolt app for one account (rebuilt on every start). */
export interface SlackSession {
  app: App;
  client: WebClient;
  directory: SlackDirectory;
  botUserId: string;
  botId: string | undefined;
  botName: string | undefined;
  /** True while the transport works: Socket Mode between hello and close; HTTP mode always. */
  transportUp(): boolean;
  /** HTTP mode: the request handler behind the gateway route. */
  httpHandler: SlackHttpReceiver['handler'] | undefined;
}

export type SlackSessionOutcome = { kind: 'ready'; session: SlackSession } | { kind: 'fatal'; message: string } | { kind: 'retry'; message: string };

export interface CreateSlackSessionOptions {
  mode: 'socket' | 'http';
  botToken: string;
  /** The app-level token (socket) or the signing secret (http). */
  secondSecret: string;
  config: SlackAccountConfig;
  channelOptions: CreateSlackChannelOptions;
  tuning: SlackChannelTuning;
  health: SlackHealth;
  logFields: Record<string, unknown>;
  onMessageEvent(event: unknown): Promise<void>;
}

/**
 * Loads Bolt (lazily: it is the heavy part), checks the bot token with auth.test (which also tells the bot's own
 * user id, needed to ignore its messages and detect mentions), and builds the App on our receiver. Nothing is
 * connected yet: the caller starts the app.
 */
export async function createSlackSession(options: CreateSlackSessionOptions): Promise<SlackSessionOutcome> {
  const { channelOptions, tuning, config } = options;
  const { logger, slackApiUrl, accountId } = channelOptions;
  const bolt = await import('@slack/bolt');
  const clientOptions = () => ({
    ...(slackApiUrl === undefined ? {} : { slackApiUrl }),
    logger: boltLogger(logger, accountId),
    retryConfig: { retries: tuning.webApiRetries, factor: 2, minTimeout: 250, maxTimeout: 4000, randomize: true },
  });
  const client = new bolt.webApi.WebClient(options.botToken, clientOptions());
  let identity: { user_id?: string; bot_id?: string; user?: string };
  try {
    identity = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== undefined && FATAL_AUTH_ERRORS.has(code)) {
      return { kind: 'fatal', message: `Slack rejected the bot token (${code}): it is invalid or revoked. Fix channels.slack.botToken (xoxb-…) and restart the channel.` };
    }
    return { kind: 'retry', message: `cannot check the bot token with Slack: ${toChannelError(error, 'auth.test').message}` };
  }
  const botUserId = identity.user_id ?? '';
  options.health.self = { id: botUserId, ...(identity.user === undefined ? {} : { username: identity.user }) };
  const receiver =
    options.mode === 'socket'
      ? new SlackSocketReceiver({
          SocketModeClient: (await import('@slack/socket-mode')).SocketModeClient,
          appToken: options.secondSecret,
          slackApiUrl,
          clientPingTimeoutMs: config.socketMode?.clientPingTimeout ?? DEFAULT_CLIENT_PING_TIMEOUT_MS,
          serverPingTimeoutMs: config.socketMode?.serverPingTimeout ?? DEFAULT_SERVER_PING_TIMEOUT_MS,
          pingPongLoggingEnabled: config.socketMode?.pingPongLoggingEnabled ?? false,
          helloTimeoutMs: tuning.helloTimeoutMs,
          reconnectBaseMs: tuning.reconnectBaseMs,
          reconnectMaxMs: tuning.reconnectMaxMs,
          stableConnectionMs: tuning.stableConnectionMs,
          health: options.health,
          logger,
          boltLogger: boltLogger(logger, accountId),
          logFields: options.logFields,
          ...(tuning.random === undefined ? {} : { random: tuning.random }),
        })
      : new SlackHttpReceiver({ signingSecret: options.secondSecret, logger, logFields: options.logFields });
  const app = new bolt.App({
    token: options.botToken,
    botUserId,
    ...(identity.bot_id === undefined ? {} : { botId: identity.bot_id }),
    receiver,
    clientOptions: clientOptions(),
    logger: boltLogger(logger, accountId),
    // auth.test already ran above; Bolt must not repeat it per event.
    tokenVerificationEnabled: false,
    convoStore: false,
  });
  // Bolt's default error handler logs and rethrows; ours only rethrows, so the receiver decides about the ack.
  app.error(async (error) => {
    throw error;
  });
  app.event('message', async ({ event }) => options.onMessageEvent(event));
  app.event('app_mention', async ({ event }) => options.onMessageEvent(event));
  return {
    kind: 'ready',
    session: {
      app,
      client,
      directory: new SlackDirectory(client, { timeoutMs: tuning.lookupTimeoutMs, logger, logFields: options.logFields }),
      botUserId,
      botId: identity.bot_id,
      botName: identity.user,
      transportUp: () => (receiver instanceof SlackSocketReceiver ? receiver.isConnected : true),
      httpHandler: receiver instanceof SlackHttpReceiver ? receiver.handler : undefined,
    },
  };
}
