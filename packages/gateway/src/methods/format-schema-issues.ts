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

/** One issue in the style of OpenClaw's Ajv messages (`at /client/id: must be equal to one of the allowed values`). */
function formatIssue(issue: z.core.$ZodIssue): string {
  const at = pointer(issue.path);
  const prefix = at ? `at ${at}: ` : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `at ${at || 'root'}: unexpected property '${key}'`).join('; ');
    case 'invalid_type': {
      if (issue.input === undefined && issue.path.length > 0) {
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
 * verbatim): issues joined with "; ", duplicates removed.
 */
export function formatSchemaIssues(error: z.ZodError): string {
  const parts = [...new Set(error.issues.map(formatIssue).filter((part) => part.trim() !== ''))];
  return parts.length > 0 ? parts.join('; ') : 'unknown validation error';
}
