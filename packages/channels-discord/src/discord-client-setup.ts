import { sleep } from './backoff.js';

/** discord.js client settings and guards the gateway supervisor applies to every client it creates. */

/**
 * What discord.js may cache. The channel reads messages from raw dispatches and needs only guilds, channels, threads
 * and roles (discord.js must keep those whole); the rest is off or bounded so memory stays flat in big guilds.
 */
export function cacheLimits<T extends object>(defaults: T): T & Record<string, unknown> {
  const self = (entry: { id: string; client: { user: { id: string } | null } }) => entry.id === entry.client.user?.id;
  return {
    ...defaults,
    MessageManager: 0,
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    ThreadMemberManager: 0,
    VoiceStateManager: 0,
    GuildStickerManager: 0,
    GuildEmojiManager: 0,
    BaseGuildEmojiManager: 0,
    GuildScheduledEventManager: 0,
    StageInstanceManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    AutoModerationRuleManager: 0,
    ApplicationCommandManager: 0,
    UserManager: { maxSize: 1000, keepOverLimit: self },
    GuildMemberManager: { maxSize: 200, keepOverLimit: self },
  };
}

const guardedSockets = new WeakSet<object>();
const ignoreError = (): void => undefined;

/**
 * Workaround for @discordjs/ws 1.2.3: destroying a shard whose socket is still CONNECTING (a stop, or its own hello
 * timeout) sets the socket's `onerror` to null, and a later ECONNRESET or handshake timeout is then an unhandled
 * 'error' event — an uncaught exception that would end the gateway process. A permanent no-op listener keeps such
 * late errors harmless; discord.js's own handler still sees every error while it is attached. Reaches into the
 * strategy's shard map (not public API); if that shape changes this does nothing.
 */
export function guardSocketErrors(strategy: object): void {
  const shards = (strategy as { shards?: unknown }).shards;
  if (!(shards instanceof Map)) return;
  for (const shard of shards.values()) {
    const connection = (shard as { connection?: unknown }).connection;
    if (typeof connection !== 'object' || connection === null || guardedSockets.has(connection)) continue;
    const on = (connection as { on?: unknown }).on;
    if (typeof on !== 'function') continue;
    on.call(connection, 'error', ignoreError);
    guardedSockets.add(connection);
  }
}

/** An identify throttle that only keeps `intervalMs` between IDENTIFYs (one shard, one process). */
export function minimumIntervalThrottler(intervalMs: number): { waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> } {
  let last = 0;
  return {
    async waitForIdentify(_shardId, signal) {
      const wait = last + intervalMs - Date.now();
      if (wait > 0 && !(await sleep(wait, signal))) throw new Error('identify aborted');
      last = Date.now();
    },
  };
}
