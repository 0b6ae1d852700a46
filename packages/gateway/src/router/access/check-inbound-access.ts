import type { InboundMessage } from '@rusty-claw/plugin-sdk';
import { allowsSender, buildAllowList } from './allow-list.js';
import { checkDiscordGroup } from './discord-group-access.js';
import { resolveAllowFrom, resolveDmPolicy } from './dm-settings.js';
import { checkSlackGroup } from './slack-group-access.js';
import { checkTelegramStyleGroup } from './telegram-group-access.js';

export { resolveAllowFrom, resolveDmPolicy, type DmPolicy } from './dm-settings.js';
export type { GroupPolicy } from './group-config.js';

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
  /**
   * The channel applied the platform's group allowlists and mention gating itself (`capabilities.groupAccess`):
   * group messages are then not checked again here, so one set of rules decides.
   */
  channelGatesGroups?: boolean;
}

/**
 * OpenClaw-compatible access control for one inbound message (docs/channels/pairing.md, groups.md, telegram.md,
 * discord.md, slack.md).
 *
 * Direct messages: `disabled` drops; `open` admits only when the allowlist holds `*` or the sender; `allowlist`
 * admits the configured senders; `pairing` admits configured and paired senders and answers anyone else with a code.
 * Pairing approvals count only under `pairing` (as OpenClaw: they never widen `allowlist` or `open`).
 *
 * Groups follow the platform's allowlist shape — Telegram-style `groups` (and every other channel), Discord `guilds`,
 * Slack `channels` — with mention gating (`requireMention`, default true). Pairing never admits anyone to a group.
 * Messages from bots are always dropped (no bot-to-bot loops).
 */
export function checkInboundAccess(input: InboundAccessInput): AccessDecision {
  const { channel, config, message } = input;
  if (message.sender.isBot === true) return { kind: 'drop', reason: 'sender-is-bot' };
  if (message.chat.type === 'direct') return checkDirect(input);
  if (input.channelGatesGroups === true) return { kind: 'allow' };
  if (channel === 'discord') return checkDiscordGroup(config, input.defaults, message);
  if (channel === 'slack') return checkSlackGroup(config, input.defaults, message);
  return checkTelegramStyleGroup(channel, config, input.defaults, message);
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
