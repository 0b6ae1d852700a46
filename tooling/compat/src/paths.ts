// Where things live, resolved from this file so the harness works from any cwd (vitest, node, pnpm).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** tooling/compat */
export const compatRoot = resolve(here, '..');
/** the monorepo root */
export const repoRoot = resolve(compatRoot, '../..');
/** The built `rusty-claw` bin (apps/cli, built by `pnpm exec turbo run build`). */
export const rustyClawCliMain = resolve(repoRoot, 'apps/cli/dist/main.js');

export type OpenClawVersion = 'v3' | 'v4';

/** npm-alias package directory of a reference OpenClaw version (v3 = 2026.5.7, v4 = 2026.9.6). */
export function openClawPackageDir(version: OpenClawVersion): string {
  return resolve(compatRoot, 'node_modules', `openclaw-${version}`);
}

export function openClawEntry(version: OpenClawVersion): string {
  return resolve(openClawPackageDir(version), 'openclaw.mjs');
}

export const OPENCLAW_RELEASE: Record<OpenClawVersion, string> = { v3: '2026.5.7', v4: '2026.9.6' };

/** Fail with a message that says what to do, instead of an ENOENT deep inside a spawn. */
export function assertBuilt(): void {
  if (!existsSync(rustyClawCliMain)) {
    throw new Error(`${rustyClawCliMain} is missing: run \`pnpm exec turbo run build\` at the repo root first`);
  }
}
