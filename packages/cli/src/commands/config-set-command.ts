import { readFile } from 'node:fs/promises';
import { isSensitivePath, loadConfig, parsePath, resolveIncludes, setAtPath, validateConfig, writeConfigFile } from '@rusty-claw/core';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import type { CommandContext } from '../cli-deps.js';
import { CliUsageError } from '../cli-usage-error.js';
import { ExitCodes } from '../exit-codes.js';
import { parseJson5Value } from '../parse/parse-json5-value.js';
import { formatConfigError } from '../render/format-config-issues.js';
import { reportError } from '../report-error.js';
import { resolveConfigFile } from './resolve-config-file.js';

export interface ConfigSetOptions {
  path: string;
  /** The value as typed: JSON5 (or a bare word, taken as a string, unless strictJson). */
  value: string;
  config?: string;
  strictJson?: boolean;
  dryRun?: boolean;
}

/**
 * `config set <path> <value>`: edits the stored form of the file (`${VAR}` references stay as
 * written), validates the result like the gateway would, and only then writes it atomically (mode
 * 0600). An invalid result is refused with every issue and the file is left untouched. A file that
 * is invalid *now* can still be repaired by a set whose result is valid.
 */
export async function configSetCommand(options: ConfigSetOptions, context: CommandContext): Promise<number> {
  const file = resolveConfigFile(options.config, context.env);
  try {
    const value = await parseValue(options.value, options.strictJson === true);
    let segments;
    try {
      segments = parsePath(options.path);
    } catch (error) {
      throw new CliUsageError((error as Error).message, { cause: error });
    }
    if (segments.length === 0) throw new CliUsageError('config set needs a key path, e.g. gateway.port');

    const stored = await readStoredConfig(file, context);
    let next: Record<string, unknown>;
    try {
      next = setAtPath(stored, segments, value);
    } catch (error) {
      throw new CliUsageError(`cannot set ${options.path}: ${(error as Error).message}`, { cause: error });
    }
    // The writer's environment may lack the gateway's secrets, so an unset ${VAR} is not an error here.
    const validated = validateConfigOrReport(next, file, context);
    if (validated === undefined) return ExitCodes.failure;

    const shown = isSensitivePath(segments) ? '(secret, not shown)' : JSON.stringify(value);
    if (options.dryRun === true) {
      context.stdout.write(`Dry run: ${options.path} = ${shown} would be valid; ${file} was not changed.\n`);
      return ExitCodes.ok;
    }
    await writeConfigFile(file, next, { env: context.env, previous: stored });
    context.stdout.write(`Set ${options.path} = ${shown} in ${file}\n`);
    for (const key of validated.unsupported) {
      context.stderr.write(`warning: ${key} is an OpenClaw setting Rusty Claw does not support yet; it is ignored\n`);
    }
    return ExitCodes.ok;
  } catch (error) {
    if (ConfigError.isInstance(error)) {
      for (const line of formatConfigError(error)) context.stderr.write(`${line}\n`);
      context.stderr.write(`Nothing was written to ${file}.\n`);
      return ExitCodes.failure;
    }
    return reportError(error, context);
  }
}

async function parseValue(text: string, strictJson: boolean): Promise<unknown> {
  if (!strictJson) return parseJson5Value(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`value is not valid JSON (--strict-json): ${(error as Error).message}`, { cause: error });
  }
}

function validateConfigOrReport(next: Record<string, unknown>, file: string, context: CommandContext): { unsupported: string[] } | undefined {
  try {
    return validateConfig(next, { env: context.env, path: file, allowMissingEnv: true });
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    context.stderr.write('Refusing to set: the resulting config would be invalid.\n');
    for (const line of formatConfigError(error)) context.stderr.write(`${line}\n`);
    context.stderr.write(`Nothing was written to ${file}.\n`);
    return undefined;
  }
}

/**
 * The stored form to edit: `LoadedConfig.parsed` for a valid file, `{}` for a missing one. A file
 * that parses but fails validation is read raw, so the edit can fix it (the result is validated).
 */
async function readStoredConfig(file: string, context: CommandContext): Promise<Record<string, unknown>> {
  try {
    return (await loadConfig({ path: file, env: context.env })).parsed;
  } catch (error) {
    if (!ConfigError.isInstance(error) || error.code !== 'CONFIG_INVALID') throw error;
    const { default: JSON5 } = await import('json5');
    const parsed: unknown = JSON5.parse(await readFile(file, 'utf8'));
    const included = await resolveIncludes(parsed, file);
    if (typeof included !== 'object' || included === null || Array.isArray(included)) throw error;
    context.stderr.write(`note: ${file} is invalid now; the change is applied only if it makes the whole file valid.\n`);
    return included as Record<string, unknown>;
  }
}
