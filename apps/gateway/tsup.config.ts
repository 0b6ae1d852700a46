import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    main: 'src/main.ts',
    'compose/index': 'src/compose/index.ts',
    // Its own entry so `rusty-claw config …` can register channel schemas without loading the gateway package.
    'compose/register-channel-configs': 'src/compose/register-channel-configs.ts',
  },
  format: ['esm'],
  target: 'node24',
  clean: true,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
});
