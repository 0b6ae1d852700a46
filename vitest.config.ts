import { defineConfig } from 'vitest/config';

// vitest >= 4 ignores vitest.workspace.ts: the projects live here.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/*'],
  },
});
