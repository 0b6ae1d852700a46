import { describe, expect, test } from 'vitest';
import { createMemorySessionState, createMemorySessionStore } from './memory-session-store.js';
import { describeSessionStoreContract } from './describe-session-store-contract.js';
import { sampleTranscriptEntry as entry } from './session-store-fixtures.js';

describeSessionStoreContract(
  () => {
    const state = createMemorySessionState();
    return { open: () => createMemorySessionStore({ state }) };
  },
  {
    name: 'memory',
    additionalTests: (context) => {
      test('replace and delete keep the old transcripts in the archive', async () => {
        const store = context.store as ReturnType<typeof createMemorySessionStore>;
        await store.append('k', [entry('1'), entry('2')]);
        await store.replace('k', [entry('s')], { expectedVersion: 2 });
        await store.delete('k');
        expect(store.archived('k')).toEqual([[entry('1'), entry('2')], [entry('s')]]);
      });
    },
  },
);

describe('createMemorySessionStore', () => {
  test('uses the injected clock and id generator', async () => {
    let now = 1000;
    const store = createMemorySessionStore({ now: () => now, generateSessionId: () => 'sess-1' });
    await store.append('k', [entry('1')]);
    now = 5000;
    await store.append('j', [entry('1')]);
    expect(await store.get('k')).toMatchObject({ sessionId: 'sess-1', updatedAt: 1000 });
    expect((await store.list({ activeWithinMs: 1000 })).map((record) => record.key)).toEqual(['j']);
  });
});
