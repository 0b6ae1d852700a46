import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir } from '../testing/temp-dir.js';
import { SessionInbox, type InboxItem } from './session-inbox.js';

const item = (n: number): InboxItem => ({ runId: `run-${n}`, sessionKey: 'agent:main:main', entryId: `entry-${n}`, request: { message: `m${n}` }, acceptedAt: n });
const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { op: string; runId: string });

describe('SessionInbox (append-only log)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let inboxes: SessionInbox[];
  let path: string;
  const open = (compactAfter?: number) => {
    const inbox = new SessionInbox(path, compactAfter === undefined ? {} : { compactAfter });
    inboxes.push(inbox);
    return inbox;
  };
  beforeEach(async () => {
    temp = await makeTempDir();
    inboxes = [];
    path = join(temp.dir, 'sessions', 'inbox.jsonl');
  });
  afterEach(async () => {
    for (const inbox of inboxes) await inbox.close();
    await temp.cleanup();
  });

  test('appends a queued line per accept and a started marker per start; a reopened log lists what is pending', async () => {
    const inbox = open();
    await inbox.accept(item(1));
    await inbox.accept(item(2));
    await inbox.started('run-1');
    await inbox.started('unknown'); // nothing to mark, nothing written
    expect((await lines(path)).map((line) => `${line.op} ${line.runId}`)).toEqual(['queued run-1', 'queued run-2', 'started run-1']);
    expect(inbox.deadLines).toBe(2);
    await inbox.close();
    const reopened = open();
    expect(await reopened.pending()).toEqual([item(2)]);
    // Start-up compaction dropped the dead lines.
    expect((await lines(path)).map((line) => `${line.op} ${line.runId}`)).toEqual(['queued run-2']);
  });

  test('rewrites the log once enough dead lines pile up, keeping a message that waits the whole time', async () => {
    const inbox = open(10);
    await inbox.accept(item(0));
    let longest = 0;
    for (let n = 1; n <= 50; n++) {
      await inbox.accept(item(n));
      await inbox.started(`run-${n}`);
      longest = Math.max(longest, (await lines(path)).length);
    }
    expect(longest).toBeLessThanOrEqual(12);
    expect(await inbox.pending()).toEqual([item(0)]);
    await inbox.close();
    expect(await open().pending()).toEqual([item(0)]);
  });

  test('a torn last line (a crash mid-append, never acknowledged) is dropped at start-up, and later appends stay readable', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(temp.dir, 'sessions'));
    await writeFile(path, `${JSON.stringify({ op: 'queued', ...item(1) })}\n{"op":"queued","runId":"run-2","sess`);
    const inbox = open();
    expect(await inbox.pending()).toEqual([item(1)]);
    await inbox.accept(item(3));
    await inbox.close();
    expect(await open().pending()).toEqual([item(1), item(3)]);
  });

  test('a closed inbox refuses new messages with a typed error', async () => {
    const inbox = open();
    await inbox.close();
    await expect(inbox.accept(item(1))).rejects.toMatchObject({ code: 'SESSION_STORE_CLOSED' });
  });
});
