import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SessionConflictError, type TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { describeSessionStoreContract, sampleTranscriptEntry as entry } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir } from '../testing/temp-dir.js';
import { FileSessionStore } from './file-session-store.js';
import { SessionStoreError } from './session-store-error.js';

describeSessionStoreContract(
  async () => {
    const temp = await makeTempDir();
    return { open: () => new FileSessionStore({ stateDir: temp.dir, agentId: 'main', cwd: '/home/claw' }), cleanup: temp.cleanup };
  },
  { name: 'FileSessionStore' },
);

async function readAll(store: FileSessionStore, key: string): Promise<TranscriptEntry[]> {
  const entries: TranscriptEntry[] = [];
  for await (const item of store.read(key)) entries.push(item);
  return entries;
}

const lines = async (path: string): Promise<unknown[]> =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

describe('FileSessionStore on disk', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let stores: FileSessionStore[];
  const open = (options: Partial<ConstructorParameters<typeof FileSessionStore>[0]> = {}): FileSessionStore => {
    const store = new FileSessionStore({ stateDir: temp.dir, cwd: '/home/claw', ...options });
    stores.push(store);
    return store;
  };
  const sessionsDir = () => join(temp.dir, 'agents', 'main', 'sessions');

  beforeEach(async () => {
    temp = await makeTempDir();
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await temp.cleanup();
  });

  test('writes OpenClaw layout: sessions.json (key → entry) and <sessionId>.jsonl with a version-3 header', async () => {
    const store = open({ generateSessionId: () => 'sess-1', now: () => Date.parse('2026-11-25T12:00:00.000Z') });
    await store.append('agent:main:main', [entry('1'), entry('2', 'entry-1')], { meta: { label: 'Main', inputTokens: 3 } });
    const index = JSON.parse(await readFile(join(sessionsDir(), 'sessions.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(index).toEqual({
      'agent:main:main': { sessionId: 'sess-1', updatedAt: Date.parse('2026-11-25T12:00:00.000Z'), version: 2, transcriptBytes: expect.any(Number), label: 'Main', inputTokens: 3 },
    });
    const transcript = await lines(join(sessionsDir(), 'sess-1.jsonl'));
    expect(transcript[0]).toEqual({ type: 'session', version: 3, id: 'sess-1', timestamp: '2026-11-25T12:00:00.000Z', cwd: '/home/claw', rustyClaw: { versionBase: 0 } });
    expect(transcript.slice(1)).toEqual([entry('1'), entry('2', 'entry-1')]);
    expect(index['agent:main:main']?.['transcriptBytes']).toBe((await stat(join(sessionsDir(), 'sess-1.jsonl'))).size);
    expect((await stat(join(sessionsDir(), 'sessions.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(sessionsDir(), 'sess-1.jsonl'))).mode & 0o777).toBe(0o600);
  });

  test('loads an index and transcript OpenClaw wrote (no version, extra fields kept verbatim)', async () => {
    const dir = sessionsDir();
    await open().patch('agent:main:seed', { label: 'seed' }); // creates the directory
    const header = { type: 'session', version: 3, id: 'oc-1', timestamp: '2026-01-01T00:00:00.000Z', cwd: '/x' };
    await writeFile(join(dir, 'oc-1.jsonl'), [header, entry('a'), entry('b', 'entry-a')].map((line) => JSON.stringify(line)).join('\n') + '\n');
    await writeFile(
      join(dir, 'sessions.json'),
      JSON.stringify({ 'agent:main:main': { sessionId: 'oc-1', updatedAt: 5, thinkingLevel: 'high', origin: { label: 'tui' }, sessionFile: join(dir, 'oc-1.jsonl') } }),
    );
    const store = open();
    expect(await store.get('agent:main:main')).toEqual({ key: 'agent:main:main', sessionId: 'oc-1', updatedAt: 5, version: 0, meta: { thinkingLevel: 'high', origin: { label: 'tui' } } });
    expect(await readAll(store, 'agent:main:main')).toEqual([entry('a'), entry('b', 'entry-a')]);
    // The first touch derived the version from the transcript: a writer must now hold 2.
    await expect(store.append('agent:main:main', [entry('c')], { expectedVersion: 0 })).rejects.toSatisfy(SessionConflictError.isInstance);
    expect((await store.append('agent:main:main', [entry('c')], { expectedVersion: 2 })).version).toBe(3);
    await store.close(); // appends to an existing key acknowledge before the index write; close waits for it
    const saved = JSON.parse(await readFile(join(dir, 'sessions.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(saved['agent:main:main']).toMatchObject({ thinkingLevel: 'high', origin: { label: 'tui' }, sessionFile: join(dir, 'oc-1.jsonl'), version: 3 });
  });

  test('a torn last line (a crash mid-append) is moved to <id>.jsonl.torn.<ts> and the rest loads', async () => {
    const store = open({ generateSessionId: () => 'torn-1' });
    await store.append('k', [entry('1'), entry('2')]);
    await store.close();
    const file = join(sessionsDir(), 'torn-1.jsonl');
    await appendFile(file, '{"type":"message","id":"entry-3","parentId":null,"timestamp":"2026-');
    const reopened = open({ generateSessionId: () => 'torn-1' });
    expect((await readAll(reopened, 'k')).map((item) => item.id)).toEqual(['entry-1', 'entry-2']);
    const names = await readdir(sessionsDir());
    const torn = names.filter((name) => name.startsWith('torn-1.jsonl.torn.'));
    expect(torn).toHaveLength(1);
    expect(torn[0]).toMatch(/^torn-1\.jsonl\.torn\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/);
    expect(await readFile(join(sessionsDir(), torn[0] as string), 'utf8')).toBe('{"type":"message","id":"entry-3","parentId":null,"timestamp":"2026-');
    expect((await reopened.append('k', [entry('3')], { expectedVersion: 2 })).version).toBe(3);
    expect((await readAll(reopened, 'k')).map((item) => item.id)).toEqual(['entry-1', 'entry-2', 'entry-3']);
  });

  test('entries on disk that the index never heard of (a crash before the index write) are counted in', async () => {
    const store = open({ generateSessionId: () => 's' });
    await store.append('k', [entry('1')]);
    await store.close();
    await appendFile(join(sessionsDir(), 's.jsonl'), `${JSON.stringify(entry('2'))}\n`);
    const reopened = open();
    expect((await reopened.get('k'))?.version).toBe(1); // the index alone is stale …
    await expect(reopened.append('k', [entry('x')], { expectedVersion: 1 })).rejects.toSatisfy(SessionConflictError.isInstance); // … but writes check the transcript
    expect((await reopened.get('k'))?.version).toBe(2);
    expect((await readAll(reopened, 'k')).map((item) => item.id)).toEqual(['entry-1', 'entry-2']);
  });

  test('replace archives the old transcript (reset → .reset.<ts>, compaction → .checkpoint.<uuid>.jsonl) and keeps every turn', async () => {
    const store = open({ generateSessionId: () => 'r1' });
    await store.append('k', [entry('1'), entry('2')]);
    const compaction: TranscriptEntry = { type: 'compaction', id: 'c1', parentId: 'entry-2', timestamp: '2026-11-25T12:00:00.000Z', summary: 's', firstKeptEntryId: 'entry-2', tokensBefore: 9 };
    const compacted = await store.replace('k', [entry('2'), compaction], { expectedVersion: 2 });
    await store.replace('k', [], { expectedVersion: compacted.version });
    const names = (await readdir(sessionsDir())).sort();
    const checkpoint = names.find((name) => /^r1\.checkpoint\.[0-9a-f-]{36}\.jsonl$/.test(name));
    const reset = names.find((name) => /^r1\.jsonl\.reset\.\d{4}-/.test(name));
    expect(checkpoint && reset).toBeTruthy();
    expect((await lines(join(sessionsDir(), checkpoint as string))).slice(1)).toEqual([entry('1'), entry('2')]);
    expect((await lines(join(sessionsDir(), reset as string))).slice(1)).toEqual([entry('2'), compaction]);
    const current = await lines(join(sessionsDir(), 'r1.jsonl'));
    expect(current).toEqual([expect.objectContaining({ type: 'session', id: 'r1', rustyClaw: { versionBase: compacted.version + 1 } })]);
  });

  test('a crash between the new transcript and the index write is recovered from the header', async () => {
    const store = open({ generateSessionId: () => 'h' });
    await store.append('k', [entry('1'), entry('2'), entry('3')]);
    const index = await readFile(join(sessionsDir(), 'sessions.json'), 'utf8');
    const replaced = await store.replace('k', [entry('s')], { expectedVersion: 3 });
    await store.close();
    await writeFile(join(sessionsDir(), 'sessions.json'), index); // as if the process died before the index write
    const reopened = open();
    await expect(reopened.append('k', [entry('late')], { expectedVersion: 3 })).rejects.toSatisfy(SessionConflictError.isInstance);
    expect((await reopened.get('k'))?.version).toBe(replaced.version);
    expect(await readAll(reopened, 'k')).toEqual([entry('s')]);
  });

  test('delete moves the transcript to .deleted.<ts>', async () => {
    const store = open({ generateSessionId: () => 'd' });
    await store.append('k', [entry('1')]);
    expect(await store.delete('k')).toBe(true);
    const names = await readdir(sessionsDir());
    expect(names.some((name) => /^d\.jsonl\.deleted\.\d{4}-/.test(name))).toBe(true);
    expect(names).not.toContain('d.jsonl');
  });

  test('bad input is refused with typed errors and writes nothing', async () => {
    const store = open();
    const refused = async (promise: Promise<unknown>, code: string) => {
      const error = await promise.then(() => undefined, (caught: unknown) => caught);
      expect(SessionStoreError.isInstance(error) && error.code).toBe(code);
    };
    await refused(store.append('k', [{ id: 'x' } as unknown as TranscriptEntry]), 'SESSION_ENTRY_INVALID');
    await refused(store.append('k', [{ type: 'session', id: 'x' } as unknown as TranscriptEntry]), 'SESSION_ENTRY_INVALID');
    const cyclic: Record<string, unknown> = { type: 'custom', id: 'c' };
    cyclic['self'] = cyclic;
    await refused(store.append('k', [entry('1'), cyclic as unknown as TranscriptEntry]), 'SESSION_ENTRY_INVALID');
    await refused(store.patch('k', { version: 9 }), 'SESSION_META_RESERVED');
    await refused(store.append('k', [entry('1')], { meta: { sessionId: 'evil' } }), 'SESSION_META_RESERVED');
    await refused(store.get('   '), 'SESSION_KEY_INVALID');
    expect(await store.list()).toEqual([]);
    expect(() => new FileSessionStore({ stateDir: temp.dir, agentId: '../escape' })).toThrow(/invalid agent id/);
  });

  test('a corrupt sessions.json is reported, never overwritten', async () => {
    await open().patch('k', { label: 'x' });
    const path = join(sessionsDir(), 'sessions.json');
    await writeFile(path, '{"k": {"sessionId": ');
    const store = open();
    const error = await store.list().catch((caught: unknown) => caught);
    expect(SessionStoreError.isInstance(error) && error.code).toBe('SESSION_INDEX_CORRUPT');
    await expect(store.patch('other', { label: 'y' })).rejects.toThrow(/not valid JSON/);
    expect(await readFile(path, 'utf8')).toBe('{"k": {"sessionId": ');
  });

  test('patch with an undefined value removes that field', async () => {
    const store = open();
    await store.patch('k', { modelOverride: 'gpt-5', providerOverride: 'openai', label: 'L' });
    expect((await store.patch('k', { modelOverride: undefined, providerOverride: undefined })).meta).toEqual({ label: 'L' });
  });

  test('a reader keeps its snapshot while the transcript is replaced', async () => {
    const store = open();
    await store.append('k', [entry('1'), entry('2'), entry('3')]);
    const iterator = store.read('k')[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(entry('1'));
    await store.replace('k', [entry('new')], { expectedVersion: 3 });
    await store.append('k', [entry('4')]);
    expect((await iterator.next()).value).toEqual(entry('2'));
    expect((await iterator.next()).value).toEqual(entry('3'));
    expect((await iterator.next()).done).toBe(true);
  });

  test('a damaged line in the middle is skipped with a warning and still counts as one seq', async () => {
    const warnings: unknown[] = [];
    const logger = { debug() {}, info() {}, warn: (fields: unknown) => warnings.push(fields), error() {} };
    const store = open({ generateSessionId: () => 'm', logger });
    await store.append('k', [entry('1'), entry('2'), entry('3')]);
    await store.close();
    const file = join(sessionsDir(), 'm.jsonl');
    const text = await readFile(file, 'utf8');
    // A shorter line: the size no longer matches the index, so the store rescans the transcript.
    await writeFile(file, text.replace(JSON.stringify(entry('2')), '{"broken'));
    const reopened = open({ logger });
    expect((await readAll(reopened, 'k')).map((item) => item.id)).toEqual(['entry-1', 'entry-3']);
    expect(warnings).toEqual([expect.objectContaining({ seq: 1, preview: '{"broken' })]);
    expect((await reopened.get('k'))?.version).toBe(3);
  });
});
