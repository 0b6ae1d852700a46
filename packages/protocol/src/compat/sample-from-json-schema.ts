import type { JsonSchema } from './load-openclaw.js';

// Builds a value from a JSON Schema: `full` fills every optional property and one item per array,
// `minimal` only what is required. Used to feed values OUR schema accepts into OpenClaw's validators.

const PATTERN_SAMPLES: Record<string, string> = {
  '^[a-f0-9]{64}$': 'a'.repeat(64),
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'tab-one',
};

export function sampleFromJsonSchema(schema: JsonSchema, mode: 'full' | 'minimal'): unknown {
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  if (Array.isArray(schema['anyOf'])) return sampleFromJsonSchema(schema['anyOf'][0] as JsonSchema, mode);
  const type = Array.isArray(schema['type']) ? (schema['type'] as unknown[])[0] : schema['type'];
  switch (type) {
    case 'object': {
      const properties = (schema['properties'] as Record<string, JsonSchema> | undefined) ?? {};
      const required = new Set((schema['required'] as string[] | undefined) ?? []);
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(properties)) {
        if (mode === 'full' || required.has(key)) value[key] = sampleFromJsonSchema(property, mode);
      }
      const additional = schema['additionalProperties'];
      if (Object.keys(properties).length === 0 && typeof additional === 'object' && additional !== null && mode === 'full') {
        value['key'] = sampleFromJsonSchema(additional as JsonSchema, mode);
      }
      return value;
    }
    case 'array': {
      const minItems = (schema['minItems'] as number | undefined) ?? 0;
      const count = Math.max(minItems, mode === 'full' ? 1 : 0);
      return Array.from({ length: count }, (_, i) => {
        const item = sampleFromJsonSchema(schema['items'] as JsonSchema, mode);
        return typeof item === 'string' ? `${item}${i === 0 ? '' : i}` : item;
      });
    }
    case 'string': {
      const pattern = schema['pattern'] as string | undefined;
      if (pattern !== undefined) {
        const sample = PATTERN_SAMPLES[pattern];
        if (sample === undefined) throw new Error(`no sample for pattern ${pattern}`);
        return sample;
      }
      const minLength = (schema['minLength'] as number | undefined) ?? 0;
      return 's'.repeat(Math.max(minLength, 1));
    }
    case 'integer':
    case 'number':
      return (schema['minimum'] as number | undefined) ?? 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {}; // any JSON
  }
}
