import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { fsyncDirectory } from './atomic-write-file.js';

/** pi-coding-agent's `CURRENT_SESSION_VERSION`, the transcript format OpenClaw 2026.x reads and writes. */
export const TRANSCRIPT_FORMAT_VERSION = 3;

/**
 * Line 1 of every transcript (OpenClaw's shape). `rustyClaw.versionBase` is ours: the store version before the
 * first entry of this file, so `versionBase + entry count` rebuilds the version after a crash. OpenClaw ignores it.
 */
export interface TranscriptHeader {
  type: 'session';
  version: number;
  id: string;
  timestamp: string;
  cwd: string;
  parentSession?: string;
  rustyClaw?: { versionBase: number };
}

export function formatTranscriptHeader(options: { sessionId: string; cwd: string; now: number; versionBase: number }): string {
  const header: TranscriptHeader = {
    type: 'session',
    version: TRANSCRIPT_FORMAT_VERSION,
    id: options.sessionId,
    timestamp: new Date(options.now).toISOString(),
    cwd: options.cwd,
    rustyClaw: { versionBase: options.versionBase },
  };
  return `${JSON.stringify(header)}\n`;
}

/** What `recoverTranscript` found on disk. */
export interface TranscriptScan {
  exists: boolean;
  /** Bytes of complete lines (after any torn tail was set aside). */
  bytes: number;
  header: TranscriptHeader | undefined;
  /** Complete lines after the header: the number of entries the version counts. */
  entryCount: number;
  /** Where a torn last line was moved, when there was one. */
  tornPath?: string;
}

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/** ISO time with `:` replaced, OpenClaw's archive suffix format (`2026-11-25T12-00-00.000Z`). */
export function archiveTimestamp(now: number): string {
  return new Date(now).toISOString().replaceAll(':', '-');
}

/**
 * Checks a transcript after an unclean stop. Appends are whole lines written and fsynced before they are
 * acknowledged, so a last line without its newline was never acknowledged: it is a torn write. It is moved to
 * `<file>.torn.<ts>` (kept for inspection, never silently dropped) and the file is cut back to its last complete
 * line. Then the complete lines are counted (a streaming byte scan, no parsing) and the header is read.
 */
export async function recoverTranscript(path: string, options: { now: number; logger: Logger }): Promise<TranscriptScan> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, bytes: 0, header: undefined, entryCount: 0 };
    throw error;
  }
  try {
    let size = (await handle.stat()).size;
    let tornPath: string | undefined;
    const cut = await lastCompleteLineEnd(handle, size);
    if (cut < size) {
      const torn = Buffer.alloc(size - cut);
      await handle.read(torn, 0, torn.length, cut);
      tornPath = `${path}.torn.${archiveTimestamp(options.now)}`;
      const aside = await open(tornPath, 'wx', 0o600);
      try {
        await aside.writeFile(torn);
        await aside.sync();
      } finally {
        await aside.close();
      }
      await handle.truncate(cut);
      await handle.sync();
      await fsyncDirectory(dirname(path));
      options.logger.warn({ path, tornPath, bytes: torn.length }, 'transcript ended in a torn line (an unacknowledged write cut by a crash); moved it aside');
      size = cut;
    }
    const { lines, firstLine } = await countLines(handle, size);
    const header = parseHeader(firstLine);
    return { exists: true, bytes: size, header, entryCount: lines - (header ? 1 : 0), ...(tornPath ? { tornPath } : {}) };
  } finally {
    await handle.close();
  }
}

/** Offset just after the last `\n` (0 when there is none). */
async function lastCompleteLineEnd(handle: FileHandle, size: number): Promise<number> {
  const buffer = Buffer.alloc(CHUNK);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const index = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (index !== -1) return start + index + 1;
    end = start;
  }
  return 0;
}

async function countLines(handle: FileHandle, size: number): Promise<{ lines: number; firstLine: string | undefined }> {
  const buffer = Buffer.alloc(CHUNK);
  let lines = 0;
  let position = 0;
  const head: Buffer[] = [];
  let firstLine: string | undefined;
  while (position < size) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, size - position), position);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    if (firstLine === undefined) {
      const index = chunk.indexOf(NEWLINE);
      if (index === -1) head.push(Buffer.from(chunk));
      else firstLine = Buffer.concat([...head, chunk.subarray(0, index)]).toString('utf8');
    }
    for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, index + 1)) lines++;
    position += bytesRead;
  }
  return { lines, firstLine };
}

function parseHeader(line: string | undefined): TranscriptHeader | undefined {
  if (line === undefined) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'session') return value as TranscriptHeader;
  } catch {
    // Not a header: the file starts with an entry (or a damaged line, reported when read).
  }
  return undefined;
}

/**
 * Streams the entries of an open transcript up to `end` bytes, so a long transcript is never held as one string:
 * chunks of 256 KiB are split into lines as they arrive (the same streaming readline does, with one await per
 * chunk instead of per line, which is what makes 100,000 lines quick). `fromSeq` skips the first entries without
 * parsing them. A complete line that is not a JSON object is reported through `onBadLine` and skipped (it stays on
 * disk); it still counts as one seq, like in the version.
 */
export async function* readTranscriptEntries(
  handle: FileHandle,
  options: { end: number; fromSeq?: number; onBadLine?: (seq: number, line: string) => void },
): AsyncGenerator<TranscriptEntry> {
  if (options.end <= 0) {
    await handle.close();
    return;
  }
  const input = handle.createReadStream({ start: 0, end: options.end - 1, autoClose: true, encoding: 'utf8', highWaterMark: 256 * 1024 });
  const fromSeq = options.fromSeq ?? 0;
  let seq = -1;
  let first = true;
  let rest = '';
  // Returns the entry of one line, or undefined for the header, a skipped seq or a bad line.
  const take = (raw: string): TranscriptEntry | undefined => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const isFirst = first;
    first = false;
    if (!isFirst && seq + 1 < fromSeq) {
      seq++;
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isFirst && (value as { type?: unknown } | undefined)?.type === 'session') return undefined;
    seq++;
    if (seq < fromSeq) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      options.onBadLine?.(seq, line);
      return undefined;
    }
    return value as TranscriptEntry;
  };
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        const entry = take(text.slice(start, newline));
        start = newline + 1;
        if (entry) yield entry;
      }
      rest = text.slice(start);
    }
    // `end` is always a line boundary; a remainder can only come from a file changed behind the store's back.
    if (rest !== '') {
      const entry = take(rest);
      if (entry) yield entry;
    }
  } finally {
    input.destroy();
  }
}
