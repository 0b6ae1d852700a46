import { lstat, readFile } from 'node:fs/promises';
import { ChannelError, ConfigError } from '@rusty-claw/plugin-sdk';
import { telegramConfigSchema, type TelegramAccountConfig, type TelegramConfig, type TelegramSecretInput } from './telegram-config-schema.js';

export interface ResolvedTelegramAccount {
  accountId: string;
  config: TelegramAccountConfig;
}

type Env = Record<string, string | undefined>;

/**
 * The accounts of a validated `channels.telegram`, as OpenClaw resolves them: the top level is the `default` account;
 * each `accounts.<id>` inherits every top-level key it leaves unset (so a named account shares `allowFrom`, `groups`,
 * `apiRoot`, … unless it overrides them). `TELEGRAM_BOT_TOKEN` is a fallback for the default account only.
 * Disabled accounts are returned with `enabled: false`; the caller skips them.
 */
export function resolveTelegramAccounts(config: TelegramConfig, env: Env = process.env): ResolvedTelegramAccount[] {
  const { accounts, defaultAccount: _defaultAccount, ...base } = config;
  const resolved: ResolvedTelegramAccount[] = [];
  const named = Object.entries(accounts ?? {});
  const baseHasToken = base.botToken !== undefined || base.tokenFile !== undefined || Boolean(env['TELEGRAM_BOT_TOKEN']);
  if (named.length === 0 || (baseHasToken && !(accounts && 'default' in accounts))) {
    resolved.push({ accountId: 'default', config: withEnvToken(base, env) });
  }
  for (const [accountId, override] of named) {
    const defined = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
    const merged = { ...base, ...defined } as TelegramAccountConfig;
    resolved.push({ accountId, config: accountId === 'default' ? withEnvToken(merged, env) : merged });
  }
  return resolved.map((account) => (base.enabled === false ? { ...account, config: { ...account.config, enabled: false } } : account));
}

/** One account by id (`default` when omitted); throws a ChannelError naming the known ids otherwise. */
export function resolveTelegramAccount(config: TelegramConfig, accountId = config.defaultAccount ?? 'default', env: Env = process.env): ResolvedTelegramAccount {
  const accounts = resolveTelegramAccounts(config, env);
  const found = accounts.find((account) => account.accountId === accountId);
  if (!found) {
    throw new ChannelError('telegram', `telegram account "${accountId}" is not configured (known: ${accounts.map((account) => account.accountId).join(', ') || 'none'})`, {
      code: 'CHANNEL_CONFIG_INVALID',
    });
  }
  return found;
}

function withEnvToken(config: TelegramAccountConfig, env: Env): TelegramAccountConfig {
  if (config.botToken !== undefined || config.tokenFile !== undefined) return config;
  const token = env['TELEGRAM_BOT_TOKEN'];
  return token ? { ...config, botToken: token } : config;
}

/**
 * The bot token of an account: `botToken` (a string, or an env SecretRef resolved against `env`), else `tokenFile`
 * (a regular file; symlinks are refused as OpenClaw does, so a swapped link cannot redirect the read). Throws a
 * ChannelError with an actionable message when none is usable.
 */
export async function loadTelegramBotToken(config: TelegramAccountConfig, env: Env = process.env): Promise<string> {
  const fromInput = resolveSecretInput(config.botToken, 'botToken', env);
  if (fromInput) return fromInput;
  if (config.tokenFile !== undefined) {
    const stats = await lstat(config.tokenFile).catch((error: unknown) => {
      throw new ChannelError('telegram', `cannot read tokenFile ${config.tokenFile}: ${(error as Error).message}`, { code: 'CHANNEL_CONFIG_INVALID', cause: error });
    });
    if (!stats.isFile()) throw new ChannelError('telegram', `tokenFile ${config.tokenFile} must be a regular file (symlinks are refused)`, { code: 'CHANNEL_CONFIG_INVALID' });
    const token = (await readFile(config.tokenFile, 'utf8')).trim();
    if (token) return token;
    throw new ChannelError('telegram', `tokenFile ${config.tokenFile} is empty`, { code: 'CHANNEL_CONFIG_INVALID' });
  }
  throw new ChannelError('telegram', 'no Telegram bot token: set channels.telegram.botToken, tokenFile or TELEGRAM_BOT_TOKEN', { code: 'CHANNEL_CONFIG_INVALID' });
}

/** A secret field's value: a literal string, or an env SecretRef looked up in `env`. */
export function resolveSecretInput(input: TelegramSecretInput | undefined, field: string, env: Env = process.env): string | undefined {
  if (input === undefined) return undefined;
  if (typeof input === 'string') return input.trim() === '' ? undefined : input.trim();
  if (input.source !== 'env') {
    throw new ChannelError('telegram', `${field}: SecretRef source "${input.source}" is not supported; use {source: "env", provider: "default", id: "VAR"}`, {
      code: 'CHANNEL_CONFIG_INVALID',
    });
  }
  const value = env[input.id];
  if (!value) throw new ChannelError('telegram', `${field}: environment variable ${input.id} is missing or empty`, { code: 'CHANNEL_CONFIG_INVALID' });
  return value;
}

/**
 * The config of one account from what a ChannelFactory receives: `channels.telegram` (validated here again, so raw
 * input is fine; with `accounts` the account `accountId` is picked) or one account's own flat config.
 */
export function telegramAccountConfigFrom(config: unknown, accountId: string, env: Env = process.env): TelegramAccountConfig {
  const parsed = telegramConfigSchema.safeParse(config ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: ['channels', 'telegram', ...issue.path.map(String)].join('.'), message: issue.message }));
    throw new ConfigError(`invalid channels.telegram config: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, { issues });
  }
  // A flat config (no `accounts`) is this account's own config, whatever its id; the env token is the default's only.
  if (parsed.data.accounts === undefined) return (resolveTelegramAccounts(parsed.data, accountId === 'default' ? env : {})[0] as ResolvedTelegramAccount).config;
  return resolveTelegramAccount(parsed.data, accountId, env).config;
}
