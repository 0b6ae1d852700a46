import type { z } from 'zod';

// A few read-only walks over zod 4 schema definitions, used to list which keys Rusty Claw implements at a
// config path (unsupported-key reports, "did you mean" hints). Only the def fields read here are typed.
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional/default/pipe/lazy wrappers down to the schema that holds the structure. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let guard = 0; guard < 64; guard += 1) {
    const d = def(current);
    if (WRAPPERS.has(d.type) && d.innerType) current = d.innerType;
    else if (d.type === 'pipe' && d.in && d.out) current = def(d.in).type === 'transform' ? d.out : d.in;
    else if (d.type === 'lazy' && d.getter) current = d.getter();
    else return current;
  }
  return current;
}

/** The branch of a union that has the given structural kind (object, record, array), if any. */
function branch(schema: z.ZodType, kind: 'object' | 'record' | 'array'): z.ZodType | undefined {
  const unwrapped = unwrapSchema(schema);
  const d = def(unwrapped);
  if (d.type !== 'union') return d.type === kind ? unwrapped : undefined;
  for (const option of d.options ?? []) {
    const found = branch(option, kind);
    if (found) return found;
  }
  return undefined;
}

/**
 * The schema reached by a path of segments: an object key, `*` (a record value or an object catch-all)
 * or `[]` (an array element). A concrete key also falls back to a record value / catch-all.
 */
export function schemaAt(schema: z.ZodType, segments: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of segments) {
    if (current === undefined) return undefined;
    if (segment === '[]') {
      const array = branch(current, 'array');
      current = array ? def(array).element : undefined;
      continue;
    }
    const object = branch(current, 'object');
    if (object) {
      const d = def(object);
      current = segment !== '*' && d.shape && Object.hasOwn(d.shape, segment) ? d.shape[segment] : d.catchall;
      continue;
    }
    const rec = branch(current, 'record');
    current = rec ? def(rec).valueType : undefined;
  }
  return current;
}

/** The keys an object schema at `segments` declares, or undefined when no object lives there. */
export function objectKeysAt(schema: z.ZodType, segments: readonly string[]): string[] | undefined {
  const target = schemaAt(schema, segments);
  if (target === undefined) return undefined;
  const object = branch(target, 'object');
  return object ? Object.keys(def(object).shape ?? {}) : undefined;
}
