import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboundJournal, type JournalEntry } from './inbound-journal.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-journal-'));
  file = join(dir, 'channels', 'inbound-journal.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function received(id: string, key = `telegram/default/7/${id}`): Omit<JournalEntry, 'state' | 'attempts' | 'runId' | 'answer'> {
  return {
    id,
    key,
    receivedAt: Date.now(),
    route: { agentId: 'main', sessionKey: 'agent:main:main' },
    message: { channel: 'telegram', accountId: 'default', messageId: id, chat: { id: '7', type: 'direct' }, sender: { id: '7' }, text: `text ${id}`, timestamp: 1, images: [] },
  };
}

describe('InboundJournal', () => {
  it('a received message survives a reopen with its progress; a done one is gone but its key is still seen', async () => {
    const journal = new InboundJournal({ file });
    expect(await journal.open()).toEqual([]);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' }); // nothing written until a message arrives
    await journal.receive(received('a'));
    await journal.receive(received('b'));
    await journal.receive(received('c'));
    await journal.started('a', 'run-1');
    await journal.answered('a', { text: 'answer a', status: 'ok' });
    await journal.started('b');
    await journal.done('c', 'replied');
    // No close(): the next instance reads what a killed process left on disk.
    const reopened = new InboundJournal({ file });
    const pending = await reopened.open();
    expect(pending.map((entry) => [entry.id, entry.state, entry.attempts])).toEqual([
      ['a', 'answered', 1],
      ['b', 'started', 1],
    ]);
    expect(pending[0]?.answer).toEqual({ text: 'answer a', status: 'ok' });
    expect(pending[0]?.message.text).toBe('text a');
    expect(reopened.has('telegram/default/7/c')).toBe(true);
    expect(reopened.has('telegram/default/7/zzz')).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await journal.close();
    await reopened.close();
  });

  it('a torn last line (crash mid-write) is skipped and the file is rewritten whole', async () => {
    const journal = new InboundJournal({ file });
    await journal.open();
    await journal.receive(received('a'));
    await journal.close();
    await appendFile(file, '{"t":"in","entry":{"id":"b","key":"k');
    const reopened = new InboundJournal({ file });
    expect((await reopened.open()).map((entry) => entry.id)).toEqual(['a']);
    expect(reopened.skippedLines).toBe(1);
    for (const line of (await readFile(file, 'utf8')).trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    await reopened.receive(received('c'));
    expect((await new InboundJournal({ file }).open()).map((entry) => entry.id)).toEqual(['a', 'c']);
    await reopened.close();
  });

  it('compaction keeps pending messages and recent keys, and forgets keys past their TTL or the bound', async () => {
    let now = 0;
    const journal = new InboundJournal({ file, now: () => now, compactAfter: 2, maxSeen: 3, seenTtlMs: 1_000 });
    await journal.open();
    for (const id of ['a', 'b', 'c', 'd']) {
      await journal.receive({ ...received(id), receivedAt: now });
      now += 10;
    }
    await journal.done('a', 'replied');
    await journal.done('b', 'replied'); // second done: rewrite
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(journal.has(received('b').key)).toBe(true);
    expect(journal.has(received('a').key)).toBe(false); // bound of 3 keys: the oldest went
    now = 5_000;
    await journal.receive({ ...received('e'), receivedAt: now });
    await journal.done('e', 'replied');
    await journal.done('c', 'replied');
    const reopened = new InboundJournal({ file, now: () => now, seenTtlMs: 1_000 });
    expect((await reopened.open()).map((entry) => entry.id)).toEqual(['d']);
    expect(reopened.has(received('b').key)).toBe(false); // expired
    expect(reopened.has(received('e').key)).toBe(true);
    expect(reopened.has(received('d').key)).toBe(true); // pending keys never expire
    await journal.close();
    await reopened.close();
  });
});
