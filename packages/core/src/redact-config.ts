import { isDeepStrictEqual } from 'node:util';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import JSON5 from 'json5';
import { SENSITIVE_HINT_PATHS } from './config-ui-hints.js';
import { isEnvPlaceholder } from './env-substitution.js';
import { formatPath, isPlainObject, type PathSegment } from './object-path.js';
import { matchesPattern, patternSegments } from './openclaw-known-keys.js';
import { isSecretRef } from './secret-input.js';

/** OpenClaw's redaction sentinel: `config.get` shows it instead of secrets, and writes put the old value back. */
export const REDACTED_SENTINEL = '__OPENCLAW_REDACTED__';

// OpenClaw's sensitive-key patterns (src/config/sensitive-paths.ts) and the suffixes it exempts.
// OpenClaw tests them against the whole dotted path; Rusty Claw tests the key itself, so a secret's siblings
// (e.g. everything under `secrets.*`) are not over-redacted. Schema-declared secrets (uiHints) add the
// fields whose key name does not look secret, such as provider header values.
const SENSITIVE_KEY_PATTERNS = [/token$/i, /password/i, /secret/i, /api.?key/i, /encrypt.?key/i, /private.?key/i, /serviceaccount(?:ref)?$/i];
const NOT_SENSITIVE_SUFFIXES = [
  'maxtokens', 'maxoutputtokens', 'maxinputtokens', 'maxcompletiontokens', 'contexttokens', 'totaltokens', 'tokencount',
  'tokenlimit', 'tokenbudget', 'passwordfile',
];

const hintPatterns = SENSITIVE_HINT_PATHS.map(patternSegments);

// Fields OpenClaw's schema registers as sensitive although their key names do not look secret, as path
// suffixes (`*` any key, `[]` any index). They matter even in sections Rusty Claw does not implement: those are
// kept in `parsed` and shown (redacted) by config.get. openclaw-compat.test.ts checks the coverage.
const SENSITIVE_SUFFIXES = [
  ['headers', '*'],
  ['tls', 'ca'],
  ['tls', 'cert'],
  ['tls', 'key'],
  ['tls', 'passphrase'],
  ['auth', 'value'],
  ['ssh', 'certificateData'],
  ['ssh', 'identityData'],
  ['ssh', 'knownHostsData'],
  ['mappings', '[]', 'sessionKey'],
  ['proxy', 'proxyUrl'],
];

/** True when a key name alone marks its value as secret (token, password, apiKey, botToken, signingSecret …). */
export function isSensitiveKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (NOT_SENSITIVE_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return false;
  return SENSITIVE_KEY_PATTERNS.some((pattern) => pattern.test(key));
}

/** Whether the value at this path is a secret: by its key name, or by the schema's sensitive hints. */
export function isSensitivePath(segments: readonly PathSegment[]): boolean {
  const lastKey = [...segments].reverse().find((segment): segment is string => typeof segment === 'string');
  if (lastKey !== undefined && isSensitiveKey(lastKey)) return true;
  if (SENSITIVE_SUFFIXES.some((suffix) => suffix.length <= segments.length && matchesPattern(suffix, segments.slice(-suffix.length)))) return true;
  return hintPatterns.some((pattern) => matchesPattern(pattern, segments));
}

function redactNode(value: unknown, at: PathSegment[], found: string[]): unknown {
  if (typeof value === 'string') {
    if (!isSensitivePath(at) || isEnvPlaceholder(value) || value === '') return value;
    found.push(value);
    return REDACTED_SENTINEL;
  }
  if (Array.isArray(value)) return value.map((item, index) => redactNode(item, [...at, index], found));
  if (!isPlainObject(value)) return value;
  if (isSecretRef(value) && isSensitivePath(at)) {
    // A SecretRef names where the secret lives; OpenClaw still hides the id (a file pointer or command can be telling).
    if (isEnvPlaceholder(value.id)) return { ...value };
    found.push(value.id);
    return { ...value, id: REDACTED_SENTINEL };
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = redactNode(child, [...at, key], found);
  return out;
}

/** Like {@link redactConfig} for a value that sits at `at` inside a config (error messages quote such values). */
export function redactAt(value: unknown, at: readonly PathSegment[]): unknown {
  return redactNode(value, [...at], []);
}

/** A copy of a config object (any stage) with every secret replaced by {@link REDACTED_SENTINEL}. */
export function redactConfig<T>(value: T): T {
  return redactNode(value, [], []) as T;
}

/** The secret strings {@link redactConfig} would hide (for scrubbing text that may quote them). */
export function collectSecretValues(value: unknown): string[] {
  const found: string[] = [];
  redactNode(value, [], found);
  return [...new Set(found)];
}

/**
 * The raw file text with secrets replaced by the sentinel, or null when that cannot be done safely (a secret
 * written with escapes the text replacement cannot see): callers then omit `raw`, as OpenClaw does.
 */
export function redactConfigRaw(raw: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(raw);
  } catch {
    return null;
  }
  const secrets = collectSecretValues(parsed).sort((a, b) => b.length - a.length);
  let text = raw;
  for (const secret of secrets) text = text.replaceAll(secret, REDACTED_SENTINEL);
  try {
    return isDeepStrictEqual(JSON5.parse(text), redactConfig(parsed)) ? text : null;
  } catch {
    return null;
  }
}

function restoreError(at: readonly PathSegment[], message: string): ConfigError {
  const path = formatPath(at) || '<root>';
  return new ConfigError(`${path}: ${message}`, { code: 'CONFIG_REDACTED', issues: [{ path, message }] });
}

function restoreNode(next: unknown, previous: unknown, at: PathSegment[]): unknown {
  if (next === REDACTED_SENTINEL) {
    if (!isSensitivePath(at)) throw restoreError(at, `"${REDACTED_SENTINEL}" is reserved and is not valid config data`);
    if (previous === undefined) throw restoreError(at, 'is redacted but there is no stored value to keep; enter the real value');
    return previous;
  }
  if (Array.isArray(next)) {
    const before = Array.isArray(previous) ? previous : [];
    return next.map((item, index) => restoreNode(item, before[index], [...at, index]));
  }
  if (!isPlainObject(next)) return next;
  const before = isPlainObject(previous) ? previous : {};
  if (isSecretRef(next) && next.id === REDACTED_SENTINEL && isSensitivePath(at)) {
    if (!isSecretRef(previous)) throw restoreError(at, 'SecretRef id is redacted but there is no stored SecretRef to take it from');
    if (next.source !== previous.source || next.provider !== previous.provider) {
      throw restoreError(at, 'SecretRef source/provider changed while its id is redacted; give the id explicitly');
    }
    return { ...next, id: previous.id };
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(next)) out[key] = restoreNode(child, before[key], [...at, key]);
  return out;
}

/**
 * Puts secrets back where `next` (typically a redacted `config.get` result edited by a client) still holds
 * the sentinel, taking them from `previous` (the stored form, e.g. `LoadedConfig.parsed`). Throws a
 * ConfigError when a sentinel has nothing to restore or sits on a non-secret path.
 */
export function restoreRedacted<T>(next: T, previous: unknown): T {
  return restoreNode(next, previous, []) as T;
}
