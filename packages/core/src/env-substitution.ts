import { formatPath, isPlainObject, type PathSegment } from './object-path.js';
import type { Env } from './state-paths.js';

// OpenClaw's rules (src/config/env-substitution.ts): in string values only, `${NAME}` with NAME matching
// [A-Z_][A-Z0-9_]* is replaced by the variable; `$${NAME}` is an escape for a literal `${NAME}`; anything
// else (lower-case names, unclosed braces, a lone `$`) stays as written. A missing *or empty* variable is an error.
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

interface Token {
  kind: 'escaped' | 'reference';
  name: string;
  /** Index of the closing brace. */
  end: number;
}

function tokenAt(text: string, index: number): Token | undefined {
  if (text[index] !== '$') return undefined;
  const escaped = text[index + 1] === '$' && text[index + 2] === '{';
  if (!escaped && text[index + 1] !== '{') return undefined;
  const start = index + (escaped ? 3 : 2);
  const end = text.indexOf('}', start);
  if (end === -1) return undefined;
  const name = text.slice(start, end);
  if (!ENV_NAME.test(name)) return undefined;
  return { kind: escaped ? 'escaped' : 'reference', name, end };
}

/** The variable names a string refers to with `${NAME}` (escapes excluded). */
export function envReferences(text: string): string[] {
  const names: string[] = [];
  if (!text.includes('$')) return names;
  for (let i = 0; i < text.length; i += 1) {
    const token = tokenAt(text, i);
    if (token === undefined) continue;
    if (token.kind === 'reference') names.push(token.name);
    i = token.end;
  }
  return names;
}

/** True when the whole string is one `${NAME}` reference (it is then a placeholder, not a secret). */
export function isEnvPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  const token = tokenAt(trimmed, 0);
  return token?.kind === 'reference' && token.end === trimmed.length - 1;
}

export interface MissingEnvVar {
  name: string;
  /** Dotted config path of the string that referenced it. */
  path: string;
}

export interface EnvSubstitution {
  value: unknown;
  /** Variables that were unset or empty; their `${NAME}` is left in place. */
  missing: MissingEnvVar[];
}

function substituteString(text: string, env: Env, path: readonly PathSegment[], missing: MissingEnvVar[]): string {
  if (!text.includes('$')) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const token = tokenAt(text, i);
    if (token === undefined) {
      out += text[i];
      continue;
    }
    const value = token.kind === 'reference' ? env[token.name] : undefined;
    if (token.kind === 'escaped') out += `\${${token.name}}`;
    else if (value === undefined || value === '') {
      missing.push({ name: token.name, path: formatPath(path) });
      out += `\${${token.name}}`;
    } else out += value;
    i = token.end;
  }
  return out;
}

function substitute(value: unknown, env: Env, path: PathSegment[], missing: MissingEnvVar[]): unknown {
  if (typeof value === 'string') return substituteString(value, env, path, missing);
  if (Array.isArray(value)) return value.map((item, index) => substitute(item, env, [...path, index], missing));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = substitute(child, env, [...path, key], missing);
    return out;
  }
  return value;
}

/** Replaces `${NAME}` references in every string value of `value` (keys are left alone). */
export function substituteEnv(value: unknown, env: Env): EnvSubstitution {
  const missing: MissingEnvVar[] = [];
  return { value: substitute(value, env, [], missing), missing };
}
