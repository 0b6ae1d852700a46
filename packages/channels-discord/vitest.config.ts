import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@rusty-claw/source'] },
  ssr: { resolve: { conditions: ['@rusty-claw/source'] } },
  test: { name: 'channels-discord', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
