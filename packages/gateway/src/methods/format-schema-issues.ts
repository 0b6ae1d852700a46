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
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `at ${at || 'root'}: unexpected property '${key}'`).join('; ');
    case 'invalid_type': {
      if (isMissingKey(input, issue.path)) {
        const parent = pointer(issue.path.slice(0, -1));
        return `${parent ? `at ${parent}: ` : ''}must have required property '${String(issue.path.at(-1))}'`;
      }
      return `${prefix}must be ${describeType(issue.expected)}`;
    }
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

/**
 * Readable text for a failed zod parse, close to the Ajv wording OpenClaw sends (clients show it
 * verbatim): issues joined with "; ", duplicates removed. `input` is the value that was parsed; it tells a
 * missing key ("must have required property 'x'") from a wrong type.
 */
export function formatSchemaIssues(error: z.ZodError, input: unknown): string {
  const parts = [...new Set(error.issues.map((issue) => formatIssue(issue, input)).filter((part) => part.trim() !== ''))];
  return parts.length > 0 ? parts.join('; ') : 'unknown validation error';
}
