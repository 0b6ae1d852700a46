import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

/**
 * The gateway imports this package on its start path whether or not Discord is configured, so discord.js (about
 * 1.4 s and several MiB to load) may only be imported lazily: `import type` or `await import()` inside start.
 */
test('no runtime (non-type) static import of discord.js or @discordjs/* in the package source', () => {
  const root = import.meta.dirname;
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('test-support'),
  );
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return /^import\s+(?!type\b)[^;]*from\s+'(discord\.js|@discordjs\/[^']+)'/m.test(source);
  });
  expect(offenders).toEqual([]);
});
