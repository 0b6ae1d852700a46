import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  SessionConflictError,
  silentLogger,
  type Logger,
  type SessionListFilter,
  type SessionRecord,
  type SessionStore,
  type SessionStoreCapabilities,
  type TranscriptEntry,
} from '@rusty-claw/plugin-sdk';
import { archiveTranscript } from './archive-transcript.js';
import { atomicTempPath, fsyncDirectory, isAtomicTempName } from './atomic-write-file.js';
import { KeyedMutex } from './keyed-mutex.js';
import { assertAgentId } from './session-key.js';
import { loadSessionIndex, SessionIndexWriter, type SessionIndexEntry } from './session-index-file.js';
import { SessionStoreError } from './session-store-error.js';
import { checkSessionKey, cloneMeta, mergeMeta, serializeEntries, toSessionRecord } from './session-store-input.js';
import { formatTranscriptHeader, readTranscriptEntries, recoverTranscript } from './transcript-file.js';

export interface FileSessionStoreOptions {
  /** The sessions directory. Default: `<stateDir>/agents/<agentId>/sessions`. */
  dir?: string;
  stateDir?: string;
  /** Default `main`. Must match `[a-z0-9][a-z0-9_-]{0,63}` (it becomes a path segment). */
  agentId?: string;
  /** `cwd` written into new transcript headers (OpenClaw shows it). Default `process.cwd()`. */
  cwd?: string;
  now?: () => number;
  generateSessionId?: () => string;
  logger?: Logger;
}

const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * `SessionStore` on disk in OpenClaw's layout: `sessions.json` (sessionKey → SessionEntry) and one
 * `<sessionId>.jsonl` transcript per session. Appends are fsynced before they resolve; the index is replaced
 * atomically; `replace` and `delete` archive the old transcript (OpenClaw's `.reset.<ts>` / `.deleted.<ts>` names,
 * `<id>.checkpoint.<uuid>.jsonl` for compactions) and never delete a turn. One process owns a directory: writers
 * are ordered by an in-process lock per key, and stale versions fail with `SessionConflictError`.
 */
export class FileSessionStore implements SessionStore {
  readonly specificationVersion = 'v1' as const;
  readonly capabilities: SessionStoreCapabilities = { locking: true };
  readonly dir: string;
  readonly indexPath: string;
  readonly #cwd: string;
  readonly #now: () => number;
  readonly #generateSessionId: () => string;
  readonly #logger: Logger;
  readonly #mutex = new KeyedMutex();
  readonly #writer: SessionIndexWriter;
  readonly #verified = new Set<string>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #sessions: Map<string, SessionIndexEntry> = new Map();
  #loading: Promise<Map<string, SessionIndexEntry>> | undefined;
  #dirReady: Promise<unknown> | undefined;
  #closed = false;

  /** `<stateDir>/agents/<agentId>/sessions`, OpenClaw's location. */
  static sessionsDir(stateDir: string, agentId = 'main'): string {
    return join(stateDir, 'agents', assertAgentId(agentId), 'sessions');
  }

  constructor(options: FileSessionStoreOptions) {
    if (options.dir === undefined && options.stateDir === undefined) {
      throw new SessionStoreError('SESSION_IO', 'FileSessionStore needs `dir` or `stateDir`');
    }
    this.dir = resolve(options.dir ?? FileSessionStore.sessionsDir(options.stateDir as string, options.agentId));
    this.indexPath = join(this.dir, 'sessions.json');
    this.#cwd = options.cwd ?? process.cwd();
    this.#now = options.now ?? Date.now;
    this.#generateSessionId = options.generateSessionId ?? randomUUID;
    this.#logger = options.logger ?? silentLogger;
    this.#writer = new SessionIndexWriter(this.indexPath, () => `${JSON.stringify(Object.fromEntries(this.#sessions), null, 2)}\n`);
  }

  get(key: string): Promise<SessionRecord | undefined> {
    return this.#operation(key, async () => {
      const entry = (await this.#load()).get(key);
      return entry && toSessionRecord(key, entry);
    });
  }

  list(filter: SessionListFilter = {}): Promise<SessionRecord[]> {
    return this.#operation(undefined, async () => {
      const since = filter.activeWithinMs === undefined ? undefined : this.#now() - filter.activeWithinMs;
      const records = [...(await this.#load())]
        .filter(([key]) => filter.keyPrefix === undefined || key.startsWith(filter.keyPrefix))
        .filter(([, entry]) => since === undefined || entry.updatedAt >= since)
        .sort(([keyA, a], [keyB, b]) => b.updatedAt - a.updatedAt || keyA.localeCompare(keyB));
      return (filter.limit === undefined ? records : records.slice(0, filter.limit)).map(([key, entry]) => toSessionRecord(key, entry));
    });
  }

  append(key: string, entries: TranscriptEntry[], options: { expectedVersion?: number; meta?: Record<string, unknown> } = {}): Promise<SessionRecord> {
    return this.#operation(key, async () => {
      const body = serializeEntries(entries);
      const meta = cloneMeta(options.meta);
      return this.#mutex.run(key, async () => {
        const existing = await this.#verify(key);
        const actual = existing?.version ?? 0;
        if (options.expectedVersion !== undefined && options.expectedVersion !== actual) {
          throw new SessionConflictError(key, options.expectedVersion, actual);
        }
        const now = this.#now();
        let entry = existing ?? this.#newEntry(now);
        if (entries.length > 0) {
          const before = entry.transcriptBytes ?? 0;
          const text = before === 0 ? formatTranscriptHeader({ sessionId: entry.sessionId, cwd: this.#cwd, now, versionBase: actual }) + body : body;
          await this.#appendDurably(this.#transcriptPath(entry), text, before);
          entry = { ...entry, transcriptBytes: before + Buffer.byteLength(text) };
        }
        // A new key must be in the index before we acknowledge (else its transcript is unreachable after a crash).
        // For an existing key the transcript is the truth for its entries and the version (see #verify), so the
        // index write runs behind the acknowledgement: only `meta` of this append can be lost to a crash.
        return this.#commit(key, { ...mergeMeta(entry, meta), version: actual + entries.length, updatedAt: now }, existing === undefined || entries.length === 0);
      });
    });
  }

  async *read(key: string, options: { fromSeq?: number } = {}): AsyncGenerator<TranscriptEntry> {
    const opened = await this.#operation(key, () =>
      this.#mutex.run(key, async () => {
        const entry = await this.#verify(key);
        if (!entry?.transcriptBytes) return undefined;
        const path = this.#transcriptPath(entry);
        // Opened under the lock: a later replace renames a new file over the path, this handle keeps the old one.
        return { handle: await open(path, 'r'), end: entry.transcriptBytes, path };
      }),
    );
    if (!opened) return;
    yield* readTranscriptEntries(opened.handle, {
      end: opened.end,
      ...(options.fromSeq === undefined ? {} : { fromSeq: options.fromSeq }),
      onBadLine: (seq, line) => this.#logger.warn({ path: opened.path, seq, preview: line.slice(0, 120) }, 'skipped a transcript line that is not a JSON object'),
    });
  }

  replace(key: string, entries: TranscriptEntry[], options: { expectedVersion: number }): Promise<SessionRecord> {
    return this.#operation(key, async () => {
      const body = serializeEntries(entries);
      return this.#mutex.run(key, async () => {
        const existing = await this.#verify(key);
        const actual = existing?.version ?? 0;
        if (options.expectedVersion !== actual) throw new SessionConflictError(key, options.expectedVersion, actual);
        const now = this.#now();
        // At least +1, so that a writer holding the pre-replace version always conflicts, even after a reset to [].
        const version = actual + Math.max(1, entries.length);
        const entry = existing ?? this.#newEntry(now);
        const path = this.#transcriptPath(entry);
        const text = formatTranscriptHeader({ sessionId: entry.sessionId, cwd: this.#cwd, now, versionBase: version - entries.length }) + body;
        await this.#ensureDir();
        const temp = atomicTempPath(path);
        await this.#writeNewFile(temp, text);
        try {
          if (existing?.transcriptBytes) {
            const reason = entries.some((item) => item.type === 'compaction') ? 'compaction' : 'reset';
            await archiveTranscript({ dir: this.dir, path, sessionId: entry.sessionId, reason, now, mode: 'link' });
          }
          await rename(temp, path);
        } catch (error) {
          await unlink(temp).catch(() => undefined);
          throw ioError(`cannot replace the transcript ${path}`, path, error);
        }
        await fsyncDirectory(this.dir);
        return this.#commit(key, { ...entry, version, updatedAt: now, transcriptBytes: Buffer.byteLength(text) });
      });
    });
  }

  patch(key: string, meta: Record<string, unknown>): Promise<SessionRecord> {
    return this.#operation(key, async () => {
      const copy = cloneMeta(meta);
      return this.#mutex.run(key, async () => {
        const now = this.#now();
        const entry = (await this.#verify(key)) ?? this.#newEntry(now);
        return this.#commit(key, { ...mergeMeta(entry, copy), updatedAt: now });
      });
    });
  }

  delete(key: string): Promise<boolean> {
    return this.#operation(key, () =>
      this.#mutex.run(key, async () => {
        const entry = await this.#verify(key);
        if (!entry) return false;
        if (entry.transcriptBytes) {
          await archiveTranscript({ dir: this.dir, path: this.#transcriptPath(entry), sessionId: entry.sessionId, reason: 'deleted', now: this.#now(), mode: 'rename' });
          await fsyncDirectory(this.dir);
        }
        this.#sessions.delete(key);
        this.#verified.delete(key);
        await this.#writer.flush();
        return true;
      }),
    );
  }

  /** The transcript file of `key` (whether or not it exists yet), or undefined for an unknown key. */
  async transcriptPath(key: string): Promise<string | undefined> {
    checkSessionKey(key);
    const entry = (await this.#load()).get(key);
    return entry && this.#transcriptPath(entry);
  }

  /** Waits for every running call and the last index write; later calls reject with `SESSION_STORE_CLOSED`. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#inFlight.size > 0) await Promise.allSettled(this.#inFlight);
    await this.#writer.idle();
  }

  #operation<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new SessionStoreError('SESSION_STORE_CLOSED', `session store ${this.dir} is closed`));
    try {
      if (key !== undefined) checkSessionKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const running = (async () => {
      await this.#load();
      return task();
    })();
    this.#inFlight.add(running);
    void running.then(
      () => this.#inFlight.delete(running),
      () => this.#inFlight.delete(running),
    );
    return running;
  }

  #load(): Promise<Map<string, SessionIndexEntry>> {
    this.#loading ??= (async () => {
      const sessions = await loadSessionIndex(this.indexPath);
      // Temp files of interrupted atomic writes were never acknowledged: remove them.
      const names = await readdir(this.dir).catch(() => [] as string[]);
      await Promise.all(names.filter(isAtomicTempName).map((name) => unlink(join(this.dir, name)).catch(() => undefined)));
      this.#sessions = sessions;
      return sessions;
    })();
    // A failed load (unreadable index) is retried by the next call, e.g. after the operator fixed the file.
    this.#loading.catch(() => (this.#loading = undefined));
    return this.#loading;
  }

  /**
   * The first time a key is touched in this process, make sure the index agrees with its transcript. The index
   * records the transcript size it last saw; a different size means a crash came between a transcript write and
   * the index write (or left a torn line). Then the transcript is the truth: its header's `versionBase` plus its
   * entry count is the version (never lower than the index's, so a version is never handed out twice).
   */
  async #verify(key: string): Promise<SessionIndexEntry | undefined> {
    const entry = this.#sessions.get(key);
    if (!entry || this.#verified.has(key)) return entry;
    const path = this.#transcriptPath(entry);
    const size = await stat(path).then(
      (info) => info.size,
      () => undefined,
    );
    if (size !== undefined && size === entry.transcriptBytes && entry.version !== undefined) {
      this.#verified.add(key);
      return entry;
    }
    const scan = await recoverTranscript(path, { now: this.#now(), logger: this.#logger });
    if (!scan.exists && entry.transcriptBytes) this.#logger.warn({ key, path }, 'the transcript of a session is missing; continuing with an empty one');
    const derived = (scan.header?.rustyClaw?.versionBase ?? 0) + scan.entryCount;
    const version = Math.max(entry.version ?? 0, derived);
    const fixed = { ...entry, version, transcriptBytes: scan.bytes };
    this.#sessions.set(key, fixed);
    this.#verified.add(key);
    if (version !== entry.version || scan.bytes !== entry.transcriptBytes) {
      this.#logger.info({ key, version, indexVersion: entry.version, bytes: scan.bytes }, 'session index reconciled with its transcript');
      await this.#writer.flush();
    }
    return fixed;
  }

  async #commit(key: string, entry: SessionIndexEntry, waitForIndex = true): Promise<SessionRecord> {
    this.#sessions.set(key, entry);
    this.#verified.add(key);
    await this.#ensureDir();
    const flushed = this.#writer.flush();
    if (waitForIndex) await flushed;
    else flushed.catch((error: unknown) => this.#logger.warn({ key, error: (error as Error).message }, 'session index write failed; the transcript stays the truth'));
    return toSessionRecord(key, entry);
  }

  #newEntry(now: number): SessionIndexEntry {
    const sessionId = this.#generateSessionId();
    if (!SESSION_ID.test(sessionId)) throw new SessionStoreError('SESSION_ID_INVALID', `generated session id ${JSON.stringify(sessionId)} is not a safe file name`);
    return { sessionId, updatedAt: now, version: 0, transcriptBytes: 0 };
  }

  /** `<dir>/<sessionId>.jsonl`, or OpenClaw's `sessionFile` when it points inside the sessions directory. */
  #transcriptPath(entry: SessionIndexEntry): string {
    if (typeof entry.sessionFile === 'string' && entry.sessionFile !== '') {
      const candidate = resolve(this.dir, entry.sessionFile);
      const inside = relative(this.dir, candidate);
      if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return candidate;
    }
    if (!SESSION_ID.test(entry.sessionId)) {
      throw new SessionStoreError('SESSION_ID_INVALID', `session id ${JSON.stringify(entry.sessionId)} in ${this.indexPath} is not a safe file name`, { path: this.indexPath });
    }
    return join(this.dir, `${entry.sessionId}.jsonl`);
  }

  #ensureDir(): Promise<unknown> {
    this.#dirReady ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.#dirReady.catch(() => (this.#dirReady = undefined));
    return this.#dirReady;
  }

  /** Appends whole lines and fdatasyncs them; on failure the file is cut back so no partial line stays behind. */
  async #appendDurably(path: string, text: string, sizeBefore: number): Promise<void> {
    await this.#ensureDir();
    const handle = await open(path, 'a', 0o600).catch((error: unknown) => {
      throw ioError(`cannot open the transcript ${path}`, path, error);
    });
    try {
      await handle.appendFile(text);
      await handle.datasync();
    } catch (error) {
      await handle.truncate(sizeBefore).catch(() => undefined);
      throw ioError(`cannot append to the transcript ${path}`, path, error);
    } finally {
      await handle.close();
    }
    if (sizeBefore === 0) await fsyncDirectory(this.dir);
  }

  async #writeNewFile(path: string, text: string): Promise<void> {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

}

export function ioError(message: string, path: string, cause: unknown): SessionStoreError {
  if (SessionStoreError.isInstance(cause)) return cause;
  return new SessionStoreError('SESSION_IO', `${message}: ${(cause as Error).message}`, { path, cause });
}
