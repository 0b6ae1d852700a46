import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { MockLanguageModel, mockResponses } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FileSessionStore } from '../session/file-session-store.js';
import { killHard, lineCollector, spawnTsChild, type TsChild } from '../session/testing/spawn-ts-child.js';
import { makeTempDir } from '../testing/temp-dir.js';
import { runAgent } from './run-agent.js';
import { buildSessionContext } from './session-context.js';
import { candidate, readEntries, readMessages } from './testing/agent-test-helpers.js';

const child = fileURLToPath(new URL('./testing/agent-crash-child.ts', import.meta.url));
const key = 'agent:main:main';

/** Entry ids in every transcript file of the directory: the current ones and every archive. */
async function idsOnDisk(dir: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const name of await readdir(dir)) {
    if (!name.includes('.jsonl')) continue;
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (line === '') continue;
      const entry = JSON.parse(line) as { id?: string };
      if (entry.id) ids.add(entry.id);
    }
  }
  return ids;
}

describe('kill -9 during agent work', () => {
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

  test('during compaction: the store loads and no acknowledged turn is lost (current transcript or archive)', async () => {
    const acked = new Set<string>();
    for (let round = 0; round < 4; round++) {
      running = spawnTsChild(child, ['compact', temp.dir]);
      const output = lineCollector(running);
      const compactions = 1 + Math.floor(Math.random() * 3);
      await output.waitFor((lines) => lines.filter((line) => line === 'compacting').length >= compactions);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
      await killHard(running);
      running = undefined;
      for (const line of output.lines) if (line.startsWith('ack ')) acked.add(line.slice(4));

      const store = new FileSessionStore({ dir: temp.dir });
      try {
        const entries = await readEntries(store, key);
        expect((await store.get(key))?.version).toBeGreaterThan(0);
        const onDisk = await idsOnDisk(temp.dir);
        expect([...acked].filter((id) => !onDisk.has(id))).toEqual([]);
        // The current transcript is a valid session: a compaction summary (if any) then whole turns.
        const context = buildSessionContext(entries);
        expect(context.length).toBeGreaterThan(0);
        expect(entries.filter((entry) => entry.type === 'compaction').length).toBeLessThanOrEqual(1);
      } finally {
        await store.close();
      }
    }
  }, 20_000);

  test('during a streaming turn: the user message is there after restart and the next run continues', async () => {
    running = spawnTsChild(child, ['stream', temp.dir]);
    const output = lineCollector(running);
    await output.waitFor((lines) => lines.includes('accepted') && lines.filter((line) => line === 'delta').length >= 2);
    const pid = running.pid;
    await killHard(running);
    running = undefined;

    const store = new FileSessionStore({ dir: temp.dir });
    try {
      const messages = await readMessages(store, key);
      expect(messages).toEqual([{ role: 'user', content: [{ type: 'text', text: `hello from ${pid}` }], timestamp: expect.any(Number) }]);
      const model = new MockLanguageModel({ stream: mockResponses.text('welcome back') });
      const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'are you there?', models: [candidate(model)] });
      expect(result.status).toBe('ok');
      expect(model.prompt().map((message) => message.role)).toEqual(['user', 'user']);
      expect((await readEntries(store, key)).map((entry) => (entry as TranscriptEntry & { message: { role: string } }).message.role)).toEqual(['user', 'user', 'assistant']);
    } finally {
      await store.close();
    }
  }, 20_000);
});
