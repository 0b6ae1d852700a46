import { defineConfig } from 'tsup';

// The Node side only. The browser bundles (dist/assets) are built by scripts/build-assets.ts with esbuild.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node24',
  dts: true,
  clean: true,
  sourcemap: true,
});
