import { open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import JSON5 from 'json5';
import { formatPath, isBlockedKey, isPlainObject, type PathSegment } from './object-path.js';

export const INCLUDE_KEY = '$include';
/** OpenClaw's limits: 10 nested levels, 2 MiB per file. */
export const MAX_INCLUDE_DEPTH = 10;
export const MAX_CONFIG_FILE_BYTES = 2 * 1024 * 1024;

/** OpenClaw's include merge: objects merge recursively, arrays concatenate, otherwise the later value wins. */
export function deepMergeIncluded(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return [...target, ...source];
  if (isPlainObject(target) && isPlainObject(source)) {
    const out: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(source)) {
      if (isBlockedKey(key)) continue;
      out[key] = Object.hasOwn(out, key) ? deepMergeIncluded(out[key], value) : value;
    }
    return out;
  }
  return source;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export function hasInclude(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasInclude);
  if (!isPlainObject(value)) return false;
  return Object.hasOwn(value, INCLUDE_KEY) || Object.values(value).some(hasInclude);
}

/** Reads a JSON5 config file with the size and file-type guards used for the main file and includes. */
export async function readConfigText(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ConfigError(`${file} is not a regular file`, { file, code: 'CONFIG_READ' });
    if (stat.size > MAX_CONFIG_FILE_BYTES) {
      throw new ConfigError(`${file} is larger than ${MAX_CONFIG_FILE_BYTES} bytes`, { file, code: 'CONFIG_READ' });
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** JSON5.parse with a ConfigError that names the file, line and column. */
export function parseConfigText(text: string, file: string): unknown {
  try {
    return JSON5.parse(text);
  } catch (error) {
    const where = error as { lineNumber?: number; columnNumber?: number; message?: string };
    const at = where.lineNumber === undefined ? '' : ` at line ${where.lineNumber}, column ${where.columnNumber ?? 0}`;
    const message = `JSON5 syntax error${at}: ${String(where.message ?? error).replace(/^JSON5: /, '')}`;
    throw new ConfigError(`Cannot parse ${file}: ${message}`, { file, code: 'CONFIG_PARSE', cause: error, issues: [{ path: '', message }] });
  }
}

interface Frame {
  /** Lexical path of the file being processed. */
  file: string;
  /** Real paths of the files on the include chain, root first (cycle detection). */
  chain: string[];
  depth: number;
}

class IncludeResolver {
  constructor(
    private readonly rootDir: string,
    private readonly rootReal: string,
  ) {}

  fail(frame: Frame, at: readonly PathSegment[], message: string, cause?: unknown): never {
    const path = formatPath([...at, INCLUDE_KEY]);
    throw new ConfigError(`${frame.file}: ${path}: ${message}`, { file: frame.file, code: 'CONFIG_INCLUDE', cause, issues: [{ path, message }] });
  }

  async process(node: unknown, frame: Frame, at: PathSegment[]): Promise<unknown> {
    if (Array.isArray(node)) return Promise.all(node.map((item, index) => this.process(item, frame, [...at, index])));
    if (!isPlainObject(node)) return node;
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== INCLUDE_KEY) rest[key] = await this.process(value, frame, [...at, key]);
    }
    if (!Object.hasOwn(node, INCLUDE_KEY)) return rest;
    const included = await this.resolveValue(node[INCLUDE_KEY], frame, at);
    if (Object.keys(rest).length === 0) return included;
    if (!isPlainObject(included)) this.fail(frame, at, 'sibling keys need the included content to be an object');
    // Sibling keys are merged over the included content (they win).
    return deepMergeIncluded(included, rest);
  }

  async resolveValue(value: unknown, frame: Frame, at: PathSegment[]): Promise<unknown> {
    if (typeof value === 'string') return this.load(value, frame, at);
    if (!Array.isArray(value)) this.fail(frame, at, `expected a path or an array of paths, got ${value === null ? 'null' : typeof value}`);
    const bad = (value as unknown[]).find((item) => typeof item !== 'string');
    if (bad !== undefined) this.fail(frame, at, `array items must be paths (strings), got ${bad === null ? 'null' : typeof bad}`);
    let merged: unknown = {};
    for (const item of value as string[]) merged = deepMergeIncluded(merged, await this.load(item, frame, at));
    return merged;
  }

  async load(includePath: string, frame: Frame, at: PathSegment[]): Promise<unknown> {
    if (includePath.trim() === '') this.fail(frame, at, 'empty include path');
    const target = resolve(dirname(frame.file), includePath);
    if (!isInside(this.rootDir, target)) {
      this.fail(frame, at, `include "${includePath}" escapes the config directory ${this.rootDir}`);
    }
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.fail(frame, at, code === 'ENOENT' ? `include file "${includePath}" not found (${target})` : `cannot resolve include "${includePath}" (${code ?? String(error)})`, error);
    }
    if (!isInside(this.rootReal, real)) {
      this.fail(frame, at, `include "${includePath}" resolves outside the config directory through a symlink (${real})`);
    }
    if (frame.chain.includes(real)) this.fail(frame, at, `circular include: ${[...frame.chain, real].join(' -> ')}`);
    if (frame.depth >= MAX_INCLUDE_DEPTH) this.fail(frame, at, `includes nest deeper than ${MAX_INCLUDE_DEPTH} levels at "${includePath}"`);
    let text: string;
    try {
      text = await readConfigText(real);
    } catch (error) {
      this.fail(frame, at, `cannot read include "${includePath}": ${error instanceof Error ? error.message : String(error)}`, error);
    }
    const parsed = parseConfigText(text, target);
    return this.process(parsed, { file: target, chain: [...frame.chain, real], depth: frame.depth + 1 }, []);
  }
}

async function realpathOr(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * Replaces every `$include` (a path or an array of paths, relative to the including file) with the
 * files' content, merged like OpenClaw does. Includes must stay inside the main config file's directory,
 * both lexically and after resolving symlinks; cycles and nesting deeper than 10 levels are errors.
 */
export async function resolveIncludes(value: unknown, configPath: string): Promise<unknown> {
  const file = resolve(configPath);
  const rootDir = dirname(file);
  const resolver = new IncludeResolver(rootDir, await realpathOr(rootDir));
  return resolver.process(value, { file, chain: [await realpathOr(file)], depth: 0 }, []);
}
