import { z } from 'zod';
import { activeConfigSchema } from './channel-config-registry.js';
import { configUiHints } from './config-ui-hints.js';
import { isPlainObject } from './object-path.js';
import { patternSegments } from './openclaw-known-keys.js';
import { unsupportedKeysByPattern } from './split-unsupported.js';

type JsonSchema = Record<string, unknown>;

const UNSUPPORTED_DESCRIPTION = 'OpenClaw setting that Rusty Claw accepts but does not implement yet (reported as unsupported).';

/** The object-shaped node a pattern segment leads to (through anyOf branches, records and arrays). */
function objectBranch(node: unknown): JsonSchema | undefined {
  if (!isPlainObject(node)) return undefined;
  if (node['type'] === 'object' || isPlainObject(node['properties'])) return node;
  const branches = node['anyOf'] ?? node['oneOf'];
  if (Array.isArray(branches)) for (const branch of branches) if (objectBranch(branch)) return objectBranch(branch);
  return undefined;
}

function arrayItems(node: unknown): unknown {
  if (!isPlainObject(node)) return undefined;
  if (node['type'] === 'array') return node['items'];
  const branches = node['anyOf'] ?? node['oneOf'];
  if (Array.isArray(branches)) for (const branch of branches) if (isPlainObject(branch) && branch['type'] === 'array') return branch['items'];
  return undefined;
}

function nodeAt(root: JsonSchema, segments: readonly string[]): JsonSchema | undefined {
  let node: unknown = root;
  for (const segment of segments) {
    if (segment === '[]') {
      node = arrayItems(node);
      continue;
    }
    const object = objectBranch(node);
    if (object === undefined) return undefined;
    const properties = isPlainObject(object['properties']) ? object['properties'] : {};
    node = segment !== '*' && Object.hasOwn(properties, segment) ? properties[segment] : object['additionalProperties'];
  }
  return isPlainObject(node) ? node : undefined;
}

const cache = new WeakMap<z.ZodType, JsonSchema>();

function build(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  json['title'] = 'Rusty Claw config';
  json['description'] = 'rusty-claw.json (JSON5). OpenClaw-compatible: an openclaw.json using only implemented settings loads unchanged.';
  for (const [path, hint] of Object.entries(configUiHints())) {
    const node = nodeAt(json, patternSegments(path));
    if (node === undefined) continue;
    if (hint.label !== undefined) node['title'] = hint.label;
    if (hint.help !== undefined) node['description'] = hint.help;
    if (hint.sensitive === true) node['writeOnly'] = true;
  }
  // Editors must not flag OpenClaw settings the loader accepts: declare them as open, documented slots.
  for (const { pattern, keys } of unsupportedKeysByPattern(schema)) {
    const object = objectBranch(nodeAt(json, patternSegments(pattern)));
    if (object === undefined) continue;
    const properties = isPlainObject(object['properties']) ? object['properties'] : {};
    for (const key of keys) if (!Object.hasOwn(properties, key)) properties[key] = { description: UNSUPPORTED_DESCRIPTION };
    object['properties'] = properties;
  }
  return json;
}

/**
 * JSON Schema (draft 2020-12, input side: what may be written in the file) of the config with every
 * registered channel fragment, for editors (`$schema`) and the `config.schema` method. Built on first use
 * and cached, so config loading never pays for it.
 */
export function configJsonSchema(): JsonSchema {
  const schema = activeConfigSchema();
  let json = cache.get(schema);
  if (json === undefined) {
    json = build(schema);
    cache.set(schema, json);
  }
  return structuredClone(json);
}
