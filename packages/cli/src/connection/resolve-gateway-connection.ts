import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, resolveConfigPath, resolveStateDir } from '@rusty-claw/core';
import { ConfigError, RustyClawError } from '@rusty-claw/plugin-sdk';
import { CliUsageError } from '../cli-usage-error.js';
import { asRecord, asNumber, asString } from '../render/read-fields.js';
import { isLoopbackHost, isLoopbackUrl } from './is-loopback-url.js';

export const DEFAULT_GATEWAY_PORT = 18789;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The flags every RPC command shares. */
export interface ConnectionOptions {
  url?: string;
  token?: string;
  password?: string;
  /** Milliseconds for connect and for the request. */
  timeout?: number;
  json?: boolean;
}

export type CredentialSource = 'flag' | 'env' | 'config' | 'token-file' | 'none';

/** Where and how to connect, after flags, environment, config and the token file were consulted. */
export interface GatewayConnection {
  url: string;
  token?: string;
  password?: string;
  timeoutMs: number;
  credentialSource: CredentialSource;
  /**
   * Plaintext `ws://` to another host is refused by the client unless RUSTY_CLAW_ALLOW_INSECURE_WS=1
   * (OpenClaw's CLI has the same break-glass switch): the secret would cross the network in clear.
   */
  allowInsecureRemote: boolean;
  /** Non-fatal problems to show the user (an unreadable config, plaintext ws:// off this machine). */
  warnings: string[];
}

/**
 * Resolves the URL and credentials of an RPC command (contract: `--url` default
 * `ws://127.0.0.1:<gateway.port or 18789>`, or `gateway.remote.url` when `gateway.mode` is "remote";
 * secret from `--token`/`--password`, then env, then config `gateway.auth` (remote mode:
 * `gateway.remote.*`), then `<stateDir>/credentials/gateway-token`). With an explicit non-loopback
 * `--url` only flags and env count: the local gateway's secret is never sent to another host implicitly.
 */
export async function resolveGatewayConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv): Promise<GatewayConnection> {
  const warnings: string[] = [];
  if (options.url !== undefined) validateUrl(options.url);
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const allowInsecureRemote = env['RUSTY_CLAW_ALLOW_INSECURE_WS'] === '1';
  const base = { timeoutMs, warnings, allowInsecureRemote };

  if (options.token !== undefined || options.password !== undefined) {
    const url = options.url ?? (await defaultUrl(env, warnings));
    addPlaintextWarning(url, allowInsecureRemote, warnings);
    return withCredentials({ ...base, url, credentialSource: 'flag' }, options.token, options.password);
  }

  const envToken = nonEmpty(env['RUSTY_CLAW_GATEWAY_TOKEN']) ?? nonEmpty(env['OPENCLAW_GATEWAY_TOKEN']);
  const envPassword = nonEmpty(env['RUSTY_CLAW_GATEWAY_PASSWORD']) ?? nonEmpty(env['OPENCLAW_GATEWAY_PASSWORD']);
  if (options.url !== undefined && !isLoopbackUrl(options.url)) {
    addPlaintextWarning(options.url, allowInsecureRemote, warnings);
    const source: CredentialSource = envToken !== undefined || envPassword !== undefined ? 'env' : 'none';
    return withCredentials({ ...base, url: options.url, credentialSource: source }, envToken, envPassword);
  }

  const stateDir = resolveStateDir(env);
  const config = await readConfigBestEffort(stateDir, env, warnings);

  // OpenClaw's client config: `gateway.mode: "remote"` + `gateway.remote.{url, token, password}`.
  // That gateway is another machine's, so the local auth and token file are never offered to it.
  const gateway = asRecord(config?.gateway);
  const remote = asString(gateway?.mode) === 'remote' ? asRecord(gateway?.remote) : undefined;
  const remoteUrl = options.url === undefined ? nonEmpty(asString(remote?.url)) : undefined;
  if (remoteUrl !== undefined) {
    validateUrl(remoteUrl, 'gateway.remote.url');
    addPlaintextWarning(remoteUrl, allowInsecureRemote, warnings);
    if (envToken !== undefined || envPassword !== undefined) {
      return withCredentials({ ...base, url: remoteUrl, credentialSource: 'env' }, envToken, envPassword);
    }
    const remoteToken = nonEmpty(asString(remote?.token));
    const remotePassword = nonEmpty(asString(remote?.password));
    const source: CredentialSource = remoteToken !== undefined || remotePassword !== undefined ? 'config' : 'none';
    return withCredentials({ ...base, url: remoteUrl, credentialSource: source }, remoteToken, remotePassword);
  }

  const url = options.url ?? urlFromConfig(config);
  addPlaintextWarning(url, allowInsecureRemote, warnings);
  if (envToken !== undefined || envPassword !== undefined) {
    return withCredentials({ ...base, url, credentialSource: 'env' }, envToken, envPassword);
  }

  const auth = asRecord(asRecord(config?.gateway)?.auth);
  const configToken = nonEmpty(asString(auth?.token));
  const configPassword = nonEmpty(asString(auth?.password));
  const mode = asString(auth?.mode);
  if (mode === 'password' && configPassword !== undefined) {
    return withCredentials({ ...base, url, credentialSource: 'config' }, undefined, configPassword);
  }
  if (configToken !== undefined || configPassword !== undefined) {
    return withCredentials({ ...base, url, credentialSource: 'config' }, configToken, configToken === undefined ? configPassword : undefined);
  }

  const fileToken = await readTokenFile(stateDir, warnings);
  if (fileToken !== undefined) return withCredentials({ ...base, url, credentialSource: 'token-file' }, fileToken, undefined);
  return { ...base, url, credentialSource: 'none' };
}

function withCredentials(connection: GatewayConnection, token: string | undefined, password: string | undefined): GatewayConnection {
  if (token !== undefined) return { ...connection, token };
  if (password !== undefined) return { ...connection, password };
  return connection;
}

function validateUrl(url: string, source = '--url'): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliUsageError(`${source} is not a URL: "${url}" (expected e.g. ws://127.0.0.1:18789)`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new CliUsageError(`${source} must start with ws:// or wss://, got "${url}"`);
  }
}

function addPlaintextWarning(url: string, allowed: boolean, warnings: string[]): void {
  if (allowed && url.startsWith('ws://') && !isLoopbackUrl(url)) {
    warnings.push(`warning: ${url} is plaintext ws:// to another host; the secret and all traffic are readable on the network (prefer wss://)`);
  }
}

async function defaultUrl(env: NodeJS.ProcessEnv, warnings: string[]): Promise<string> {
  const config = await readConfigBestEffort(resolveStateDir(env), env, warnings);
  const gateway = asRecord(config?.gateway);
  const remoteUrl = asString(gateway?.mode) === 'remote' ? nonEmpty(asString(asRecord(gateway?.remote)?.url)) : undefined;
  if (remoteUrl !== undefined) {
    validateUrl(remoteUrl, 'gateway.remote.url');
    return remoteUrl;
  }
  return urlFromConfig(config);
}

/** `ws://127.0.0.1:<port>`, or the configured custom bind host when the gateway is bound to one. */
function urlFromConfig(config: Record<string, unknown> | undefined): string {
  const gateway = asRecord(config?.gateway);
  const port = asNumber(gateway?.port) ?? DEFAULT_GATEWAY_PORT;
  const customHost = asString(gateway?.customBindHost);
  const useCustom = asString(gateway?.bind) === 'custom' && customHost !== undefined && customHost !== '0.0.0.0' && customHost !== '::';
  const host = useCustom && !isLoopbackHost(customHost) ? customHost : '127.0.0.1';
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The config only supplies defaults here, so a broken file must not stop `health` from working: it
 * becomes a warning (and `rusty-claw config validate` shows the details).
 */
async function readConfigBestEffort(stateDir: string, env: NodeJS.ProcessEnv, warnings: string[]): Promise<Record<string, unknown> | undefined> {
  const path = resolveConfigPath({ stateDir, env });
  try {
    const loaded = await loadConfig({ path, env });
    return asRecord(loaded.config);
  } catch (error) {
    if (!RustyClawError.isInstance(error)) throw error;
    const issues = ConfigError.isInstance(error) && error.issues.length > 0 ? `${error.issues.length} issue(s)` : (error.message.split('\n')[0] ?? error.code);
    warnings.push(`warning: ignoring the config at ${path} (${issues}); run: rusty-claw config validate`);
    return undefined;
  }
}

async function readTokenFile(stateDir: string, warnings: string[]): Promise<string | undefined> {
  const file = join(stateDir, 'credentials', 'gateway-token');
  try {
    return nonEmpty(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') warnings.push(`warning: cannot read ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
