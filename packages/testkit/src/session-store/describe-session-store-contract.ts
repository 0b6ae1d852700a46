import { RustyClawError, SessionConflictError, type SessionStore, type TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sampleTranscriptEntry as entry, variedTranscriptEntries } from './session-store-fixtures.js';

/** A fresh, empty place to keep sessions (a temp dir, a memory state, …) that can be opened more than once. */
export interface SessionStoreFixture {
  /** Opens a store on the fixture's data; called again after `close()` to prove the data survives a reopen. */
  open(): SessionStore | Promise<SessionStore>;
  /** Removes the fixture's data (temp dirs). */
  cleanup?(): void | Promise<void>;
}

export interface SessionStoreContractContext {
  /** The store of the current test (opened in `beforeEach`). */
  readonly store: SessionStore;
  readonly fixture: SessionStoreFixture;
}

export interface SessionStoreContractOptions {
  name?: string;
  additionalTests?(context: SessionStoreContractContext): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAll(store: SessionStore, key: string, fromSeq?: number): Promise<TranscriptEntry[]> {
  const entries: TranscriptEntry[] = [];
  for await (const item of store.read(key, fromSeq === undefined ? {} : { fromSeq })) entries.push(item);
  return entries;
}

async function conflict(promise: Promise<unknown>): Promise<SessionConflictError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!SessionConflictError.isInstance(error)) throw new Error(`expected a SessionConflictError, got ${String(error)}`);
  return error;
}

/**
 * The conformance suite of `SessionStore`. `makeStore` is called before each test and returns a fixture over fresh,
 * empty storage. Version arithmetic it pins: `append` adds exactly its entry count; `replace` makes the version
 * strictly greater (so a writer holding a pre-replace version always conflicts).
 */
export function describeSessionStoreContract(
  makeStore: () => SessionStoreFixture | Promise<SessionStoreFixture>,
  options: SessionStoreContractOptions = {},
): void {
  describe(`SessionStore contract${options.name ? `: ${options.name}` : ''}`, () => {
    let fixture: SessionStoreFixture | undefined;
    let current: SessionStore | undefined;
    const opened: SessionStore[] = [];
    const open = async (): Promise<SessionStore> => {
      const store = await (fixture as SessionStoreFixture).open();
      opened.push(store);
      return store;
    };
    const context: SessionStoreContractContext = {
      get store() {
        if (!current) throw new Error('the store opens in beforeEach: use it inside tests');
        return current;
      },
      get fixture() {
        if (!fixture) throw new Error('the fixture is made in beforeEach: use it inside tests');
        return fixture;
      },
    };

    beforeEach(async () => {
      fixture = await makeStore();
      current = await open();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      await fixture?.cleanup?.();
      fixture = undefined;
      current = undefined;
    });

    test('an unknown key has no record and no entries', async () => {
      const store = context.store;
      expect(store.specificationVersion).toBe('v1');
      expect(await store.get('agent:main:nope')).toBeUndefined();
      expect(await readAll(store, 'agent:main:nope')).toEqual([]);
      expect(await store.list()).toEqual([]);
    });

    test('append creates the session and read returns the entries in order', async () => {
      const store = context.store;
      const before = Date.now();
      const record = await store.append('agent:main:main', [entry('1'), entry('2', 'entry-1')], { meta: { label: 'Main' } });
      expect(record).toMatchObject({ key: 'agent:main:main', version: 2, meta: { label: 'Main' } });
      expect(typeof record.sessionId).toBe('string');
      expect(record.sessionId.length).toBeGreaterThan(0);
      expect(record.updatedAt).toBeGreaterThanOrEqual(before);
      expect(record.updatedAt).toBeLessThanOrEqual(Date.now());
      expect(await store.get('agent:main:main')).toEqual(record);
      expect(await readAll(store, 'agent:main:main')).toEqual([entry('1'), entry('2', 'entry-1')]);
    });

    test('every entry kind round-trips verbatim', async () => {
      await context.store.append('k', variedTranscriptEntries());
      expect(await readAll(context.store, 'k')).toEqual(variedTranscriptEntries());
    });

    test('later appends add to the version, keep the session id, and read fromSeq skips earlier entries', async () => {
      const store = context.store;
      const first = await store.append('k', [entry('1')]);
      const second = await store.append('k', [entry('2'), entry('3')], { expectedVersion: 1 });
      expect(second.version).toBe(3);
      expect(second.sessionId).toBe(first.sessionId);
      expect(await readAll(store, 'k', 1)).toEqual([entry('2'), entry('3')]);
      expect(await readAll(store, 'k', 3)).toEqual([]);
    });

    test('a stale expectedVersion rejects with SessionConflictError and writes nothing', async () => {
      const store = context.store;
      await store.append('k', [entry('1'), entry('2')], { expectedVersion: 0 });
      const error = await conflict(store.append('k', [entry('x')], { expectedVersion: 1, meta: { label: 'stale' } }));
      expect(error).toMatchObject({ key: 'k', expectedVersion: 1, actualVersion: 2, code: 'SESSION_CONFLICT' });
      expect(await readAll(store, 'k')).toEqual([entry('1'), entry('2')]);
      expect(await store.get('k')).toMatchObject({ version: 2, meta: {} });
      await conflict(store.append('new-key', [entry('1')], { expectedVersion: 3 }));
      expect(await store.get('new-key')).toBeUndefined();
    });

    test('stored data is a copy: mutating inputs or outputs changes nothing', async () => {
      const store = context.store;
      const input = [entry('1')];
      const meta = { tags: ['a'] };
      await store.append('k', input, { meta });
      (input[0] as { id: string }).id = 'mutated';
      input.push(entry('2'));
      meta.tags.push('b');
      const [read] = await readAll(store, 'k');
      (read as { id: string }).id = 'mutated-too';
      const record = await store.get('k');
      if (!record) throw new Error('the session vanished');
      (record.meta['tags'] as string[]).push('c');
      expect(await readAll(store, 'k')).toEqual([entry('1')]);
      expect((await store.get('k'))?.meta).toEqual({ tags: ['a'] });
    });

    test('list sorts by most recent update and filters by key prefix, activity and limit', async () => {
      const store = context.store;
      const old = await store.append('agent:main:old', [entry('1')]);
      await sleep(120);
      await store.append('agent:main:new', [entry('1')]);
      await store.append('agent:other:x', [entry('1')]);
      expect((await store.list({ keyPrefix: 'agent:main:' })).map((record) => record.key).sort()).toEqual(['agent:main:new', 'agent:main:old']);
      expect(await store.list({ limit: 1 })).toHaveLength(1);
      // A window that excludes "old" by a 60 ms margin and includes what was written just now.
      const recent = await store.list({ activeWithinMs: Date.now() - old.updatedAt - 60 });
      expect(recent.map((record) => record.key).sort()).toEqual(['agent:main:new', 'agent:other:x']);
      const all = await store.list();
      const times = all.map((record) => record.updatedAt);
      expect(times).toEqual(times.toSorted((a, b) => b - a));
      expect(all.at(-1)?.key).toBe('agent:main:old');
    });

    test('replace swaps the transcript, raises the version, and fences off pre-replace writers', async () => {
      const store = context.store;
      const start = await store.append('k', [entry('1'), entry('2'), entry('3')], { meta: { label: 'L' } });
      const replaced = await store.replace('k', [entry('summary')], { expectedVersion: 3 });
      expect(replaced.version).toBeGreaterThan(3);
      expect(replaced.sessionId).toBe(start.sessionId);
      expect(replaced.meta).toEqual({ label: 'L' });
      expect(await readAll(store, 'k')).toEqual([entry('summary')]);
      await conflict(store.append('k', [entry('late')], { expectedVersion: 3 }));
      await conflict(store.replace('k', [], { expectedVersion: 3 }));
      const next = await store.append('k', [entry('4')], { expectedVersion: replaced.version });
      expect(next.version).toBe(replaced.version + 1);
      expect(await readAll(store, 'k')).toEqual([entry('summary'), entry('4')]);
    });

    test('an empty replace (reset) still fences off the old version', async () => {
      const store = context.store;
      await store.append('k', [entry('1')]);
      const reset = await store.replace('k', [], { expectedVersion: 1 });
      expect(reset.version).toBeGreaterThan(1);
      expect(await readAll(store, 'k')).toEqual([]);
      await conflict(store.append('k', [entry('late')], { expectedVersion: 1 }));
    });

    test('patch merges meta without touching the transcript or the version', async () => {
      const store = context.store;
      const start = await store.append('k', [entry('1')], { meta: { label: 'A', model: 'x' } });
      const patched = await store.patch('k', { label: 'B', thinkingLevel: 'high' });
      expect(patched).toMatchObject({ version: 1, sessionId: start.sessionId, meta: { label: 'B', model: 'x', thinkingLevel: 'high' } });
      expect(patched.updatedAt).toBeGreaterThanOrEqual(start.updatedAt);
      expect(await store.get('k')).toEqual(patched);
      expect(await readAll(store, 'k')).toEqual([entry('1')]);
      const created = await store.patch('fresh', { label: 'New' });
      expect(created).toMatchObject({ key: 'fresh', version: 0, meta: { label: 'New' } });
    });

    test('delete removes the session; a later append starts a new one', async () => {
      const store = context.store;
      const first = await store.append('k', [entry('1'), entry('2')]);
      expect(await store.delete('k')).toBe(true);
      expect(await store.delete('k')).toBe(false);
      expect(await store.get('k')).toBeUndefined();
      expect(await readAll(store, 'k')).toEqual([]);
      expect(await store.list()).toEqual([]);
      const again = await store.append('k', [entry('3')], { expectedVersion: 0 });
      expect(again.version).toBe(1);
      expect(again.sessionId).not.toBe(first.sessionId);
    });

    test('concurrent appends to one key neither interleave nor lose entries', async () => {
      const store = context.store;
      const batches = Array.from({ length: 20 }, (_, batch) => [0, 1, 2].map((item) => entry(`${batch}.${item}`)));
      const records = await Promise.all(batches.map((batch) => store.append('k', batch)));
      expect(records.map((record) => record.version).sort((a, b) => a - b)).toEqual(batches.map((_, index) => (index + 1) * 3));
      const entries = await readAll(store, 'k');
      expect(entries).toHaveLength(60);
      for (let start = 0; start < 60; start += 3) {
        const batch = entries[start]?.id.split('.')[0];
        expect(entries.slice(start, start + 3).map((item) => item.id)).toEqual([0, 1, 2].map((item) => `${batch}.${item}`));
      }
      expect(new Set(entries.map((item) => item.id)).size).toBe(60);
      expect((await store.get('k'))?.version).toBe(60);
    });

    test('of concurrent writers holding the same version, exactly one wins', async () => {
      const store = context.store;
      await store.append('k', [entry('base')]);
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => store.append('k', [entry(`w${index}`)], { expectedVersion: 1 })));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) if (result.status === 'rejected') expect(SessionConflictError.isInstance(result.reason)).toBe(true);
      expect(await readAll(store, 'k')).toHaveLength(2);
    });

    test('concurrent appends to different keys stay apart', async () => {
      const store = context.store;
      await Promise.all(['a', 'b', 'c'].flatMap((key) => [1, 2, 3].map((index) => store.append(key, [entry(`${key}${index}`)]))));
      for (const key of ['a', 'b', 'c']) {
        expect((await readAll(store, key)).map((item) => item.id).sort()).toEqual([1, 2, 3].map((index) => `entry-${key}${index}`));
      }
    });

    test('data survives close and reopen; a closed store refuses work', async () => {
      const store = context.store;
      const record = await store.append('agent:main:main', [entry('1'), entry('2')], { meta: { label: 'kept' } });
      await store.replace('agent:main:main', [entry('s')], { expectedVersion: 2 });
      await store.patch('agent:main:main', { label: 'kept' });
      const before = await store.get('agent:main:main');
      await store.close();
      await expect(store.append('agent:main:main', [entry('late')])).rejects.toThrow();
      const reopened = await open();
      expect(await reopened.get('agent:main:main')).toEqual(before);
      expect((await reopened.get('agent:main:main'))?.sessionId).toBe(record.sessionId);
      expect(await readAll(reopened, 'agent:main:main')).toEqual([entry('s')]);
      expect((await reopened.list()).map((item) => item.key)).toEqual(['agent:main:main']);
      const next = await reopened.append('agent:main:main', [entry('3')], { expectedVersion: before?.version as number });
      expect(next.version).toBe((before?.version as number) + 1);
    });

    test('an empty key is a typed error', async () => {
      await expect(context.store.append('', [entry('1')])).rejects.toSatisfy((error) => RustyClawError.isInstance(error));
      expect(await context.store.list()).toEqual([]);
    });

    options.additionalTests?.(context);
  });
}
