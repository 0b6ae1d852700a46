import { fileURLToPath } from 'node:url';
import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir } from '../testing/temp-dir.js';
import { FileSessionStore } from './file-session-store.js';
import { killHard, lineCollector, spawnTsChild, type TsChild } from './testing/spawn-ts-child.js';

const child = fileURLToPath(new URL('./testing/append-loop-child.ts', import.meta.url));

async function ids(store: FileSessionStore, key: string): Promise<string[]> {
  const result: string[] = [];
  for await (const entry of store.read(key)) result.push((entry as TranscriptEntry).id);
  return result;
}

describe('FileSessionStore after kill -9', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let running: TsChild | undefined;

  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    if (running) await killHard(running);
    running = undefined;
    await temp.cleanup();
  });

  test.each([
    ['one entry per append', '1'],
    ['five entries per append', '5'],
  ])('every acknowledged append survives, in order, and the store keeps working (%s)', async (_name, batch) => {
    const key = 'agent:main:main';
    let acknowledged = -1;
    for (let round = 0; round < 3; round++) {
      running = spawnTsChild(child, [temp.dir, key, batch]);
      const output = lineCollector(running);
      const target = acknowledged + 20 + Math.floor(Math.random() * 30);
      await output.waitFor((lines) => lines.some((line) => Number(line.slice(4)) >= target));
      await killHard(running);
      running = undefined;
      acknowledged = Math.max(...output.lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4))));

      const store = new FileSessionStore({ dir: temp.dir });
      try {
        const seen = await ids(store, key);
        // Nothing acknowledged is missing; at most the appends in flight at the kill are there too; no gaps, no repeats.
        expect(seen.length).toBeGreaterThanOrEqual(acknowledged + 1);
        expect(seen).toEqual(Array.from({ length: seen.length }, (_, index) => `e${index}`));
        const record = await store.get(key);
        expect(record?.version).toBe(seen.length);
        acknowledged = seen.length - 1;
      } finally {
        await store.close();
      }
    }
  }, 20_000);
});
