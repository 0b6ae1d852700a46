import type { DiscordAccountConfig, DiscordGuildChannelConfig, DiscordGuildConfig } from './discord-config-schema.js';

/** Where a message was written and by whom, as far as Discord's access rules care. */
export interface DiscordAccessInput {
  kind: 'dm' | 'group-dm' | 'guild';
  guildId?: string | undefined;
  guildName?: string | undefined;
  /** The chat: for a thread, its parent channel (threads follow their parent's rules). */
  channelId: string;
  channelName?: string | undefined;
  senderId: string;
  senderRoles: readonly string[];
  senderIsBot: boolean;
  mentionsBot: boolean;
  /** The message mentions another user or role (not @everyone/@here). */
  mentionsOthers: boolean;
}

export type DiscordAccessDecision = { allowed: true } | { allowed: false; reason: string };

/** OpenClaw matches guild and channel names by slug: lower case, `#` dropped, runs of other characters → `-`. */
export function discordSlug(name: string): string {
  return name.trim().toLowerCase().replace(/^#/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function lookup<T>(table: Record<string, T | undefined> | undefined, id: string | undefined, name: string | undefined): T | undefined {
  if (!table) return undefined;
  if (id !== undefined && table[id] !== undefined) return table[id];
  if (name !== undefined) {
    const slug = discordSlug(name);
    for (const [key, value] of Object.entries(table)) if (value !== undefined && key !== '*' && discordSlug(key) === slug) return value;
  }
  return table['*'];
}

function senderAllowed(entry: { users?: string[] | undefined; roles?: string[] | undefined }, input: DiscordAccessInput): boolean | undefined {
  const users = entry.users ?? [];
  const roles = entry.roles ?? [];
  if (users.length === 0 && roles.length === 0) return undefined;
  return users.includes(input.senderId) || input.senderRoles.some((role) => roles.includes(role));
}

/**
 * Discord's own access rules, applied before a message reaches the gateway (OpenClaw semantics):
 * - messages from bots only with `allowBots` (`"mentions"`: only when they mention this bot);
 * - DMs unless `dmPolicy`/`dm.policy` is `disabled` or `dm.enabled` is false (pairing and allowlists are the
 *   router's: they need the pairing store);
 * - group DMs only with `dm.groupEnabled` (and, when set, a listed `dm.groupChannels` id);
 * - guild messages per `groupPolicy` (default `allowlist`: the guild must be in `guilds`, by id, slug or `"*"`),
 *   the guild's or channel's `users`/`roles`, listed `channels` when a guild lists any, and `requireMention`
 *   (default true) / `ignoreOtherMentions`.
 */
export function evaluateDiscordAccess(config: DiscordAccountConfig, input: DiscordAccessInput): DiscordAccessDecision {
  if (input.senderIsBot && config.allowBots !== true && !(config.allowBots === 'mentions' && input.mentionsBot)) {
    return { allowed: false, reason: 'message from a bot (allowBots is off)' };
  }
  if (input.kind === 'dm') {
    const policy = config.dmPolicy ?? config.dm?.policy;
    if (policy === 'disabled' || config.dm?.enabled === false) return { allowed: false, reason: 'direct messages are disabled' };
    return { allowed: true };
  }
  if (input.kind === 'group-dm') {
    if (config.dm?.groupEnabled !== true) return { allowed: false, reason: 'group DMs are disabled (dm.groupEnabled)' };
    const listed = config.dm.groupChannels ?? [];
    if (listed.length > 0 && !listed.includes(input.channelId)) return { allowed: false, reason: 'group DM not in dm.groupChannels' };
    return { allowed: true };
  }
  const policy = config.groupPolicy ?? 'allowlist';
  if (policy === 'disabled') return { allowed: false, reason: 'guild messages are disabled (groupPolicy)' };
  const guild: DiscordGuildConfig | undefined = lookup(config.guilds, input.guildId, input.guildName);
  if (policy === 'allowlist' && !guild) return { allowed: false, reason: `guild ${input.guildId ?? '?'} is not in channels.discord.guilds` };
  let channel: DiscordGuildChannelConfig | undefined;
  if (guild?.channels && Object.keys(guild.channels).length > 0) {
    channel = lookup(guild.channels, input.channelId, input.channelName);
    if (!channel) return { allowed: false, reason: `channel ${input.channelId} is not listed for its guild` };
  }
  if (channel?.enabled === false) return { allowed: false, reason: `channel ${input.channelId} is disabled` };
  const sender = (channel ? senderAllowed(channel, input) : undefined) ?? (guild ? senderAllowed(guild, input) : undefined);
  if (sender === false) return { allowed: false, reason: 'sender not in the users/roles allowlist' };
  const requireMention = channel?.requireMention ?? guild?.requireMention ?? true;
  if (requireMention && !input.mentionsBot) return { allowed: false, reason: 'not mentioned (requireMention)' };
  const ignoreOthers = channel?.ignoreOtherMentions ?? guild?.ignoreOtherMentions ?? false;
  if (ignoreOthers && input.mentionsOthers && !input.mentionsBot) return { allowed: false, reason: 'mentions someone else (ignoreOtherMentions)' };
  return { allowed: true };
}
