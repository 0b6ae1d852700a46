/** Top-level (and per-account) keys of OpenClaw's `channels.slack` that Rusty Claw accepts but does not act on yet. */
export const SLACK_UNSUPPORTED_KEYS = [
  'userToken',
  'userTokenReadOnly',
  'capabilities',
  'execApprovals',
  'markdown',
  'commands',
  'configWrites',
  'dangerouslyAllowNameMatching',
  'contextVisibility',
  'historyLimit',
  'dmHistoryLimit',
  'dms',
  'streaming',
  'reactionNotifications',
  'reactionAllowlist',
  'replyToMode',
  'replyToModeByChatType',
  'thread',
  'actions',
  'slashCommand',
  'defaultTo',
  'heartbeat',
  'healthMonitor',
  'responsePrefix',
  'ackReaction',
] as const;

const UNSUPPORTED_DM_KEYS = ['groupEnabled', 'groupChannels', 'replyToMode'] as const;
const UNSUPPORTED_CHANNEL_KEYS = ['tools', 'toolsBySender', 'skills', 'systemPrompt'] as const;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function scan(section: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const key of SLACK_UNSUPPORTED_KEYS) if (section[key] !== undefined) out.push(`${prefix}${key}`);
  const dm = record(section['dm']);
  if (dm) for (const key of UNSUPPORTED_DM_KEYS) if (dm[key] !== undefined) out.push(`${prefix}dm.${key}`);
  const channels = record(section['channels']);
  for (const [id, entry] of Object.entries(channels ?? {})) {
    const channel = record(entry);
    if (channel) for (const key of UNSUPPORTED_CHANNEL_KEYS) if (channel[key] !== undefined) out.push(`${prefix}channels.${id}.${key}`);
  }
}

/**
 * Dotted paths (relative to `channels.slack`) of the keys in `config` that OpenClaw understands and Rusty Claw
 * accepts but ignores for now, so the gateway can say so instead of silently doing nothing. Pass the config as
 * written (before defaults are applied).
 */
export function unsupportedKeys(config: unknown): string[] {
  const root = record(config);
  if (!root) return [];
  const out: string[] = [];
  scan(root, '', out);
  for (const [id, account] of Object.entries(record(root['accounts']) ?? {})) {
    const section = record(account);
    if (section) scan(section, `accounts.${id}.`, out);
  }
  return out;
}
