import type { z } from 'zod';

function pointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment)}`).join('');
}

function describeType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'integer';
    case 'record':
    case 'map':
      return 'object';
    default:
      return expected;
  }
}

/** Whether `path` names a key that is absent from its (object) parent in `input`. */
function isMissingKey(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let node: unknown = input;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  return !Object.hasOwn(node, path.at(-1) as PropertyKey);
}

/** One issue in the style of OpenClaw's Ajv messages (`at /client/id: must be equal to one of the allowed values`). */
function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const at = pointer(issue.path);
  const prefix = at ? `at ${at}: ` : '';
  // Ajv's `required` fires for an absent key whatever its schema (zod says invalid_value for a literal, etc.).
  if (issue.code !== 'unrecognized_keys' && isMissingKey(input, issue.path)) {
    const parent = pointer(issue.path.slice(0, -1));
    return `${parent ? `at ${parent}: ` : ''}must have required property '${String(issue.path.at(-1))}'`;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `at ${at || 'root'}: unexpected property '${key}'`).join('; ');
    case 'invalid_type':
      return `${prefix}must be ${describeType(issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `${prefix}must be equal to constant` : `${prefix}must be equal to one of the allowed values`;
    case 'too_small':
      if (issue.origin === 'string') return `${prefix}must NOT have fewer than ${String(issue.minimum)} characters`;
      if (issue.origin === 'array') return `${prefix}must NOT have fewer than ${String(issue.minimum)} items`;
      return `${prefix}must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `${prefix}must NOT have more than ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `${prefix}must NOT have more than ${String(issue.maximum)} items`;
      return `${prefix}must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    case 'invalid_union':
      return `${prefix}must match a schema in anyOf`;
    default:
      return `${prefix}${issue.message}`;
  }
}

/** Where Ajv would report an issue: the object whose keyword failed, and that keyword's rank there. */
interface IssueAnchor {
  path: readonly PropertyKey[];
  /** 0 = `required`, 1 = `additionalProperties`, 2 = anything else (checked after, property by property). */
  rank: number;
}

function anchorOf(issue: z.core.$ZodIssue, input: unknown): IssueAnchor {
  if (issue.code !== 'unrecognized_keys' && isMissingKey(input, issue.path)) return { path: issue.path.slice(0, -1), rank: 0 };
  if (issue.code === 'unrecognized_keys') return { path: issue.path, rank: 1 };
  return { path: issue.path, rank: 2 };
}

/**
 * Puts issues in the order Ajv (allErrors) reports them, so the joined message reads like OpenClaw's: for
 * each object, its missing keys first, then its unexpected keys, then its properties one by one (zod already
 * walks properties in schema order, which is Ajv's order too). Zod instead reports a missing key at the
 * position of its property, e.g. after a bad `/type` for `{"type":"bogus"}` without `method`.
 */
function ajvOrder<T extends { anchor: IssueAnchor }>(items: readonly T[], depth = 0): T[] {
  const here = items.filter((item) => item.anchor.path.length === depth && item.anchor.rank < 2);
  const rest = items.filter((item) => !(item.anchor.path.length === depth && item.anchor.rank < 2));
  const ordered = [...here.filter((item) => item.anchor.rank === 0), ...here.filter((item) => item.anchor.rank === 1)];
  // Group the rest by the property they sit under (first appearance keeps zod's schema order), then recurse.
  const groups = new Map<PropertyKey | undefined, T[]>();
  for (const item of rest) {
    const key = item.anchor.path.length > depth ? item.anchor.path[depth] : undefined;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  for (const [key, group] of groups) ordered.push(...(key === undefined ? group : ajvOrder(group, depth + 1)));
  return ordered;
}

/**
 * Readable text for a failed zod parse, close to the Ajv wording and order OpenClaw sends (clients show it
 * verbatim): issues joined with "; ", duplicates removed. `input` is the value that was parsed; it tells a
 * missing key ("must have required property 'x'") from a wrong type.
 */
export function formatSchemaIssues(error: z.ZodError, input: unknown): string {
  const ordered = ajvOrder(error.issues.map((issue) => ({ issue, anchor: anchorOf(issue, input) })));
  const parts = [...new Set(ordered.map(({ issue }) => formatIssue(issue, input)).filter((part) => part.trim() !== ''))];
  return parts.length > 0 ? parts.join('; ') : 'unknown validation error';
}
