import { ConfigError, type ConfigIssue } from '@rusty-claw/plugin-sdk';
import { activeConfigSchema, channelOpenclawOnlyKeys, registeredChannelNames } from './channel-config-registry.js';
import { configIssuesFromZod, formatConfigIssues } from './config-issues.js';
import type { RustyClawConfig } from './config-schema.js';
import { substituteEnv } from './env-substitution.js';
import { formatPath, isBlockedKey, isPlainObject, type PathSegment } from './object-path.js';
import { INCLUDE_KEY } from './resolve-includes.js';
import { withSecretResolution } from './secret-input.js';
import { splitUnsupported } from './split-unsupported.js';
import type { Env } from './state-paths.js';

export interface ValidateConfigOptions {
  /** Variables for `${VAR}` and env SecretRefs (default `process.env`). */
  env?: Env | undefined;
  /** The file the value belongs to; only used in error messages. */
  path?: string | undefined;
  /**
   * Validation before a write: an unset `${VAR}` is not an error (the writer's environment may lack the
   * gateway's secrets); the reference is kept as written.
   */
  allowMissingEnv?: boolean | undefined;
}

export interface ValidatedConfig {
  /** The input as given (after `$include`, before `${ENV}`): the form to write back. */
  parsed: Record<string, unknown>;
  /** After `${ENV}` substitution (SecretRefs still as objects). */
  resolved: Record<string, unknown>;
  /** Validated, defaults applied, env SecretRefs resolved, known-but-unsupported keys removed. */
  config: RustyClawConfig;
  /** Dotted paths of OpenClaw settings Rusty Claw accepts but does not implement yet. */
  unsupported: string[];
  warnings: string[];
}

function structuralIssues(value: unknown, at: PathSegment[], out: ConfigIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => structuralIssues(item, [...at, index], out));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = formatPath([...at, key]);
    if (isBlockedKey(key)) out.push({ path, message: `the key "${key}" is not allowed` });
    else if (key === INCLUDE_KEY) out.push({ path, message: '$include is only resolved when the config is loaded from a file (resolveIncludes)' });
    else structuralIssues(child, [...at, key], out);
  }
}

function fail(issues: readonly ConfigIssue[], file: string | undefined): never {
  const heading = `Invalid config${file === undefined ? '' : ` in ${file}`}:`;
  throw new ConfigError(formatConfigIssues(heading, issues), { issues, ...(file === undefined ? {} : { file }) });
}

function collectWarnings(config: RustyClawConfig): string[] {
  const warnings: string[] = [];
  const registered = new Set(registeredChannelNames());
  for (const name of Object.keys(config.channels ?? {})) {
    if (!registered.has(name)) warnings.push(`channels.${name}: no channel adapter registered a schema for it, so its settings are not validated yet`);
  }
  (config.bindings ?? []).forEach((binding, index) => {
    // Accepted so an OpenClaw config loads, but Rusty Claw has no ACP runtime: say so instead of silently ignoring it.
    if (binding.type === 'acp') warnings.push(`bindings[${index}]: ACP bindings (type "acp") are not implemented by Rusty Claw; this entry is ignored`);
  });
  const defaults = (config.agents?.list ?? []).filter((agent) => agent.default === true);
  if (defaults.length > 1) {
    warnings.push(`agents.list: ${defaults.length} agents have default: true; the first ("${defaults[0]?.id ?? ''}") is used`);
  }
  return warnings;
}

/**
 * Validates an in-memory config (the pre-substitution form, e.g. what `config.set` received) exactly like
 * {@link loadConfig} validates a file: `${ENV}` substitution, OpenClaw-only keys split off and reported,
 * strict schema with defaults, env SecretRefs resolved. Throws a ConfigError listing every issue.
 */
export function validateConfig(value: unknown, options: ValidateConfigOptions = {}): ValidatedConfig {
  const env = options.env ?? process.env;
  if (!isPlainObject(value)) fail([{ path: '', message: 'the config must be an object', received: Array.isArray(value) ? 'array' : typeof value, expected: 'object' }], options.path);
  const structural: ConfigIssue[] = [];
  structuralIssues(value, [], structural);
  if (structural.length > 0) fail(structural, options.path);

  const substitution = substituteEnv(value, env);
  const resolved = substitution.value as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  if (options.allowMissingEnv !== true) {
    const envSection = isPlainObject(value['env']) ? value['env'] : {};
    const vars = isPlainObject(envSection['vars']) ? envSection['vars'] : {};
    for (const missing of substitution.missing) {
      // OpenClaw feeds the config's own `env` section into the environment first; Rusty Claw does not (yet).
      const inEnvSection = Object.hasOwn(vars, missing.name) || (missing.name !== 'vars' && missing.name !== 'shellEnv' && Object.hasOwn(envSection, missing.name));
      const note = inEnvSection ? '; it is defined in the config\'s env section, which Rusty Claw does not apply, so set it in the real environment' : '';
      issues.push({
        path: missing.path,
        message: `missing environment variable "${missing.name}" (referenced as \${${missing.name}})${note}`,
        expected: `a non-empty environment variable ${missing.name}`,
      });
    }
  }
  const schema = activeConfigSchema();
  const split = splitUnsupported(resolved, schema, channelOpenclawOnlyKeys());
  const result = withSecretResolution({ env, secrets: resolved['secrets'], allowMissing: options.allowMissingEnv === true }, () =>
    schema.safeParse(split.supported, { reportInput: true }),
  );
  if (!result.success) {
    // A value still holding an unset ${VAR} fails the schema too; the missing variable already says why.
    const missingPaths = new Set(substitution.missing.map((missing) => missing.path));
    for (const issue of configIssuesFromZod(result.error.issues, schema)) if (!missingPaths.has(issue.path)) issues.push(issue);
  }
  if (issues.length > 0) fail(issues, options.path);
  if (!result.success) fail([{ path: '', message: 'invalid config' }], options.path);
  const config = result.data;
  return { parsed: value, resolved, config, unsupported: split.unsupported, warnings: collectWarnings(config) };
}
