import { resolveConfigPath, resolveStateDir } from '@rusty-claw/core';

/** The config file a `config` subcommand works on: `--config`, else RUSTY_CLAW_CONFIG_PATH, else `<stateDir>/rusty-claw.json`. */
export function resolveConfigFile(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolveConfigPath({ stateDir: resolveStateDir(env), env, explicit });
}
