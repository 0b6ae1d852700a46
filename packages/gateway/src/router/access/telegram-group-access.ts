import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import { allowsSender, arrayOrUndefined, buildAllowList } from './allow-list.js';
import type { AccessDecision } from './check-inbound-access.js';
import { booleanOf, disabled, groupPolicyOf, record } from './group-config.js';
import { resolveAllowFrom } from './dm-settings.js';

/**
 * Groups as OpenClaw's Telegram (and its generic channels) read them: `groupPolicy` (topic > group > account >
 * `channels.defaults` > `allowlist`) `disabled` drops; a configured `groups` map must name the chat (or `"*"`); a
 * group's (or topic's) own `allowFrom` is always enforced; under `allowlist` the sender must be in it, else
 * `groupAllowFrom`, else `allowFrom` — unless the chat itself is listed and no sender list exists (and a sender list
 * alone, without `groups`, admits those senders anywhere). Then `requireMention` (topic > group > `"*"` > account,
 * default true). Pairing approvals never count here.
 */
export function checkTelegramStyleGroup(channel: string, config: Record<string, unknown>, defaults: Record<string, unknown> | undefined, message: InboundMessage): AccessDecision {
  const groups = record(config['groups']);
  const hasGroups = groups !== undefined && Object.keys(groups).length > 0;
  const group = record(groups?.[message.chat.id]) ?? (groups?.[message.chat.id] === true ? {} : undefined);
  const topic = message.threadId === undefined ? undefined : record(record(group?.['topics'])?.[message.threadId]);
  const wildcard = record(groups?.['*']);
  if (disabled(group) || disabled(topic)) return { kind: 'drop', reason: 'group-disabled' };
  const policy =
    groupPolicyOf(topic?.['groupPolicy']) ?? groupPolicyOf(group?.['groupPolicy']) ?? groupPolicyOf(config['groupPolicy']) ?? groupPolicyOf(defaults?.['groupPolicy']) ?? 'allowlist';
  if (policy === 'disabled') return { kind: 'drop', reason: 'group-policy-disabled' };

  const own = arrayOrUndefined(topic?.['allowFrom']) ?? arrayOrUndefined(group?.['allowFrom']);
  const groupAllowFrom = arrayOrUndefined(config['groupAllowFrom']);
  const senders = buildAllowList(channel, own ?? (groupAllowFrom && groupAllowFrom.length > 0 ? groupAllowFrom : resolveAllowFrom(channel, config)));
  const allowlistEnabled = policy === 'allowlist' || hasGroups;
  const senderOnly = policy === 'allowlist' && !hasGroups && senders.hasEntries;
  if (allowlistEnabled && !group && !wildcard && !senderOnly) return { kind: 'drop', reason: 'group-not-allowed' };
  if (own !== undefined && !allowsSender(senders, message.sender.id)) return { kind: 'drop', reason: 'group-sender-not-allowed' };
  if (policy === 'allowlist') {
    const chatListed = group !== undefined;
    if (!chatListed && !senders.hasEntries) return { kind: 'drop', reason: 'group-allowlist-empty' };
    if (!((chatListed && !senders.hasEntries) || allowsSender(senders, message.sender.id))) return { kind: 'drop', reason: 'group-sender-not-allowed' };
  }
  const requireMention = booleanOf(topic?.['requireMention']) ?? booleanOf(group?.['requireMention']) ?? booleanOf(wildcard?.['requireMention']) ?? booleanOf(config['requireMention']) ?? true;
  if (requireMention && message.mentionsBot !== true) return { kind: 'drop', reason: 'not-mentioned' };
  return { kind: 'allow' };
}
