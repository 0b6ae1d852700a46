import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import { allowsSender, arrayOrUndefined, buildAllowList } from './allow-list.js';
import { lookupGroup } from './group-entry.js';

export type DmPolicy = 'pairing' | 'allowlist' | 'open' | 'disabled';
export type GroupPolicy = 'open' | 'allowlist' | 'disabled';

/** What to do with an inbound message: hand it to the agent, answer with a pairing code, or drop it (and why). */
export type AccessDecision = { kind: 'allow' } | { kind: 'pair' } | { kind: 'drop'; reason: string };

export interface InboundAccessInput {
  channel: string;
  /** The account's settings (`channels.<channel>` merged with `accounts.<id>`). */
  config: Record<string, unknown>;
  /** `channels.defaults` (OpenClaw: `groupPolicy` default for every channel). */
  defaults?: Record<string, unknown>;
  message: InboundMessage;
  /** Senders approved through DM pairing (`<channel>-allowFrom.json`); counted under `dmPolicy: pairing` only. */
  pairedSenders: readonly string[];
}

const DM_POLICIES = new Set<DmPolicy>(['pairing', 'allowlist', 'open', 'disabled']);
const GROUP_POLICIES = new Set<GroupPolicy>(['open', 'allowlist', 'disabled']);

/**
 * Channels whose users the gateway already authenticated (WebChat connects with a scoped gateway token), so their
 * DMs are open unless the config says otherwise. Everything else defaults to OpenClaw's `pairing`.
 */
const DEFAULT_OPEN_DM_CHANNELS = new Set(['webchat']);

function sub(config: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = config[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `dmPolicy` (or the legacy `dm.policy` of Discord and Slack), defaulting to OpenClaw's `pairing`. */
export function resolveDmPolicy(channel: string, config: Record<string, unknown>): DmPolicy {
  const raw = config['dmPolicy'] ?? sub(config, 'dm')?.['policy'];
  if (typeof raw === 'string' && DM_POLICIES.has(raw as DmPolicy)) return raw as DmPolicy;
  return DEFAULT_OPEN_DM_CHANNELS.has(channel) ? 'open' : 'pairing';
}

/** `allowFrom` (or the legacy `dm.allowFrom`). */
export function resolveAllowFrom(channel: string, config: Record<string, unknown>): unknown[] {
  const list = arrayOrUndefined(config['allowFrom']) ?? arrayOrUndefined(sub(config, 'dm')?.['allowFrom']);
  return list ?? (DEFAULT_OPEN_DM_CHANNELS.has(channel) ? ['*'] : []);
}

function groupPolicyOf(value: unknown): GroupPolicy | undefined {
  return typeof value === 'string' && GROUP_POLICIES.has(value as GroupPolicy) ? (value as GroupPolicy) : undefined;
}

/**
 * OpenClaw-compatible access control for one inbound message (docs/channels/pairing.md, groups.md, telegram.md).
 *
 * Direct messages: `disabled` drops; `open` admits only when the allowlist holds `*` or the sender; `allowlist`
 * admits the configured senders; `pairing` admits configured and paired senders and answers anyone else with a code.
 * Pairing approvals count only under `pairing` (as OpenClaw: they never widen `allowlist` or `open`).
 *
 * Groups: `groupPolicy` (topic > group > account > `channels.defaults` > `allowlist`) `disabled` drops; a configured
 * group allowlist must name the chat (or `*`); under `allowlist` the sender must be in the group's own list, else
 * `groupAllowFrom`, else (Telegram) `allowFrom` — unless the chat itself is listed and no sender list exists. Pairing
 * never admits anyone to a group. Then mention gating: `requireMention` (topic > group > `*` > account) defaults to
 * true, so an unmentioned group message is dropped.
 */
export function checkInboundAccess(input: InboundAccessInput): AccessDecision {
  const { channel, config, message } = input;
  if (message.sender.isBot === true) return { kind: 'drop', reason: 'sender-is-bot' };
  if (message.chat.type === 'direct') return checkDirect(input);

  const group = lookupGroup(channel, config, message);
  if (group.entry?.enabled === false) return { kind: 'drop', reason: 'group-disabled' };
  const groupPolicy =
    groupPolicyOf(group.entry?.groupPolicy) ?? groupPolicyOf(config['groupPolicy']) ?? groupPolicyOf(input.defaults?.['groupPolicy']) ?? 'allowlist';
  if (groupPolicy === 'disabled') return { kind: 'drop', reason: 'group-policy-disabled' };

  const groupAllowFrom = arrayOrUndefined(config['groupAllowFrom']);
  const senderList = group.entry?.allowFrom ?? (groupAllowFrom && groupAllowFrom.length > 0 ? groupAllowFrom : group.fallbackToAllowFrom ? resolveAllowFrom(channel, config) : []);
  const senders = buildAllowList(channel, senderList);
  const allowlistEnabled = groupPolicy === 'allowlist' || group.hasGroups;
  // OpenClaw lets `groupPolicy: allowlist` with only a sender list (no group list) admit those senders anywhere.
  const senderOnly = groupPolicy === 'allowlist' && !group.hasGroups && senders.hasEntries;
  const chatListed = !allowlistEnabled || group.entry !== undefined || group.wildcard !== undefined || senderOnly;
  if (!chatListed) return { kind: 'drop', reason: 'group-not-allowed' };

  // A group's own sender list is enforced whatever the policy.
  if (group.entry?.allowFrom !== undefined && !allowsSender(senders, message.sender.id)) return { kind: 'drop', reason: 'group-sender-not-allowed' };
  if (groupPolicy === 'allowlist') {
    const chatExplicit = group.entry !== undefined;
    if (!chatExplicit && !senders.hasEntries) return { kind: 'drop', reason: 'group-allowlist-empty' };
    const admitted = (chatExplicit && !senders.hasEntries) || allowsSender(senders, message.sender.id);
    if (!admitted) return { kind: 'drop', reason: 'group-sender-not-allowed' };
  }

  const requireMention = group.entry?.requireMention ?? group.wildcard?.requireMention ?? (typeof config['requireMention'] === 'boolean' ? config['requireMention'] : true);
  if (requireMention && message.mentionsBot !== true) return { kind: 'drop', reason: 'not-mentioned' };
  return { kind: 'allow' };
}

function checkDirect(input: InboundAccessInput): AccessDecision {
  const dmPolicy = resolveDmPolicy(input.channel, input.config);
  if (dmPolicy === 'disabled') return { kind: 'drop', reason: 'dm-disabled' };
  const configured = resolveAllowFrom(input.channel, input.config);
  const list = buildAllowList(input.channel, configured, dmPolicy === 'pairing' ? input.pairedSenders : []);
  if (allowsSender(list, input.message.sender.id)) return { kind: 'allow' };
  if (dmPolicy === 'pairing') return { kind: 'pair' };
  return { kind: 'drop', reason: dmPolicy === 'open' ? 'dm-open-not-allowlisted' : 'dm-not-allowlisted' };
}
