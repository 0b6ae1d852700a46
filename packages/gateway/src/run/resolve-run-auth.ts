import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import type { ResolvedAuth } from '../gateway-options.js';
import { isLoopbackHost } from '../server/network-locality.js';
import { readOrCreateGatewayToken } from './gateway-token-file.js';

export type SecretSource = 'flag' | 'env' | 'config' | 'generated' | 'token-file';

export interface RunAuth {
  auth: ResolvedAuth;
  /** Where the secret came from; `generated`/`token-file` and `flag` tokens go into the Control UI URL. */
  source: SecretSource | 'none';
  /** Set when the token file's mode had to be tightened (printed as a warning). */
  tokenFileTightened?: string;
}

export interface ResolveRunAuthOptions {
  flags: { token?: string | undefined; password?: string | undefined };
  env: NodeJS.ProcessEnv;
  /** Config `gateway.auth` after validation (mode already resolved by the schema). */
  config: { mode: 'none' | 'token' | 'password'; token?: string | undefined; password?: string | undefined };
  /** Whether the config file set `gateway.auth.mode` itself (rather than the schema's default). */
  modeExplicit: boolean;
  stateDir: string;
  host: string;
}

/**
 * Gateway auth for `gateway run`: secret from flag > env (`RUSTY_CLAW_GATEWAY_TOKEN` /
 * `OPENCLAW_GATEWAY_TOKEN`, `..._PASSWORD`) > config > a token generated once in the state dir. Checks
 * "no auth only on loopback" *before* anything is written, so a refused start changes nothing on disk.
 */
export async function resolveRunAuth(options: ResolveRunAuthOptions): Promise<RunAuth> {
  const { flags, env, config } = options;
  if (flags.token !== undefined && flags.password !== undefined) {
    throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', 'pass either --token or --password, not both');
  }
  const envToken = nonEmpty(env['RUSTY_CLAW_GATEWAY_TOKEN']) ?? nonEmpty(env['OPENCLAW_GATEWAY_TOKEN']);
  const envPassword = nonEmpty(env['RUSTY_CLAW_GATEWAY_PASSWORD']) ?? nonEmpty(env['OPENCLAW_GATEWAY_PASSWORD']);
  const configToken = nonEmpty(config.token);
  const configPassword = nonEmpty(config.password);

  let mode: ResolvedAuth['mode'];
  if (flags.password !== undefined) mode = 'password';
  else if (flags.token !== undefined) mode = 'token';
  else if (options.modeExplicit) mode = config.mode;
  else if (envToken !== undefined) mode = 'token';
  else if (envPassword !== undefined || configPassword !== undefined) mode = 'password';
  else mode = 'token';

  if (mode === 'none') {
    if (!isLoopbackHost(options.host)) {
      throw new GatewayOptionsError(
        'GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK',
        `refusing to listen on ${options.host} without auth: gateway.auth.mode is "none", which is only allowed on a loopback bind. ` +
          'Remove gateway.auth.mode (a token is then generated), pass --token/--password, or use --bind loopback.',
      );
    }
    return { auth: { mode: 'none' }, source: 'none' };
  }

  if (mode === 'password') {
    const [password, source] = firstOf([flags.password, 'flag'], [envPassword, 'env'], [configPassword, 'config']);
    if (password === undefined) {
      throw new GatewayOptionsError(
        'GATEWAY_AUTH_SECRET_MISSING',
        'gateway.auth.mode is "password" but no password is set: pass --password, set RUSTY_CLAW_GATEWAY_PASSWORD, or set gateway.auth.password',
      );
    }
    return { auth: { mode: 'password', password }, source };
  }

  const [token, source] = firstOf([flags.token, 'flag'], [envToken, 'env'], [configToken, 'config']);
  if (token !== undefined) return { auth: { mode: 'token', token }, source };
  const stored = await readOrCreateGatewayToken(options.stateDir);
  const result: RunAuth = { auth: { mode: 'token', token: stored.token }, source: stored.created ? 'generated' : 'token-file' };
  if (stored.tightened === true) result.tokenFileTightened = stored.file;
  return result;
}

function firstOf(...candidates: Array<[string | undefined, SecretSource]>): [string | undefined, SecretSource] {
  for (const [value, source] of candidates) if (value !== undefined && value !== '') return [value, source];
  return [undefined, 'config'];
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
