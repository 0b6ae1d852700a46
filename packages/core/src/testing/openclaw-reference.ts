import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

// OpenClaw 2026.5.7 as installed for the compatibility suite (tooling/compat). Its dist file names carry
// content hashes and its exports are minified aliases, so both are found by content, not hard-coded.
const PACKAGE_DIR = fileURLToPath(new URL('../../../../tooling/compat/node_modules/openclaw-v3/', import.meta.url));
const DIST_DIR = `${PACKAGE_DIR}dist/`;

export const OPENCLAW_REFERENCE_VERSION = '2026.5.7';

export async function openclawVersion(): Promise<string> {
  return (JSON.parse(await readFile(`${PACKAGE_DIR}package.json`, 'utf8')) as { version: string }).version;
}

async function importExport<T>(fileName: RegExp, definition: string, exportName: string): Promise<T> {
  for (const file of (await readdir(DIST_DIR)).filter((name) => fileName.test(name))) {
    const text = await readFile(`${DIST_DIR}${file}`, 'utf8');
    if (!text.includes(definition)) continue;
    const alias = new RegExp(`\\b${exportName} as (\\w+)\\b`).exec(text)?.[1];
    if (alias === undefined) throw new Error(`${file} defines ${exportName} but does not export it`);
    const module = (await import(`${DIST_DIR}${file}`)) as Record<string, unknown>;
    return module[alias] as T;
  }
  throw new Error(`no OpenClaw dist file defines ${exportName}`);
}

/** OpenClaw's root zod schema (src/config/zod-schema.ts). */
export function loadOpenClawSchema(): Promise<z.ZodType> {
  return importExport(/^zod-schema-[\w-]+\.js$/, 'const OpenClawSchema = ', 'OpenClawSchema');
}

export type OpenClawValidationResult = { ok: true; config: unknown } | { ok: false; issues: Array<{ path: string; message: string }> };

/** Every path OpenClaw's schema registers as sensitive (`*` = record key, `[]` = array item). */
export async function openclawSensitivePaths(): Promise<string[]> {
  const schema = await loadOpenClawSchema();
  const registry = await importExport<{ has: (schema: unknown) => boolean }>(/^zod-schema\.sensitive-[\w-]+\.js$/, 'const sensitive = ', 'sensitive');
  const found = new Set<string>();
  const walk = (node: unknown, path: string, depth: number): void => {
    if (node === undefined || depth > 60) return;
    if (registry.has(node)) found.add(path);
    const def = (node as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    const child = (key: string) => def[key] as unknown;
    switch (def.type) {
      case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
        return walk(child('innerType'), path, depth + 1);
      case 'pipe':
        walk(child('in'), path, depth + 1);
        return walk(child('out'), path, depth + 1);
      case 'lazy':
        return walk((child('getter') as () => unknown)(), path, depth + 1);
      case 'object':
        for (const [key, value] of Object.entries(child('shape') as Record<string, unknown>)) walk(value, path === '' ? key : `${path}.${key}`, depth + 1);
        if (child('catchall') !== undefined) walk(child('catchall'), `${path}.*`, depth + 1);
        return;
      case 'record':
        return walk(child('valueType'), `${path}.*`, depth + 1);
      case 'array':
        return walk(child('element'), `${path}[]`, depth + 1);
      case 'union':
        for (const option of child('options') as unknown[]) walk(option, path, depth + 1);
        return;
      default:
    }
  };
  walk(schema, '', 0);
  return [...found].sort();
}

/** OpenClaw's own config validator (src/config/validation.ts: schema + cross-field checks). */
export function loadOpenClawValidator(): Promise<(raw: unknown, options?: { validateBundledChannels?: boolean }) => OpenClawValidationResult> {
  return importExport(/^io-[\w-]+\.js$/, 'function validateConfigObjectRaw(', 'validateConfigObjectRaw');
}

/** Ajv 2020-12 from the compat suite's dependencies, to check our JSON Schema with a real validator. */
export async function loadAjv2020(): Promise<new (options: Record<string, unknown>) => { compile: (schema: unknown) => ((data: unknown) => boolean) & { errors?: unknown[] | null } }> {
  const module = (await import(fileURLToPath(new URL('../../../../tooling/compat/node_modules/ajv/dist/2020.js', import.meta.url)))) as { default: never };
  return module.default;
}
