import { z } from 'zod';

/** The committed `protocol.schema.json`: one `definitions` entry per exported zod schema. */
export interface ProtocolJsonSchema {
  $schema: string;
  $id: string;
  title: string;
  description: string;
  definitions: Record<string, unknown>;
}

/**
 * JSON Schema (draft-07) of every zod schema among `exports` (the package's index namespace):
 * `FooSchema` becomes `definitions.Foo`, and a schema used inside another becomes a `$ref` to its own
 * definition. An alias (the same schema object exported twice, e.g. HealthSummarySchema =
 * HealthResultSchema) is listed once, under the first name in alphabetical order. `io: 'input'`
 * describes what a receiver accepts: lenient objects stay open (no `additionalProperties: false`).
 */
export function buildProtocolJsonSchema(exports: Record<string, unknown>): ProtocolJsonSchema {
  const registry = z.registry<{ id: string }>();
  const seen = new Set<unknown>();
  for (const [name, value] of Object.entries(exports).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.endsWith('Schema') || !(value instanceof z.ZodType) || seen.has(value)) continue;
    seen.add(value);
    registry.add(value, { id: name.slice(0, -'Schema'.length) });
  }
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-7', io: 'input', uri: (id) => `#/definitions/${id}` });
  const definitions: Record<string, unknown> = {};
  for (const id of Object.keys(schemas).sort()) {
    const { $schema: _draft, $id: _id, ...definition } = schemas[id] as Record<string, unknown>;
    definitions[id] = definition;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/rusty-claw/rusty-claw/packages/protocol/protocol.schema.json',
    title: 'Rusty Claw Gateway protocol (OpenClaw-compatible v3 + v4)',
    description: 'Generated from the zod schemas of @rusty-claw/protocol by `pnpm --filter @rusty-claw/protocol schema:gen`. Do not edit.',
    definitions,
  };
}
