import type { InboundMessage } from '@rusty-claw/plugin-sdk';

/** The settings of one allowed group / guild channel / Slack channel, whatever the platform calls them. */
export interface GroupEntry {
  enabled?: boolean;
  requireMention?: boolean;
  /** Sender allowlist inside this group (Telegram `allowFrom`, Discord/Slack `users`). */
  allowFrom?: unknown[];
  groupPolicy?: unknown;
}

/** Where a group message stands in the account's group allowlist. */
export interface GroupLookup {
  /** The account configures a group allowlist at all (`groups`, `guilds`, Slack `channels`). */
  hasGroups: boolean;
  /** The entry naming this very chat (and topic), merged; undefined when only the wildcard applies. */
  entry?: GroupEntry;
  /** The `*` entry. */
  wildcard?: GroupEntry;
  /** A sender list alone does not fall back to the DM `allowFrom` (Discord and Slack keep them apart). */
  fallbackToAllowFrom: boolean;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function entryOf(value: unknown, usersKey: 'allowFrom' | 'users'): GroupEntry | undefined {
  const raw = record(value);
  if (!raw) return value === true ? {} : undefined;
  const entry: GroupEntry = {};
  // Slack/Discord spell "enabled" as `allow`.
  const enabled = raw['enabled'] ?? raw['allow'];
  if (typeof enabled === 'boolean') entry.enabled = enabled;
  if (typeof raw['requireMention'] === 'boolean') entry.requireMention = raw['requireMention'];
  const users = raw[usersKey] ?? raw['allowFrom'];
  if (Array.isArray(users)) entry.allowFrom = users;
  if (raw['groupPolicy'] !== undefined) entry.groupPolicy = raw['groupPolicy'];
  return entry;
}

function merge(base: GroupEntry | undefined, over: GroupEntry | undefined): GroupEntry | undefined {
  if (!base) return over;
  if (!over) return base;
  const merged: GroupEntry = { ...base, ...over };
  if (base.enabled === false || over.enabled === false) merged.enabled = false;
  return merged;
}

/**
 * Finds a group message's entry in the platform's allowlist shape: Telegram (and the generic form) `groups.<chatId>`
 * with `topics.<threadId>`; Discord `guilds.<guildId>.channels.<channelId>`; Slack `channels.<channelId>`.
 */
export function lookupGroup(channel: string, config: Record<string, unknown>, message: InboundMessage): GroupLookup {
  if (channel === 'discord') {
    const guilds = record(config['guilds']);
    const guildKey = message.guildId ?? '';
    const guild = entryOf(guilds?.[guildKey], 'users');
    const guildWildcard = entryOf(guilds?.['*'], 'users');
    const channels = record(record(guilds?.[guildKey])?.['channels']);
    const chat = entryOf(channels?.[message.chat.id], 'users');
    const channelWildcard = entryOf(channels?.['*'], 'users');
    // A guild that lists channels allows only those (or its `*`); a guild without a channel list allows all of it.
    const listedGuild = guild !== undefined && (channels === undefined || chat !== undefined || channelWildcard !== undefined);
    return {
      hasGroups: guilds !== undefined && Object.keys(guilds).length > 0,
      ...(listedGuild ? { entry: merge(merge(guild, channelWildcard), chat) as GroupEntry } : {}),
      ...(guildWildcard ? { wildcard: guildWildcard } : {}),
      fallbackToAllowFrom: false,
    };
  }
  if (channel === 'slack') {
    const channels = record(config['channels']);
    const byName = message.chat.title ? channels?.[`#${message.chat.title}`] : undefined;
    const chat = entryOf(channels?.[message.chat.id] ?? byName, 'users');
    const wildcard = entryOf(channels?.['*'], 'users');
    return {
      hasGroups: channels !== undefined && Object.keys(channels).length > 0,
      ...(chat ? { entry: chat } : {}),
      ...(wildcard ? { wildcard } : {}),
      fallbackToAllowFrom: false,
    };
  }
  const groups = record(config['groups']);
  const group = entryOf(groups?.[message.chat.id], 'allowFrom');
  const topics = record(record(groups?.[message.chat.id])?.['topics']);
  const topic = message.threadId !== undefined ? entryOf(topics?.[message.threadId], 'allowFrom') : undefined;
  const wildcard = entryOf(groups?.['*'], 'allowFrom');
  return {
    hasGroups: groups !== undefined && Object.keys(groups).length > 0,
    ...(group ? { entry: merge(group, topic) as GroupEntry } : {}),
    ...(wildcard ? { wildcard } : {}),
    fallbackToAllowFrom: true,
  };
}
