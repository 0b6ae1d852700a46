/** Reads a config value as a plain object, else undefined (config blocks are read leniently). */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export type GroupPolicy = 'open' | 'allowlist' | 'disabled';

const GROUP_POLICIES = new Set<GroupPolicy>(['open', 'allowlist', 'disabled']);

export function groupPolicyOf(value: unknown): GroupPolicy | undefined {
  return typeof value === 'string' && GROUP_POLICIES.has(value as GroupPolicy) ? (value as GroupPolicy) : undefined;
}

/** `enabled: false` (or Slack/Discord's `allow: false`) switches an entry off. */
export function disabled(entry: Record<string, unknown> | undefined): boolean {
  return entry?.['enabled'] === false || entry?.['allow'] === false;
}

export function booleanOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
