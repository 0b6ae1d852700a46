import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WEBCHAT_ASSET_FILES } from '../webchat-asset-files.js';

const browserDir = fileURLToPath(new URL('../browser/', import.meta.url));

/**
 * Builds the browser side into `outDir`: `chat.js` (the page) and `widget.js` (the embeddable widget) as minified
 * IIFE bundles (no framework, no runtime imports; the widget carries its CSS as text for its shadow root), plus
 * `chat.css` and `chat.html` copied as they are. Used by `pnpm build` (into dist/assets) and by the tests.
 */
export async function buildWebchatAssets(options: { outDir: string; version?: string; minify?: boolean }): Promise<Record<string, number>> {
  await mkdir(options.outDir, { recursive: true });
  await build({
    entryPoints: { chat: join(browserDir, 'chat-page.ts'), widget: join(browserDir, 'widget.ts') },
    outdir: options.outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    loader: { '.css': 'text' },
    define: { __WEBCHAT_VERSION__: JSON.stringify(options.version ?? '0.1.0') },
    logLevel: 'silent',
  });
  for (const file of ['chat.css', 'chat.html']) await copyFile(join(browserDir, file), join(options.outDir, file));
  const sizes: Record<string, number> = {};
  for (const file of WEBCHAT_ASSET_FILES) sizes[file] = (await stat(join(options.outDir, file))).size;
  return sizes;
}
