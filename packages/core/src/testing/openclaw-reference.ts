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

/** OpenClaw's own config validator (src/config/validation.ts: schema + cross-field checks). */
export function loadOpenClawValidator(): Promise<(raw: unknown, options?: { validateBundledChannels?: boolean }) => OpenClawValidationResult> {
  return importExport(/^io-[\w-]+\.js$/, 'function validateConfigObjectRaw(', 'validateConfigObjectRaw');
}

/** Ajv 2020-12 from the compat suite's dependencies, to check our JSON Schema with a real validator. */
export async function loadAjv2020(): Promise<new (options: Record<string, unknown>) => { compile: (schema: unknown) => ((data: unknown) => boolean) & { errors?: unknown[] | null } }> {
  const module = (await import(fileURLToPath(new URL('../../../../tooling/compat/node_modules/ajv/dist/2020.js', import.meta.url)))) as { default: never };
  return module.default;
}
