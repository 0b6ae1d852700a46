import type { Logger } from '@rusty-claw/plugin-sdk';
import type { webApi } from '@slack/bolt';

type WebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackUserInfo {
  username?: string;
  displayName?: string;
  isBot?: boolean;
}

interface Entry<T> {
  value: T | undefined;
  at: number;
}

const TTL_MS = 60 * 60 * 1000;
const CAPACITY = 2000;

/**
 * Cached users.info / conversations.info look-ups that enrich inbound messages (sender names, the chat type of
 * `app_mention` events, which carry no `channel_type`). They never hold up the durable hand-over for long: after
 * `timeoutMs` the message goes on without the extra fields and the answer is cached for next time. Failures (a
 * missing `users:read` scope, say) are cached as "unknown" too, so they cost one call per hour, not one per message.
 */
export class SlackDirectory {
  readonly #users = new Map<string, Entry<SlackUserInfo>>();
  readonly #conversations = new Map<string, Entry<string>>();

  constructor(
    private readonly client: WebClient,
    private readonly options: { timeoutMs: number; logger: Logger; logFields: Record<string, unknown> },
  ) {}

  user(id: string): Promise<SlackUserInfo | undefined> {
    return this.#lookup(this.#users, id, async () => {
      const result = await this.client.users.info({ user: id });
      const user = result.user;
      if (user === undefined) return undefined;
      const info: SlackUserInfo = {};
      if (user.name !== undefined) info.username = user.name;
      const display = user.profile?.display_name || user.real_name || user.profile?.real_name;
      if (display) info.displayName = display;
      if (user.is_bot === true) info.isBot = true;
      return info;
    });
  }

  /** `im`, `mpim`, `channel` or `group` (a private channel), as a message event's `channel_type` would say. */
  conversationType(id: string): Promise<string | undefined> {
    return this.#lookup(this.#conversations, id, async () => {
      const { channel } = await this.client.conversations.info({ channel: id });
      if (channel === undefined) return undefined;
      if (channel.is_im === true) return 'im';
      if (channel.is_mpim === true) return 'mpim';
      if (channel.is_channel === true) return 'channel';
      return channel.is_group === true || channel.is_private === true ? 'group' : 'channel';
    });
  }

  async #lookup<T>(cache: Map<string, Entry<T>>, key: string, fetchValue: () => Promise<T | undefined>): Promise<T | undefined> {
    const cached = cache.get(key);
    if (cached !== undefined && Date.now() - cached.at < TTL_MS) return cached.value;
    const pending = fetchValue().then(
      (value) => {
        remember(cache, key, value);
        return value;
      },
      (error: unknown) => {
        this.options.logger.debug({ ...this.options.logFields, key, error: error instanceof Error ? error.message : String(error) }, 'slack look-up failed');
        remember(cache, key, undefined);
        return undefined;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.options.timeoutMs);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function remember<T>(cache: Map<string, Entry<T>>, key: string, value: T | undefined): void {
  cache.delete(key);
  cache.set(key, { value, at: Date.now() });
  if (cache.size > CAPACITY) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
}
