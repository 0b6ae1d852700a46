import { arrayOrUndefined } from './allow-list.js';
import { record } from './group-config.js';

export type DmPolicy = 'pairing' | 'allowlist' | 'open' | 'disabled';

const DM_POLICIES = new Set<DmPolicy>(['pairing', 'allowlist', 'open', 'disabled']);

/**
 * Channels whose users the gateway already authenticated (WebChat connects with a scoped gateway token), so their
 * DMs are open unless the config says otherwise. Everything else defaults to OpenClaw's `pairing`.
 */
const DEFAULT_OPEN_DM_CHANNELS = new Set(['webchat']);

/** `dmPolicy` (or the legacy `dm.policy` of Discord and Slack), defaulting to OpenClaw's `pairing`. */
export function resolveDmPolicy(channel: string, config: Record<string, unknown>): DmPolicy {
  const raw = config['dmPolicy'] ?? record(config['dm'])?.['policy'];
  if (typeof raw === 'string' && DM_POLICIES.has(raw as DmPolicy)) return raw as DmPolicy;
  return DEFAULT_OPEN_DM_CHANNELS.has(channel) ? 'open' : 'pairing';
}

/** `allowFrom` (or the legacy `dm.allowFrom`). */
export function resolveAllowFrom(channel: string, config: Record<string, unknown>): unknown[] {
  const list = arrayOrUndefined(config['allowFrom']) ?? arrayOrUndefined(record(config['dm'])?.['allowFrom']);
  return list ?? (DEFAULT_OPEN_DM_CHANNELS.has(channel) ? ['*'] : []);
}
