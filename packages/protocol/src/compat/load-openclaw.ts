import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Test-time access to the two reference OpenClaw packages installed (read-only) in tooling/compat.
// Nothing here is bundled: tsup builds only src/index.ts, and only tests import this file.

/** A JSON Schema object as TypeBox emits it (plain data). */
export type JsonSchema = { [key: string]: unknown };

const compatModules = new URL('../../../../tooling/compat/node_modules/', import.meta.url);

/** `dist/` of `openclaw-v3` (2026.5.7) or `openclaw-v4` (2026.9.6). */
export function openClawDist(version: 'v3' | 'v4'): string {
  return new URL(`openclaw-${version}/dist/`, compatModules).pathname;
}

/** OpenClaw's TypeBox protocol schemas by name (`HelloOk`, `ConnectParams`, …), v3 or v4. */
export async function loadOpenClawSchemas(version: 'v3' | 'v4'): Promise<Record<string, JsonSchema>> {
  const file = pathToFileURL(join(openClawDist(version), 'gateway/protocol/index.js')).href;
  const module = (await import(file)) as Record<string, unknown>;
  if (version === 'v3') return module['ProtocolSchemas'] as Record<string, JsonSchema>;
  // v4's index has no ProtocolSchemas map; it exports `<Name>Schema` constants instead.
  const schemas: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(module)) {
    if (key.endsWith('Schema') && typeof value === 'object' && value !== null) schemas[key.slice(0, -'Schema'.length)] = value as JsonSchema;
  }
  return schemas;
}

/**
 * Imports the dist chunk holding OpenClaw's `//#region src/<path>` (chunk names are content hashes,
 * so they are found by their region marker, as the spec suggests).
 */
export async function importOpenClawRegion(version: 'v3' | 'v4', sourcePath: string): Promise<Record<string, unknown>> {
  const dist = openClawDist(version);
  const marker = `//#region ${sourcePath}`;
  const chunk = readdirSync(dist).find((name) => /\.m?js$/.test(name) && readFileSync(join(dist, name), 'utf8').includes(marker));
  if (chunk === undefined) throw new Error(`no chunk of openclaw-${version} contains ${marker}`);
  return (await import(pathToFileURL(join(dist, chunk)).href)) as Record<string, unknown>;
}
