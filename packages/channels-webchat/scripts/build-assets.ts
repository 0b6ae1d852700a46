// Builds dist/assets (the browser bundles, CSS and page template) with esbuild. Runs on plain Node 24 (type
// stripping); the sources import each other with `.js` suffixes, which the hook below maps to the `.ts` files.
import { readFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});

const { buildWebchatAssets } = await import('../src/build/build-webchat-assets.js');
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const sizes = await buildWebchatAssets({ outDir: new URL('../dist/assets/', import.meta.url).pathname, version });
for (const [file, size] of Object.entries(sizes)) console.log(`dist/assets/${file}  ${(size / 1024).toFixed(1)} KiB`);
