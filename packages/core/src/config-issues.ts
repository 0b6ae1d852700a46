import type { ConfigIssue } from '@rusty-claw/plugin-sdk';
import type { z } from 'zod';
import { formatPath, type PathSegment } from './object-path.js';
import { openclawKeysAt } from './openclaw-known-keys.js';
import { isSensitivePath, redactAt, REDACTED_SENTINEL } from './redact-config.js';
import { objectKeysAt } from './zod-walk.js';

type ZodIssue = z.core.$ZodIssue;

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`prot` → `port` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The closest candidate to a mistyped key, when it is close enough to be a plausible typo. */
export function suggestKey(key: string, candidates: Iterable<string>): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === key) continue;
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(key.length, best.candidate.length) / 3)));
  return best.distance <= limit ? best.candidate : undefined;
}

/** A short, safe description of a value for an error message (secrets never shown). */
export function describeValue(value: unknown, at: readonly PathSegment[]): unknown {
  if (value === undefined) return undefined;
  if (isSensitivePath(at)) return REDACTED_SENTINEL;
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  if (typeof value === 'object' && value !== null) {
    const redacted = redactAt(value, at); // an object in the wrong place may still hold secrets
    const json = JSON.stringify(redacted);
    return json.length > 80 ? `${json.slice(0, 77)}...` : redacted;
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The received value for a message: the value itself, or only its type under a secret key. */
function received(value: unknown, at: readonly PathSegment[]): string {
  if (isSensitivePath(at)) return `${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`} (value redacted)`;
  return show(describeValue(value, at));
}

function schemaSegments(at: readonly PathSegment[]): string[] {
  return at.map((segment) => (typeof segment === 'number' ? '[]' : segment));
}

function bound(issue: { origin?: string; inclusive?: boolean }, comparison: '<' | '>', limit: number | bigint): string {
  const op = `${comparison}${issue.inclusive === false ? '' : '='}`;
  switch (issue.origin) {
    case 'string':
      return `a string with length ${op} ${limit}`;
    case 'array':
    case 'set':
      return `a list with ${op} ${limit} items`;
    default:
      return `a number ${op} ${limit}`;
  }
}

function push(out: ConfigIssue[], at: readonly PathSegment[], message: string, received: unknown, expected?: string): void {
  const issue: ConfigIssue = { path: formatPath(at), message };
  const shown = describeValue(received, at);
  if (shown !== undefined) issue.received = shown;
  if (expected !== undefined) issue.expected = expected;
  out.push(issue);
}

function mapIssue(issue: ZodIssue, prefix: readonly PathSegment[], schema: z.ZodType, out: ConfigIssue[]): void {
  const at = [...prefix, ...issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol')];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const candidates = new Set([...(objectKeysAt(schema, schemaSegments(at)) ?? []), ...openclawKeysAt(at)]);
      for (const key of issue.keys) {
        const suggestion = suggestKey(key, candidates);
        const hint = suggestion === undefined ? '' : ` (did you mean ${formatPath([...at, suggestion])}?)`;
        push(out, [...at, key], `unknown key "${key}"${hint}`, undefined, candidates.size > 0 ? `one of: ${[...candidates].join(', ')}` : undefined);
      }
      return;
    }
    case 'invalid_type': {
      if (input === undefined) push(out, at, `required (expected ${issue.expected})`, undefined, issue.expected);
      else push(out, at, `expected ${issue.expected}, received ${received(input, at)}`, input, issue.expected);
      return;
    }
    case 'invalid_value': {
      const expected = `one of ${issue.values.map((value) => show(value)).join(', ')}`;
      const custom = issue.message.startsWith('Invalid option') ? undefined : issue.message;
      push(out, at, custom ?? `expected ${expected}, received ${received(input, at)}`, input, expected);
      return;
    }
    case 'too_big': {
      const expected = bound(issue, '<', issue.maximum);
      push(out, at, `expected ${expected}, received ${received(input, at)}`, input, expected);
      return;
    }
    case 'too_small': {
      const expected = bound(issue, '>', issue.minimum);
      push(out, at, `expected ${expected}, received ${received(input, at)}`, input, expected);
      return;
    }
    case 'invalid_union': {
      mapUnion(issue, at, schema, out);
      return;
    }
    case 'invalid_format': {
      push(out, at, issue.message, input, issue.format === 'regex' ? `a string matching ${issue.pattern ?? 'the pattern'}` : issue.format);
      return;
    }
    default:
      push(out, at, issue.message, input);
  }
}

function mapUnion(issue: z.core.$ZodIssueInvalidUnion, at: PathSegment[], schema: z.ZodType, out: ConfigIssue[]): void {
  const input = issue.input;
  if (issue.errors.length === 0) {
    // A discriminated union whose discriminator matched nothing.
    const options = (issue as { options?: unknown[] }).options;
    const expected = options ? `one of ${options.map((option) => show(option)).join(', ')}` : undefined;
    push(out, at, issue.message, undefined, expected);
    return;
  }
  // Branches that failed only because the value has another type are noise; report the branch that fits.
  const wrongType = (branch: readonly ZodIssue[]) => branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const fitting = issue.errors.filter((branch) => !wrongType(branch));
  if (fitting.length > 0) {
    const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
    for (const nested of best) mapIssue(nested, at, schema, out);
    return;
  }
  const expected = [...new Set(issue.errors.map((branch) => (branch[0] as { expected?: string } | undefined)?.expected ?? 'value'))].join(' or ');
  push(out, at, `expected ${expected}, received ${received(input, at)}`, input, expected);
}

/** ConfigIssues (path, message, redacted received value, expected) for a failed zod parse of the config. */
export function configIssuesFromZod(issues: readonly ZodIssue[], schema: z.ZodType): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) mapIssue(issue, [], schema, out);
  return out;
}

/** One readable line per issue, under a heading. */
export function formatConfigIssues(heading: string, issues: readonly ConfigIssue[]): string {
  return [heading, ...issues.map((issue) => `  - ${issue.path === '' ? '<root>' : issue.path}: ${issue.message}`)].join('\n');
}
