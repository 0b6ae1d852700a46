import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildWebchatAssets } from '../build/build-webchat-assets.js';
import { CHROMIUM_PATH } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser bundles, built once per run from the current sources. */
    webchatAssetsDir: string;
  }
}

const ensureScript = fileURLToPath(new URL('../../../../tooling/scripts/ensure-chromium.sh', import.meta.url));

/**
 * Once per test run: makes sure Chromium is installed (the idempotent CI step, run here too so a fresh machine
 * works) and builds the assets from source into a temp dir, so tests never serve a stale dist/.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    try {
      execFileSync('sh', [ensureScript], { stdio: 'inherit' });
    } catch (error) {
      throw new Error(`Chromium is missing at ${CHROMIUM_PATH} and could not be installed; run tooling/scripts/ensure-chromium.sh as root (or set CHROMIUM_PATH)`, { cause: error });
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'rc-webchat-assets-'));
  await buildWebchatAssets({ outDir: dir, minify: true });
  project.provide('webchatAssetsDir', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
