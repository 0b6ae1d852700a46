import type { z } from 'zod';
import { formatPath, isPlainObject, type PathSegment } from './object-path.js';
import { OPENCLAW_KNOWN_KEYS, patternSegments } from './openclaw-known-keys.js';
import { objectKeysAt } from './zod-walk.js';

interface PatternRule {
  segments: string[];
  unsupported: readonly string[];
}

const rulesBySchema = new WeakMap<z.ZodType, PatternRule[]>();

function rulesFor(schema: z.ZodType, extra: Readonly<Record<string, readonly string[]>>): PatternRule[] {
  let base = rulesBySchema.get(schema);
  if (base === undefined) {
    base = [];
    for (const [pattern, openclawKeys] of Object.entries(OPENCLAW_KNOWN_KEYS)) {
      const segments = patternSegments(pattern);
      const ours = new Set(objectKeysAt(schema, segments) ?? []);
      const unsupported = openclawKeys.filter((key) => !ours.has(key));
      if (unsupported.length > 0) base.push({ segments, unsupported });
    }
    rulesBySchema.set(schema, base);
  }
  const extraRules = Object.entries(extra).map(([pattern, keys]) => ({ segments: patternSegments(pattern), unsupported: keys }));
  return extraRules.length === 0 ? base : [...base, ...extraRules];
}

/** Keys OpenClaw knows at `pattern` that `schema` does not implement (used for JSON Schema and hints). */
export function unsupportedKeysByPattern(schema: z.ZodType): Array<{ pattern: string; keys: readonly string[] }> {
  return rulesFor(schema, {}).map((rule) => ({ pattern: rule.segments.join('.').replaceAll('.[]', '[]'), keys: rule.unsupported }));
}

function visit(node: unknown, segments: readonly string[], index: number, at: PathSegment[], found: (object: Record<string, unknown>, path: PathSegment[]) => void): void {
  if (index === segments.length) {
    if (isPlainObject(node)) found(node, at);
    return;
  }
  const segment = segments[index] as string;
  if (segment === '[]') {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, segments, index + 1, [...at, i], found));
    return;
  }
  if (!isPlainObject(node)) return;
  if (segment === '*') {
    for (const [key, child] of Object.entries(node)) visit(child, segments, index + 1, [...at, key], found);
  } else if (Object.hasOwn(node, segment)) {
    visit(node[segment], segments, index + 1, [...at, segment], found);
  }
}

export interface UnsupportedSplit {
  /** A copy of the input without the known-but-unsupported keys, ready for strict validation. */
  supported: Record<string, unknown>;
  /** Dotted paths of what was split off, sorted. */
  unsupported: string[];
}

/**
 * Removes every key OpenClaw knows but `schema` does not implement (whole subtrees, e.g. `wizard` or
 * `gateway.tls`) and reports their paths. `extra` adds `pattern → keys` rules (channel adapters').
 */
export function splitUnsupported(
  input: Record<string, unknown>,
  schema: z.ZodType,
  extra: Readonly<Record<string, readonly string[]>> = {},
): UnsupportedSplit {
  const supported = structuredClone(input);
  const unsupported: string[] = [];
  for (const rule of rulesFor(schema, extra)) {
    visit(supported, rule.segments, 0, [], (object, path) => {
      for (const key of rule.unsupported) {
        if (!Object.hasOwn(object, key)) continue;
        unsupported.push(formatPath([...path, key]));
        delete object[key];
      }
    });
  }
  return { supported, unsupported: unsupported.sort() };
}
