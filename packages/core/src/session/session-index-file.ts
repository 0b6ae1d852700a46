import { readFile } from 'node:fs/promises';
import { atomicWriteFile } from './atomic-write-file.js';
import { SessionStoreError } from './session-store-error.js';

/**
 * One row of `sessions.json` (OpenClaw's SessionEntry): `sessionId` and `updatedAt` are required there; `version`
 * and `transcriptBytes` are ours (the optimistic version and the transcript size the index last saw, which tells
 * a restart whether the transcript moved on without the index). Every other field is OpenClaw's, kept verbatim.
 */
export interface SessionIndexEntry {
  sessionId: string;
  updatedAt: number;
  version?: number;
  transcriptBytes?: number;
  sessionFile?: string;
  [field: string]: unknown;
}

/** Reads `sessions.json` (a plain object, key → entry, no wrapper). A missing file is an empty index. */
export async function loadSessionIndex(path: string): Promise<Map<string, SessionIndexEntry>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new SessionStoreError('SESSION_IO', `cannot read the session index ${path}: ${(error as Error).message}`, { path, cause: error });
  }
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    // Never rewrite an index we cannot read: that would drop every session in it.
    throw new SessionStoreError('SESSION_INDEX_CORRUPT', `the session index ${path} is not valid JSON (${(error as Error).message}); fix or move it, then restart`, {
      path,
      cause: error,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionStoreError('SESSION_INDEX_CORRUPT', `the session index ${path} must hold an object of sessionKey → entry`, { path });
  }
  const entries = new Map<string, SessionIndexEntry>();
  for (const [key, entry] of Object.entries(value)) {
    const row = entry as Partial<SessionIndexEntry> | null;
    if (typeof row !== 'object' || row === null || typeof row.sessionId !== 'string' || row.sessionId === '') {
      throw new SessionStoreError('SESSION_INDEX_CORRUPT', `the session index ${path} has an entry for ${JSON.stringify(key)} without a sessionId`, { path });
    }
    entries.set(key, { ...row, sessionId: row.sessionId, updatedAt: typeof row.updatedAt === 'number' ? row.updatedAt : 0 });
  }
  return entries;
}

/**
 * Writes the index atomically and coalesces: a `flush()` resolves once a write that started after the call has
 * finished, and every caller that arrives while a write is in flight shares the next one. So N concurrent appends
 * cost about two index writes, not N, and each caller still knows its change is on disk when it resumes.
 */
export class SessionIndexWriter {
  readonly #path: string;
  readonly #serialize: () => string;
  #writing: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(path: string, serialize: () => string) {
    this.#path = path;
    this.#serialize = serialize;
  }

  flush(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#writing) return this.#start();
    const after = this.#writing.catch(() => undefined);
    this.#next = after.then(() => {
      this.#next = undefined;
      return this.#start();
    });
    return this.#next;
  }

  /** Resolves when no write is running or queued. */
  async idle(): Promise<void> {
    while (this.#writing || this.#next) await (this.#next ?? this.#writing)?.catch(() => undefined);
  }

  #start(): Promise<void> {
    const text = this.#serialize();
    const writing = atomicWriteFile(this.#path, text, { mode: 0o600 })
      .catch((error: unknown) => {
        throw new SessionStoreError('SESSION_IO', `cannot write the session index ${this.#path}: ${(error as Error).message}`, { path: this.#path, cause: error });
      })
      .finally(() => {
        if (this.#writing === writing) this.#writing = undefined;
      });
    this.#writing = writing;
    return writing;
  }
}
