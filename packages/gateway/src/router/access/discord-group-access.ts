import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import type { AccessDecision } from './check-inbound-access.js';
import { booleanOf, disabled, groupPolicyOf, record } from './group-config.js';

function senderListed(entry: Record<string, unknown> | undefined, message: InboundMessage): boolean | undefined {
  const users = Array.isArray(entry?.['users']) ? (entry['users'] as unknown[]).map(String) : [];
  const roles = Array.isArray(entry?.['roles']) ? (entry['roles'] as unknown[]).map(String) : [];
  if (users.length === 0 && roles.length === 0) return undefined;
  return users.includes(message.sender.id) || (message.memberRoleIds ?? []).some((role) => roles.includes(role));
}

/**
 * Discord guild messages (OpenClaw's `channels.discord`): `groupPolicy` (default `allowlist`: the guild must be in
 * `guilds`, by id or `"*"`); a guild that lists `channels` allows only those (or its `"*"`); `enabled`/`allow: false`
 * switch one off; `users`/`roles` of the channel, else the guild, restrict senders; `requireMention` (channel →
 * guild, default true). Group DMs (no guild) are the channel's business (`dm.groupEnabled`) and pass here.
 */
export function checkDiscordGroup(config: Record<string, unknown>, defaults: Record<string, unknown> | undefined, message: InboundMessage): AccessDecision {
  if (message.guildId === undefined) return { kind: 'allow' };
  const policy = groupPolicyOf(config['groupPolicy']) ?? groupPolicyOf(defaults?.['groupPolicy']) ?? 'allowlist';
  if (policy === 'disabled') return { kind: 'drop', reason: 'group-policy-disabled' };
  const guilds = record(config['guilds']);
  const guild = record(guilds?.[message.guildId]) ?? record(guilds?.['*']);
  if (policy === 'allowlist' && !guild) return { kind: 'drop', reason: 'group-not-allowed' };
  const channels = record(guild?.['channels']);
  let channel: Record<string, unknown> | undefined;
  if (channels && Object.keys(channels).length > 0) {
    channel = record(channels[message.chat.id]) ?? record(channels['*']);
    if (!channel) return { kind: 'drop', reason: 'group-not-allowed' };
  }
  if (disabled(channel)) return { kind: 'drop', reason: 'group-disabled' };
  if ((senderListed(channel, message) ?? senderListed(guild, message)) === false) return { kind: 'drop', reason: 'group-sender-not-allowed' };
  const requireMention = booleanOf(channel?.['requireMention']) ?? booleanOf(guild?.['requireMention']) ?? true;
  if (requireMention && message.mentionsBot !== true) return { kind: 'drop', reason: 'not-mentioned' };
  return { kind: 'allow' };
}
