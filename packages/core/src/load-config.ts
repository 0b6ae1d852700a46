import { resolve } from 'node:path';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import type { RustyClawConfig } from './config-schema.js';
import { hashConfigRaw } from './hash-config-raw.js';
import { isPlainObject } from './object-path.js';
import { hasInclude, parseConfigText, readConfigText, resolveIncludes } from './resolve-includes.js';
import type { Env } from './state-paths.js';
import { validateConfig } from './validate-config.js';

export interface LoadConfigOptions {
  /** Absolute or relative path of the config file (see resolveConfigPath). */
  path: string;
  env?: Env | undefined;
}

/** Every stage of one config file, OpenClaw's config snapshot shape minus its legacy fields. */
export interface LoadedConfig {
  path: string;
  exists: boolean;
  /** The file text, or null when the file does not exist. */
  raw: string | null;
  /** The file after `$include`, before `${ENV}`: what writers pass back to writeConfigFile. */
  parsed: Record<string, unknown>;
  /** After `${ENV}` substitution. Holds secrets: redact before showing it. */
  resolved: Record<string, unknown>;
  /** Validated, defaults applied, env SecretRefs resolved. Holds secrets. */
  config: RustyClawConfig;
  /** sha256 of `raw` (write guard `baseHash`). */
  hash: string;
  /** OpenClaw settings that are accepted but not implemented, as dotted paths. */
  unsupported: string[];
  warnings: string[];
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readConfigText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (ConfigError.isInstance(error)) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigError(`Cannot read config file ${file}: ${reason}`, { file, code: 'CONFIG_READ', cause: error });
  }
}

/**
 * Reads, parses (JSON5), resolves `$include`, substitutes `${ENV}` and validates the config file. A missing
 * file is not an error: `exists: false` and the defaults. Anything wrong throws a ConfigError whose issues
 * name the key path, the (redacted) value and what was expected.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const path = resolve(options.path);
  const env = options.env ?? process.env;
  const raw = await readIfExists(path);
  let parsed: unknown = {};
  if (raw !== null) {
    parsed = parseConfigText(raw, path);
    if (!isPlainObject(parsed)) {
      const message = `the config file must hold an object, not ${Array.isArray(parsed) ? 'an array' : typeof parsed}`;
      throw new ConfigError(`Invalid config in ${path}: ${message}`, { file: path, issues: [{ path: '', message, expected: 'object' }] });
    }
    if (hasInclude(parsed)) parsed = await resolveIncludes(parsed, path);
  }
  const validated = validateConfig(parsed, { env, path });
  return {
    path,
    exists: raw !== null,
    raw,
    parsed: validated.parsed,
    resolved: validated.resolved,
    config: validated.config,
    hash: hashConfigRaw(raw),
    unsupported: validated.unsupported,
    warnings: validated.warnings,
  };
}
