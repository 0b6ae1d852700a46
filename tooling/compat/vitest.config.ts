import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@rusty-claw/source'] },
  ssr: { resolve: { conditions: ['@rusty-claw/source'] } },
  test: { name: 'compat', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 },
});
