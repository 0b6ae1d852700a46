import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@rusty-claw/source'] },
  ssr: { resolve: { conditions: ['@rusty-claw/source'] } },
  test: {
    name: 'channels-webchat',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    // Chromium start-up plus a gateway per test; nothing here waits on wall-clock timing.
    testTimeout: 15_000,
    hookTimeout: 20_000,
  },
});
