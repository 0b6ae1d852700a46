import { LoadSecretError } from '@rusty-claw/plugin-sdk';
import type { DiscordAccountConfig, DiscordConfig, DiscordDmPolicy } from './discord-config-schema.js';

export const DEFAULT_DISCORD_ACCOUNT_ID = 'default';

export interface ResolvedDiscordAccount {
  accountId: string;
  enabled: boolean;
  /** The top-level keys with the account's own keys on top (OpenClaw's shallow account merge). */
  config: DiscordAccountConfig;
}

type Env = Record<string, string | undefined>;

/**
 * The accounts of a `channels.discord` section, as OpenClaw lists them: every `accounts.<id>` entry, plus the
 * top-level `default` account when there are no entries or when the top level carries its own token. Each
 * account inherits the top-level keys it does not set (so named accounts share `channels.discord.allowFrom`, but
 * never `accounts.default.*`).
 */
export function resolveDiscordAccounts(config: DiscordConfig): ResolvedDiscordAccount[] {
  const { accounts, defaultAccount: _defaultAccount, ...top } = config;
  const entries = Object.entries(accounts ?? {}).filter((entry): entry is [string, DiscordAccountConfig] => entry[1] !== undefined);
  const ids = entries.map(([id]) => id);
  if (ids.length === 0 || (top.token !== undefined && !ids.includes(DEFAULT_DISCORD_ACCOUNT_ID))) ids.push(DEFAULT_DISCORD_ACCOUNT_ID);
  return ids.sort().map((accountId) => {
    const own = entries.find(([id]) => id === accountId)?.[1] ?? {};
    const merged = { ...top, ...own } as DiscordAccountConfig;
    return { accountId, enabled: merged.enabled !== false, config: merged };
  });
}

/**
 * The bot token of an account: the config value (a string, or an env SecretRef read from `env`), else
 * `DISCORD_BOT_TOKEN` for the default account only (OpenClaw's rule). Throws LoadSecretError saying what to set.
 */
export function resolveDiscordToken(config: DiscordAccountConfig, accountId: string, env: Env = process.env): string {
  const token = config.token;
  if (typeof token === 'string') {
    const trimmed = token.trim().replace(/^Bot\s+/i, '');
    if (trimmed !== '') return trimmed;
    throw new LoadSecretError(`channels.discord${accountPath(accountId)}.token is empty; set the bot token from the Discord Developer Portal`);
  }
  if (token !== undefined) {
    if (token.source !== 'env') {
      throw new LoadSecretError(`channels.discord${accountPath(accountId)}.token: SecretRef source "${token.source}" is not supported yet; use an env SecretRef or a string`);
    }
    const value = env[token.id]?.trim();
    if (!value) throw new LoadSecretError(`channels.discord${accountPath(accountId)}.token: environment variable ${token.id} is missing or empty`);
    return value;
  }
  const fallback = accountId === DEFAULT_DISCORD_ACCOUNT_ID ? env['DISCORD_BOT_TOKEN']?.trim() : undefined;
  if (fallback) return fallback;
  throw new LoadSecretError(
    `no Discord bot token for account "${accountId}": set channels.discord${accountPath(accountId)}.token` +
      (accountId === DEFAULT_DISCORD_ACCOUNT_ID ? ' or DISCORD_BOT_TOKEN' : ''),
  );
}

/** The effective DM policy and allowlist (OpenClaw: `dmPolicy`/`allowFrom` win over legacy `dm.policy`/`dm.allowFrom`). */
export function resolveDiscordDmPolicy(config: DiscordAccountConfig): { policy: DiscordDmPolicy; allowFrom: string[] } {
  return { policy: config.dmPolicy ?? config.dm?.policy ?? 'pairing', allowFrom: config.allowFrom ?? config.dm?.allowFrom ?? [] };
}

function accountPath(accountId: string): string {
  return accountId === DEFAULT_DISCORD_ACCOUNT_ID ? '' : `.accounts.${accountId}`;
}
