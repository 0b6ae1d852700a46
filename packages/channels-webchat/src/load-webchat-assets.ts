import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChannelError } from '@rusty-claw/plugin-sdk';
import { WEBCHAT_ASSET_FILES, type WebchatAssetFile } from './webchat-asset-files.js';

export type WebchatAssets = Readonly<Record<WebchatAssetFile, Buffer>>;

/**
 * Where the built assets are: `dist/assets` beside the bundled `dist/index.js`, or, when running from source
 * (tests, the `@rusty-claw/source` condition), `../dist/assets` from `src/`.
 */
function defaultCandidates(): string[] {
  return [new URL('./assets/', import.meta.url), new URL('../dist/assets/', import.meta.url)].map((url) => fileURLToPath(url));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Reads the four asset files once (they are small and served from memory). */
export async function loadWebchatAssets(assetsDir?: string): Promise<{ dir: string; files: WebchatAssets }> {
  const candidates = assetsDir === undefined ? defaultCandidates() : [assetsDir];
  for (const dir of candidates) {
    if (!(await exists(join(dir, 'chat.html')))) continue;
    const entries = await Promise.all(WEBCHAT_ASSET_FILES.map(async (file) => [file, await readFile(join(dir, file))] as const));
    return { dir, files: Object.fromEntries(entries) as Record<WebchatAssetFile, Buffer> };
  }
  throw new ChannelError('webchat', `the web chat assets are not built (looked in ${candidates.join(', ')}); run pnpm --filter @rusty-claw/channels-webchat build`, {
    code: 'WEBCHAT_ASSETS_MISSING',
  });
}

/** A strong validator of a response body, for `ETag` / `If-None-Match`. */
export function entityTag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
