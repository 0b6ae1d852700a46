import type { JsonSchema } from './load-openclaw.js';

// Structural comparison of our generated JSON Schema with OpenClaw's TypeBox schema: required keys,
// property sets, strictness (additionalProperties:false), enums and the string/number bounds.
// Returns readable difference lines, so a test can pin the exact, documented set of differences.

const BOUNDS = ['minLength', 'maxLength', 'minimum', 'exclusiveMinimum', 'minItems', 'maxItems', 'pattern', 'uniqueItems'] as const;

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

/** The set of allowed literal values when a schema is an enum / const / union of consts. */
function enumValues(schema: JsonSchema): unknown[] | undefined {
  if (Array.isArray(schema['enum'])) return schema['enum'] as unknown[];
  if ('const' in schema) return [schema['const']];
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf) && anyOf.length > 0 && anyOf.every((option) => asSchema(option) !== undefined && 'const' in (option as JsonSchema))) {
    return anyOf.map((option) => (option as JsonSchema)['const']);
  }
  return undefined;
}

function isUnconstrained(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => key === 'description' || key === '$schema' || key === 'default');
}

function sorted(values: unknown[]): string[] {
  return values.map((v) => JSON.stringify(v)).sort();
}

/** Differences between `ours` and `theirs`, each line prefixed with its property path. */
export function diffJsonSchemas(ours: JsonSchema, theirs: JsonSchema, path = '$'): string[] {
  const out: string[] = [];
  if (isUnconstrained(theirs)) return out; // OpenClaw accepts anything here; any constraint of ours is stricter.
  if (isUnconstrained(ours)) return [`${path}: ours accepts anything, theirs is constrained`];

  const theirEnum = enumValues(theirs);
  if (theirEnum !== undefined) {
    const ourEnum = enumValues(ours);
    if (ourEnum === undefined) return [`${path}: theirs is an enum, ours is not`];
    const oursOnly = sorted(ourEnum.filter((v) => !theirEnum.includes(v)));
    const theirsOnly = sorted(theirEnum.filter((v) => !ourEnum.includes(v)));
    if (oursOnly.length > 0) out.push(`${path}: enum values only ours accepts ${oursOnly.join(',')}`);
    if (theirsOnly.length > 0) out.push(`${path}: enum values only theirs accepts ${theirsOnly.join(',')}`);
    return out;
  }

  // A literal/enum of ours is stricter than any non-enum of theirs; the sample check proves it fits.
  if (enumValues(ours) !== undefined) return out;

  const theirAnyOf = theirs['anyOf'];
  const ourAnyOf = ours['anyOf'];
  // zod writes a union of primitives as `type: [a, b]`, TypeBox as `anyOf: [{type:a}, {type:b}]`.
  if (Array.isArray(theirAnyOf) && Array.isArray(ours['type'])) {
    const theirTypes = theirAnyOf.map((option) => JSON.stringify((option as JsonSchema)['type'])).sort();
    const ourTypes = (ours['type'] as unknown[]).map((t) => JSON.stringify(t)).sort();
    if (theirTypes.join() !== ourTypes.join()) out.push(`${path}: union types ours ${ourTypes.join(',')} theirs ${theirTypes.join(',')}`);
    return out;
  }
  if (Array.isArray(theirAnyOf)) {
    if (!Array.isArray(ourAnyOf) || ourAnyOf.length !== theirAnyOf.length) return [`${path}: union shapes differ`];
    theirAnyOf.forEach((option, i) => out.push(...diffJsonSchemas(ourAnyOf[i] as JsonSchema, option as JsonSchema, `${path}|${i}`)));
    return out;
  }

  if (theirs['type'] !== undefined && ours['type'] !== theirs['type']) out.push(`${path}: type ours ${String(ours['type'])} theirs ${String(theirs['type'])}`);
  for (const bound of BOUNDS) {
    if (theirs[bound] !== undefined && ours[bound] !== theirs[bound]) {
      out.push(`${path}: ${bound} ours ${String(ours[bound])} theirs ${String(theirs[bound])}`);
    }
  }

  const theirProps = asSchema(theirs['properties']);
  if (theirs['type'] === 'object' && theirProps !== undefined) {
    const ourProps = asSchema(ours['properties']) ?? {};
    const ourRequired = sorted((ours['required'] as unknown[] | undefined) ?? []);
    const theirRequired = sorted((theirs['required'] as unknown[] | undefined) ?? []);
    if (ourRequired.join() !== theirRequired.join()) out.push(`${path}: required ours [${ourRequired.join(',')}] theirs [${theirRequired.join(',')}]`);
    if (theirs['additionalProperties'] === false && ours['additionalProperties'] !== false) out.push(`${path}: theirs is strict, ours is not`);
    if (theirs['additionalProperties'] !== false && ours['additionalProperties'] === false) out.push(`${path}: ours is strict, theirs is not`);
    for (const key of Object.keys(ourProps)) if (!(key in theirProps)) out.push(`${path}.${key}: only ours has it`);
    for (const key of Object.keys(theirProps)) {
      const ourProp = asSchema(ourProps[key]);
      if (ourProp === undefined) out.push(`${path}.${key}: only theirs has it`);
      else out.push(...diffJsonSchemas(ourProp, theirProps[key] as JsonSchema, `${path}.${key}`));
    }
    return out;
  }

  // Records: TypeBox uses patternProperties {"^.*$": X}, zod additionalProperties: X.
  const theirPattern = asSchema(theirs['patternProperties']);
  if (theirPattern !== undefined) {
    const theirValue = Object.values(theirPattern)[0] as JsonSchema;
    const ourValue = asSchema(ours['additionalProperties']);
    if (ourValue === undefined) out.push(`${path}: theirs is a record, ours is not`);
    else out.push(...diffJsonSchemas(ourValue, theirValue, `${path}{}`));
    return out;
  }

  const theirItems = asSchema(theirs['items']);
  if (theirItems !== undefined) {
    const ourItems = asSchema(ours['items']);
    if (ourItems === undefined) out.push(`${path}: theirs has items, ours does not`);
    else out.push(...diffJsonSchemas(ourItems, theirItems, `${path}[]`));
  }
  return out;
}
