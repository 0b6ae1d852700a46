import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import { allowsSender, buildAllowList } from './allow-list.js';
import type { AccessDecision } from './check-inbound-access.js';
import { booleanOf, disabled, groupPolicyOf, record } from './group-config.js';

/**
 * Slack channel messages (OpenClaw's `channels.slack`): `groupPolicy` (default `allowlist`: the channel must be in
 * `channels`, by id, `#name` or `"*"`); `allow`/`enabled: false` switch one off; its `users` restrict senders;
 * `requireMention` (channel → `"*"` → account, default true).
 */
export function checkSlackGroup(config: Record<string, unknown>, defaults: Record<string, unknown> | undefined, message: InboundMessage): AccessDecision {
  const policy = groupPolicyOf(config['groupPolicy']) ?? groupPolicyOf(defaults?.['groupPolicy']) ?? 'allowlist';
  if (policy === 'disabled') return { kind: 'drop', reason: 'group-policy-disabled' };
  const channels = record(config['channels']);
  const named = message.chat.title ? record(channels?.[`#${message.chat.title}`]) : undefined;
  const listed = record(channels?.[message.chat.id]) ?? named;
  const wildcard = record(channels?.['*']);
  const entry = listed ?? wildcard;
  if (policy === 'allowlist' && !entry) return { kind: 'drop', reason: 'group-not-allowed' };
  if (disabled(listed)) return { kind: 'drop', reason: 'group-disabled' };
  const users = Array.isArray(entry?.['users']) ? (entry['users'] as unknown[]) : undefined;
  if (users !== undefined && !allowsSender(buildAllowList('slack', users), message.sender.id)) return { kind: 'drop', reason: 'group-sender-not-allowed' };
  const requireMention = booleanOf(listed?.['requireMention']) ?? booleanOf(wildcard?.['requireMention']) ?? booleanOf(config['requireMention']) ?? true;
  if (requireMention && message.mentionsBot !== true) return { kind: 'drop', reason: 'not-mentioned' };
  return { kind: 'allow' };
}
