import { loadConfig } from '@rusty-claw/core';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import type { CommandContext } from '../cli-deps.js';
import { ExitCodes } from '../exit-codes.js';
import { formatConfigError } from '../render/format-config-issues.js';
import { reportError } from '../report-error.js';
import { resolveConfigFile } from './resolve-config-file.js';

export interface ConfigValidateOptions {
  config?: string;
  json?: boolean;
}

/**
 * `config validate`: exit 0 when the gateway would accept the file (naming every OpenClaw key it
 * accepts but ignores), exit 1 with every issue when it would refuse to start.
 */
export async function configValidateCommand(options: ConfigValidateOptions, context: CommandContext): Promise<number> {
  const file = resolveConfigFile(options.config, context.env);
  try {
    const loaded = await loadConfig({ path: file, env: context.env });
    if (options.json === true) {
      const result = { valid: true, path: file, exists: loaded.exists, issues: [], unsupported: loaded.unsupported, warnings: loaded.warnings };
      context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return ExitCodes.ok;
    }
    if (!loaded.exists) {
      context.stdout.write(`No config file at ${file}: the built-in defaults apply.\n`);
      return ExitCodes.ok;
    }
    context.stdout.write(`Config valid: ${file}\n`);
    for (const key of loaded.unsupported) {
      context.stdout.write(`  warning: ${key} is an OpenClaw setting Rusty Claw does not support yet; it is ignored\n`);
    }
    for (const warning of loaded.warnings) context.stdout.write(`  warning: ${warning}\n`);
    return ExitCodes.ok;
  } catch (error) {
    if (!ConfigError.isInstance(error)) return reportError(error, { ...context, json: options.json === true });
    if (options.json === true) {
      const result = { valid: false, path: error.file ?? file, issues: error.issues, message: error.message };
      context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const line of formatConfigError(error)) context.stdout.write(`${line}\n`);
    }
    return ExitCodes.failure;
  }
}
