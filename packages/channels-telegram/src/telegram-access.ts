import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import type { TelegramAccountConfig, TelegramGroupConfig } from './telegram-config-schema.js';

export type TelegramAccessDecision = { allowed: true } | { allowed: false; reason: string };

type TopicConfig = NonNullable<TelegramGroupConfig['topics']>[string];

/** OpenClaw's allowFrom entries: numeric user ids, `telegram:`/`tg:` prefixes accepted, `*` for anyone. */
export function normalizeTelegramAllowFrom(entries: ReadonlyArray<string | number> | undefined): string[] {
  return (entries ?? [])
    .map((entry) => String(entry).trim().replace(/^(telegram|tg):/i, ''))
    .filter((entry) => entry === '*' || /^-?\d+$/.test(entry)); // @usernames are ignored for authorization, as in OpenClaw
}

/**
 * Telegram's group rules, applied before a message reaches the gateway (OpenClaw semantics, as documented in its
 * `docs/channels/telegram.md`):
 * - which groups: with `groups` configured, only listed chat ids (or `"*"`); without, `groupPolicy: "open"` lets any
 *   group through and the default `"allowlist"` blocks all; a group or topic with `enabled: false` is off;
 * - which senders: `groupPolicy` (topic → group → account; default `allowlist`): `disabled` blocks, `open` lets
 *   anyone, `allowlist` needs the sender in the topic's, group's, `groupAllowFrom` or (fallback) `allowFrom` list;
 * - mention gating: `requireMention` (topic → group → `groups["*"]`, default true) needs `mentionsBot` (an
 *   @mention, a bot command for this bot, or a reply to the bot).
 * Direct messages are only refused here when `dmPolicy` is `disabled`: pairing and DM allowlists need the pairing
 * store, so the gateway router applies them.
 */
export function evaluateTelegramAccess(config: TelegramAccountConfig, message: InboundMessage): TelegramAccessDecision {
  if (message.chat.type === 'direct') {
    return config.dmPolicy === 'disabled' ? { allowed: false, reason: 'direct messages are disabled (dmPolicy)' } : { allowed: true };
  }
  const groups = config.groups ?? {};
  const hasGroups = Object.keys(groups).length > 0;
  const group: TelegramGroupConfig | undefined = groups[message.chat.id] ?? groups['*'];
  const wildcard = groups['*'];
  if (hasGroups && !group) return { allowed: false, reason: `group ${message.chat.id} is not in channels.telegram.groups` };
  if (!hasGroups && (config.groupPolicy ?? 'allowlist') !== 'open') {
    return { allowed: false, reason: 'no groups are allowed (add the chat id or "*" to channels.telegram.groups, or set groupPolicy "open")' };
  }
  const topic: TopicConfig | undefined = message.threadId === undefined ? undefined : group?.topics?.[message.threadId];
  if (group?.enabled === false || topic?.enabled === false) return { allowed: false, reason: `group ${message.chat.id}${topic ? ` topic ${message.threadId}` : ''} is disabled` };

  const policy = topic?.groupPolicy ?? group?.groupPolicy ?? config.groupPolicy ?? 'allowlist';
  if (policy === 'disabled') return { allowed: false, reason: 'group messages are disabled (groupPolicy)' };
  if (policy === 'allowlist') {
    const list = normalizeTelegramAllowFrom(topic?.allowFrom ?? group?.allowFrom ?? config.groupAllowFrom ?? config.allowFrom);
    if (!list.includes('*') && !list.includes(message.sender.id)) return { allowed: false, reason: `sender ${message.sender.id} is not in the group allowlist` };
  }
  const requireMention = topic?.requireMention ?? group?.requireMention ?? wildcard?.requireMention ?? true;
  if (requireMention && message.mentionsBot !== true) return { allowed: false, reason: 'the bot was not mentioned (requireMention)' };
  return { allowed: true };
}
