import { ChannelError, silentLogger, type Channel, type ChannelCapabilities, type ChannelContext, type ChannelStatus, type Logger, type SentMessage } from '@rusty-claw/plugin-sdk';
import { createWebchatRoutes } from './create-webchat-routes.js';
import { resolveWebchatSettings, type ResolvedWebchatSettings } from './webchat-settings.js';

/**
 * The web chat as a `Channel`, for the gateway's channel manager: `start` mounts the page, widget and assets on the
 * gateway's port (`registerHttpRoute`), `stop` marks it stopped (the manager unmounts the routes), `status` is honest
 * about that. Messages do not flow through `onInbound`/`send`: a visitor's browser speaks the gateway protocol itself
 * (`chat.send` on its own session, durable in the session store before the ack) and receives the reply as `chat`
 * events on its socket, so there is nothing to poll, acknowledge or send here. See README "Why the messages bypass
 * the channel contract".
 */
class WebchatChannel implements Channel {
  readonly specificationVersion = 'v1' as const;
  readonly id = 'webchat';
  readonly capabilities: ChannelCapabilities = {
    edit: false,
    react: false,
    typing: false,
    threads: false,
    media: false,
    // Replies stream to the page as chat events; there is no draft to edit.
    streamingDrafts: false,
    maxMessageLength: 16_000,
  };
  private running = false;
  private lastError: { message: string; at: number } | undefined;

  constructor(
    readonly accountId: string,
    private readonly settings: ResolvedWebchatSettings,
    private readonly logger: Logger,
  ) {}

  async start(context: ChannelContext): Promise<void> {
    if (!context.registerHttpRoute) {
      throw this.fail(new ChannelError('webchat', 'the web chat needs the gateway to mount HTTP routes (ChannelContext.registerHttpRoute)', { code: 'WEBCHAT_NO_HTTP' }));
    }
    let routes;
    try {
      routes = await createWebchatRoutes(this.settings);
    } catch (error) {
      throw this.fail(error);
    }
    for (const route of routes) context.registerHttpRoute(route.method, route.path, route.handler);
    this.running = true;
    this.lastError = undefined;
    this.logger.info({ paths: routes.map((route) => route.path) }, 'web chat mounted');
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  async send(): Promise<SentMessage[]> {
    throw new ChannelError('webchat', 'the web chat has no send: replies reach the visitor as chat events on their own socket', { code: 'WEBCHAT_SEND_UNSUPPORTED' });
  }

  status(): ChannelStatus {
    return {
      accountId: this.accountId,
      running: this.running,
      // The transport is the gateway's own port: while the routes are mounted, the page and socket are reachable.
      connected: this.running,
      mode: 'gateway',
      reconnectCount: 0,
      ...(this.lastError ? { lastError: this.lastError.message, lastErrorAt: this.lastError.at } : {}),
    };
  }

  private fail(error: unknown): unknown {
    this.lastError = { message: error instanceof Error ? error.message : String(error), at: Date.now() };
    return error;
  }
}

/**
 * Builds the web chat channel (a `ChannelFactory`: `{accountId, config, logger}`); `config` is `WebchatSettings`.
 * Throws `ChannelError` `WEBCHAT_SETTINGS_INVALID` for bad settings.
 */
export function createWebchatChannel(options: { accountId?: string; config?: unknown; logger?: Logger } = {}): Channel {
  return new WebchatChannel(options.accountId ?? 'default', resolveWebchatSettings(options.config ?? {}), options.logger ?? silentLogger);
}
