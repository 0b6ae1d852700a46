import { randomUUID } from 'node:crypto';
import { mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '@rusty-claw/plugin-sdk';
import { envReferences, isEnvPlaceholder } from './env-substitution.js';
import { hashConfigRaw } from './hash-config-raw.js';
import { formatPath, isPlainObject, type PathSegment } from './object-path.js';
import { isSensitivePath, REDACTED_SENTINEL } from './redact-config.js';
import { hasInclude, parseConfigText, readConfigText, resolveIncludes } from './resolve-includes.js';
import { isSecretRef } from './secret-input.js';
import type { Env } from './state-paths.js';
import { validateConfig } from './validate-config.js';

export interface WriteConfigOptions {
  /** The environment `${VAR}` references resolve against (default `process.env`). */
  env?: Env | undefined;
  /** The stored form before this edit (e.g. `LoadedConfig.parsed`); the file on disk is always consulted too. */
  previous?: unknown;
}

export interface WrittenConfig {
  path: string;
  raw: string;
  hash: string;
}

// Env variables that carry the gateway's own secrets even when the config never mentions them.
const GATEWAY_SECRET_ENV = ['RUSTY_CLAW_GATEWAY_TOKEN', 'RUSTY_CLAW_GATEWAY_PASSWORD', 'OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD'];
// Below this length a "contained in" match says nothing; equality is still checked.
const MIN_CONTAINED_SECRET = 6;

interface EnvSecret {
  name: string;
  value: string;
}

function walk(value: unknown, at: PathSegment[], visit: (value: unknown, at: PathSegment[]) => void): void {
  visit(value, at);
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...at, index], visit));
  else if (isPlainObject(value)) for (const [key, child] of Object.entries(value)) walk(child, [...at, key], visit);
}

/** The env values behind `${VAR}` and env SecretRefs on secret paths of a stored config form. */
function envSecretsOf(stored: unknown, env: Env, out: Map<string, EnvSecret>): void {
  const add = (name: string, text?: string) => {
    const value = text ?? env[name];
    if (value !== undefined && value !== '') out.set(value, { name, value });
  };
  walk(stored, [], (value, at) => {
    if (!isSensitivePath(at)) return;
    if (typeof value === 'string') {
      const names = envReferences(value);
      for (const name of names) add(name);
      // "Bearer ${TOKEN}" resolves to one secret string too.
      if (names.length > 0 && !isEnvPlaceholder(value)) {
        const resolved = value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (whole, name: string) => env[name] ?? whole);
        if (resolved !== value) add(names.join('+'), resolved);
      }
    } else if (isSecretRef(value) && value.source === 'env') add(value.id);
  });
}

async function storedOnDisk(path: string): Promise<unknown> {
  try {
    const parsed = parseConfigText(await readConfigText(path), path);
    return hasInclude(parsed) ? await resolveIncludes(parsed, path) : parsed;
  } catch {
    return undefined; // no file, or one we could not read: nothing to learn from it
  }
}

function leakIssues(value: unknown, secrets: Map<string, EnvSecret>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  walk(value, [], (node, at) => {
    if (typeof node !== 'string' || node === '' || isEnvPlaceholder(node)) return;
    const sensitive = isSensitivePath(at);
    const exact = secrets.get(node);
    // On a secret field any copy counts; elsewhere only a whole, non-trivial value (short values collide by chance).
    const leaked = sensitive
      ? (exact ?? [...secrets.values()].find((secret) => secret.value.length >= MIN_CONTAINED_SECRET && node.includes(secret.value)))
      : exact !== undefined && exact.value.length >= MIN_CONTAINED_SECRET
        ? exact
        : undefined;
    if (leaked === undefined) return;
    const reference = leaked.name.includes('+') ? 'its ${VAR} reference' : `"\${${leaked.name}}"`;
    issues.push({ path: formatPath(at), message: `refusing to write the value of the environment secret ${leaked.name} in plain text; keep ${reference} instead` });
  });
  return issues;
}

function sentinelIssues(value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  walk(value, [], (node, at) => {
    if (node === REDACTED_SENTINEL || (isSecretRef(node) && node.id === REDACTED_SENTINEL)) {
      issues.push({ path: formatPath(at), message: `still holds "${REDACTED_SENTINEL}"; call restoreRedacted(next, previous) before writing` });
    }
  });
  return issues;
}

async function targetOf(path: string): Promise<string> {
  try {
    return await realpath(path); // keep a symlinked config (dotfile managers) a symlink
  } catch {
    return path;
  }
}

async function atomicWrite(target: string, text: string): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the umask can only remove bits, but be explicit about the final mode
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigError(`Cannot write config file ${target}: ${reason}`, { file: target, code: 'CONFIG_WRITE', cause: error });
  }
  // Persist the rename itself; not every platform can fsync a directory, and the data is already safe.
  try {
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Validates `value` (the pre-substitution form that still holds `${VAR}`, e.g. an edited
 * `LoadedConfig.parsed`) and writes it as comment-free JSON, atomically (temp file in the same directory,
 * fsync, rename, fsync of the directory) with mode 0600. Refuses — with a ConfigError, leaving the old
 * file untouched — an invalid config, a leftover redaction sentinel, or a plain-text copy of a secret that
 * the stored config took from the environment.
 */
export async function writeConfigFile(path: string, value: unknown, options: WriteConfigOptions = {}): Promise<WrittenConfig> {
  const file = resolve(path);
  const env = options.env ?? process.env;
  const sentinels = sentinelIssues(value);
  if (sentinels.length > 0) throw new ConfigError(`Refusing to write ${file}: redacted values were not restored`, { file, code: 'CONFIG_REDACTED', issues: sentinels });
  // A value that still uses $include (the file's own structure) is validated with the includes resolved.
  validateConfig(hasInclude(value) ? await resolveIncludes(value, file) : value, { env, path: file, allowMissingEnv: true });

  const secrets = new Map<string, EnvSecret>();
  envSecretsOf(options.previous, env, secrets);
  envSecretsOf(await storedOnDisk(file), env, secrets);
  for (const name of GATEWAY_SECRET_ENV) {
    const secret = env[name];
    if (secret !== undefined && secret !== '') secrets.set(secret, { name, value: secret });
  }
  const leaks = leakIssues(value, secrets);
  if (leaks.length > 0) {
    const lines = leaks.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new ConfigError([`Refusing to write ${file}:`, ...lines].join('\n'), { file, code: 'CONFIG_SECRET_LEAK', issues: leaks });
  }

  const raw = `${JSON.stringify(value, null, 2)}\n`;
  const target = await targetOf(file);
  await atomicWrite(target, raw);
  return { path: target, raw, hash: hashConfigRaw(raw) };
}
