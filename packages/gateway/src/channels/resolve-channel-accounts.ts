import { normalizeAccountId, type RustyClawConfig } from '@rusty-claw/core';

/** One account of a configured channel, with its settings as the channel factory receives them. */
export interface ChannelAccountConfig {
  channel: string;
  accountId: string;
  /** `channels.<channel>` without `accounts`, overlaid with `accounts.<accountId>`. */
  config: Record<string, unknown>;
  /** False when the channel or the account says `enabled: false`. */
  enabled: boolean;
  /** `name` of the account, when set (shown by `channels.status`). */
  name?: string;
}

/** Keys under `channels` that are not channels (OpenClaw's shared defaults). */
const RESERVED_CHANNEL_KEYS = new Set(['defaults']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Names of the channels the config has a block for, in config order. */
export function configuredChannelNames(config: RustyClawConfig): string[] {
  return Object.keys(config.channels ?? {}).filter((name) => !RESERVED_CHANNEL_KEYS.has(name) && record(config.channels?.[name]) !== undefined);
}

/**
 * The accounts of one channel, as OpenClaw reads them: with `accounts.<id>` entries, one account per entry, each
 * inheriting the channel-level keys (allowlists, policies, tokens) it does not set itself; without, a single
 * `default` account made of the channel block.
 */
export function resolveChannelAccounts(config: RustyClawConfig, channel: string): ChannelAccountConfig[] {
  const block = record(config.channels?.[channel]);
  if (!block) return [];
  const { accounts, ...shared } = block;
  const channelEnabled = shared['enabled'] !== false;
  const entries = Object.entries(record(accounts) ?? {}).filter(([, value]) => record(value) !== undefined);
  if (entries.length === 0) return [account(channel, 'default', shared, channelEnabled)];
  const seen = new Set<string>();
  const result: ChannelAccountConfig[] = [];
  for (const [rawId, value] of entries) {
    const accountId = normalizeAccountId(rawId);
    if (seen.has(accountId)) continue;
    seen.add(accountId);
    const merged = { ...shared, ...(value as Record<string, unknown>) };
    result.push(account(channel, accountId, merged, channelEnabled && merged['enabled'] !== false));
  }
  return result;
}

function account(channel: string, accountId: string, config: Record<string, unknown>, enabled: boolean): ChannelAccountConfig {
  const name = typeof config['name'] === 'string' && config['name'].trim() ? config['name'].trim() : undefined;
  return { channel, accountId, config, enabled, ...(name === undefined ? {} : { name }) };
}
