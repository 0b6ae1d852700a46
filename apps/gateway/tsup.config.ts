import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/main.ts', 'compose/index': 'src/compose/index.ts' },
  format: ['esm'],
  target: 'node24',
  clean: true,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
});
