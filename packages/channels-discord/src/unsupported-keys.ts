import { DISCORD_UNSUPPORTED_ACCOUNT_KEYS } from './discord-config-schema.js';

const GUILD_UNSUPPORTED = ['tools', 'toolsBySender', 'reactionNotifications'] as const;
const GUILD_CHANNEL_UNSUPPORTED = [
  'tools', 'toolsBySender', 'skills', 'systemPrompt', 'includeThreadStarter', 'autoThread', 'autoThreadName', 'autoArchiveDuration',
] as const;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function present(object: Record<string, unknown>, keys: readonly string[], prefix: string, out: string[]): void {
  for (const key of keys) if (object[key] !== undefined) out.push(`${prefix}${key}`);
}

function account(object: Record<string, unknown>, prefix: string, out: string[]): void {
  present(object, DISCORD_UNSUPPORTED_ACCOUNT_KEYS, prefix, out);
  for (const [guildId, guild] of Object.entries(record(object['guilds']) ?? {})) {
    const guildRecord = record(guild);
    if (!guildRecord) continue;
    present(guildRecord, GUILD_UNSUPPORTED, `${prefix}guilds.${guildId}.`, out);
    for (const [channelId, channel] of Object.entries(record(guildRecord['channels']) ?? {})) {
      const channelRecord = record(channel);
      if (channelRecord) present(channelRecord, GUILD_CHANNEL_UNSUPPORTED, `${prefix}guilds.${guildId}.channels.${channelId}.`, out);
    }
  }
}

/**
 * The OpenClaw keys set in a `channels.discord` section (or one account of it) that Rusty Claw accepts but does
 * not act on yet, as dotted paths relative to the section (e.g. `streaming`, `accounts.work.voice`,
 * `guilds.123.channels.general.systemPrompt`). The gateway logs them once at start-up so nothing is silently ignored.
 */
export function unsupportedKeys(config: unknown): string[] {
  const root = record(config);
  if (!root) return [];
  const out: string[] = [];
  account(root, '', out);
  for (const [accountId, entry] of Object.entries(record(root['accounts']) ?? {})) {
    const entryRecord = record(entry);
    if (entryRecord) account(entryRecord, `accounts.${accountId}.`, out);
  }
  return out.sort();
}
