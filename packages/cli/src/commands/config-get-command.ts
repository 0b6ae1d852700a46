import { getAtPath, loadConfig, redactConfig } from '@rusty-claw/core';
import type { CommandContext } from '../cli-deps.js';
import { ExitCodes } from '../exit-codes.js';
import { reportError } from '../report-error.js';
import { resolveConfigFile } from './resolve-config-file.js';

export interface ConfigGetOptions {
  /** Dotted key path; the whole config when absent. */
  path?: string;
  config?: string;
  json?: boolean;
}

/**
 * `config get [path]`: the value as written in the file (with `${VAR}` references kept, secrets
 * redacted); when the file does not set it, the default that applies, marked as such on stderr.
 */
export async function configGetCommand(options: ConfigGetOptions, context: CommandContext): Promise<number> {
  const file = resolveConfigFile(options.config, context.env);
  try {
    const loaded = await loadConfig({ path: file, env: context.env });
    const written = redactConfig(loaded.parsed ?? {});
    const effective = redactConfig(loaded.config);
    if (!loaded.exists) context.stderr.write(`No config file at ${file}; showing the defaults.\n`);
    let value: unknown;
    if (options.path === undefined || options.path === '') {
      value = loaded.exists ? written : effective;
    } else {
      value = getAtPath(written, options.path);
      if (value === undefined) {
        value = getAtPath(effective, options.path);
        if (value === undefined) {
          context.stderr.write(`Config path not found: ${options.path} (in ${file})\n`);
          return ExitCodes.failure;
        }
        if (loaded.exists) context.stderr.write(`(${options.path} is not set in ${file}; this is the default)\n`);
      }
    }
    context.stdout.write(`${typeof value === 'string' && options.json !== true ? value : JSON.stringify(value, null, 2)}\n`);
    return ExitCodes.ok;
  } catch (error) {
    return reportError(error, { ...context, json: options.json === true });
  }
}
