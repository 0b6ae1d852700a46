import type { SlackAccountConfig, SlackConfig } from './slack-config-schema.js';

export interface ResolvedSlackAccount {
  accountId: string;
  /** False when `enabled: false` at the top level or on the account. */
  enabled: boolean;
  config: SlackAccountConfig;
}

export const DEFAULT_SLACK_ACCOUNT_ID = 'default';

/**
 * OpenClaw's account rules for `channels.slack`: the ids are the keys of `accounts` (or just `default` when there
 * are none), and each account's settings are the top level (minus `accounts`/`defaultAccount`) shallowly overlaid
 * with its own entry, so a named account inherits e.g. `allowFrom` unless it sets its own.
 */
export function resolveSlackAccounts(config: SlackConfig): ResolvedSlackAccount[] {
  const { accounts, defaultAccount: _defaultAccount, ...base } = config;
  const ids = accounts === undefined || Object.keys(accounts).length === 0 ? [DEFAULT_SLACK_ACCOUNT_ID] : Object.keys(accounts).sort((a, b) => a.localeCompare(b));
  return ids.map((accountId) => {
    const merged: SlackAccountConfig = { ...base, ...accounts?.[accountId] };
    return { accountId, enabled: config.enabled !== false && merged.enabled !== false, config: merged };
  });
}

/** The account used when none is named: `defaultAccount` if it exists, else `default`, else the first id. */
export function defaultSlackAccountId(config: SlackConfig): string {
  const ids = resolveSlackAccounts(config).map((account) => account.accountId);
  if (config.defaultAccount !== undefined && ids.includes(config.defaultAccount)) return config.defaultAccount;
  if (ids.includes(DEFAULT_SLACK_ACCOUNT_ID)) return DEFAULT_SLACK_ACCOUNT_ID;
  return ids[0] ?? DEFAULT_SLACK_ACCOUNT_ID;
}
