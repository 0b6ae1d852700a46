import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Environment lookups used by the path helpers (a plain `process.env`-shaped record). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The config file name inside the state directory. */
export const CONFIG_FILE_NAME = 'rusty-claw.json';

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Expands a leading `~` (shells do this, but values from env files and flags may still carry it). */
function expandHome(path: string, env: Env): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  const home = nonEmpty(env['HOME']) ?? homedir();
  return join(home, path.slice(1));
}

/** `RUSTY_CLAW_STATE_DIR` or `~/.rusty-claw`, as an absolute path. */
export function resolveStateDir(env: Env = process.env): string {
  const explicit = nonEmpty(env['RUSTY_CLAW_STATE_DIR']);
  if (explicit !== undefined) return resolve(expandHome(explicit, env));
  return join(nonEmpty(env['HOME']) ?? homedir(), '.rusty-claw');
}

export interface ResolveConfigPathOptions {
  /** Defaults to {@link resolveStateDir}(env). */
  stateDir?: string | undefined;
  env?: Env | undefined;
  /** `--config` from the command line; wins over everything else. */
  explicit?: string | undefined;
}

/** `--config` ?? `RUSTY_CLAW_CONFIG_PATH` ?? `<stateDir>/rusty-claw.json`, as an absolute path. */
export function resolveConfigPath(options: ResolveConfigPathOptions = {}): string {
  const env = options.env ?? process.env;
  const chosen = nonEmpty(options.explicit) ?? nonEmpty(env['RUSTY_CLAW_CONFIG_PATH']);
  if (chosen !== undefined) return resolve(expandHome(chosen, env));
  return join(options.stateDir ?? resolveStateDir(env), CONFIG_FILE_NAME);
}
