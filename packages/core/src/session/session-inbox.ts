import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { silentLogger, type Logger } from '@rusty-claw/plugin-sdk';
import { atomicWriteFile, fsyncDirectory } from './atomic-write-file.js';
import { SessionStoreError } from './session-store-error.js';

/** A message accepted for a session whose run has not started yet. */
export interface InboxItem {
  runId: string;
  sessionKey: string;
  /** The id the user message entry will get in the transcript (how recovery tells whether it got there). */
  entryId: string;
  /** The user input and run settings, as given (JSON). */
  request: Record<string, unknown>;
  acceptedAt: number;
}

export interface SessionInboxOptions {
  logger?: Logger;
  /** Dead lines (started messages and their markers) that trigger a rewrite of the log. Default 1,000. */
  compactAfter?: number;
}

type InboxLine = ({ op: 'queued' } & InboxItem) | { op: 'started'; runId: string };

/**
 * A write-ahead log of accepted messages (`inbox.jsonl` next to `sessions.json`). A message is appended and
 * fdatasynced here when it is accepted, before its run waits in the session queue, and a `started` marker is
 * appended (not synced) once the run has put it in the transcript. After a crash, `pending()` lists what was accepted
 * but never marked, so the runtime can run it then: an acknowledged message is never lost, even while it waited
 * behind another run.
 *
 * The file stays open and only grows, so a turn costs one fdatasync (the accept) and an unsynced append (the
 * marker); the directory is fsynced once, when the file is created. Dead lines are dropped by an atomic rewrite of
 * the pending messages, at start-up and once `compactAfter` of them have piled up (not on every turn).
 */
export class SessionInbox {
  readonly path: string;
  readonly #logger: Logger;
  readonly #compactAfter: number;
  readonly #pending = new Map<string, InboxItem>();
  #loaded: Promise<void> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #handle: FileHandle | undefined;
  /** Lines in the file that no longer matter (markers and the messages they mark). */
  #dead = 0;
  /** The file may end in a partial line (a failed write, a torn line found at load): rewrite before appending. */
  #dirty = false;
  #exists = false;
  #closed = false;

  constructor(path: string, options: SessionInboxOptions = {}) {
    this.path = path;
    this.#logger = options.logger ?? silentLogger;
    this.#compactAfter = options.compactAfter ?? 1_000;
  }

  /** Messages accepted but not started, oldest first (after a restart: what a crash interrupted). */
  async pending(): Promise<InboxItem[]> {
    await this.#load();
    return [...this.#pending.values()].map((item) => structuredClone(item));
  }

  /** Lines that a rewrite would drop (for tests and diagnostics). */
  get deadLines(): number {
    return this.#dead;
  }

  /** Records an accepted message durably (appended and fdatasynced) before resolving. */
  async accept(item: InboxItem): Promise<void> {
    await this.#load();
    if (this.#closed) throw new SessionStoreError('SESSION_STORE_CLOSED', `the session inbox ${this.path} is closed`, { path: this.path });
    this.#pending.set(item.runId, structuredClone(item));
    return this.#enqueue(async () => {
      await this.#appendLine({ op: 'queued', ...item }, true);
    }).catch((error: unknown) => {
      this.#pending.delete(item.runId);
      throw new SessionStoreError('SESSION_IO', `cannot write the session inbox ${this.path}: ${(error as Error).message}`, { path: this.path, cause: error });
    });
  }

  /**
   * Marks a message as in its transcript. Not synced: if this line is lost, recovery finds the entry id in the
   * transcript and does not store it twice. A write failure is logged, not thrown.
   */
  async started(runId: string): Promise<void> {
    await this.#load();
    if (!this.#pending.delete(runId)) return;
    // The queued line is dead now; so will be the marker once written (or once a rewrite drops both).
    this.#dead += 1;
    if (this.#closed) return;
    return this.#enqueue(async () => {
      if (this.#dead >= this.#compactAfter) await this.#compact();
      else {
        await this.#appendLine({ op: 'started', runId }, false);
        this.#dead += 1;
      }
    }).catch((error: unknown) => this.#warn(error));
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#writing;
    await this.#handle?.close().catch(() => undefined);
    this.#handle = undefined;
  }

  #warn(error: unknown): void {
    this.#logger.warn({ path: this.path, error: (error as Error).message }, 'could not update the session inbox (recovery checks the transcript)');
  }

  /** Serializes file work; a failure rejects its caller but never blocks the next write. */
  #enqueue(task: () => Promise<void>): Promise<void> {
    const done = this.#writing.then(task);
    this.#writing = done.catch(() => undefined);
    return done;
  }

  async #appendLine(line: InboxLine, sync: boolean): Promise<void> {
    if (this.#dirty) await this.#compact();
    let created = false;
    if (!this.#handle) {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      this.#handle = await open(this.path, 'a', 0o600);
      created = !this.#exists;
      this.#exists = true;
    }
    try {
      await this.#handle.appendFile(`${JSON.stringify(line)}\n`);
      if (sync) await this.#handle.datasync();
    } catch (error) {
      // Part of the line may be on disk: the next write rewrites the file first, so nothing is glued to it.
      this.#dirty = true;
      await this.#handle.close().catch(() => undefined);
      this.#handle = undefined;
      throw error;
    }
    // A new file's directory entry must be durable too, or the fsynced line could vanish with it.
    if (created) await fsyncDirectory(dirname(this.path));
  }

  /** Replaces the log by the pending messages alone (atomic: a crash leaves the old or the new file). */
  async #compact(): Promise<void> {
    const text = [...this.#pending.values()].map((item) => `${JSON.stringify({ op: 'queued', ...item } satisfies InboxLine)}\n`).join('');
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await atomicWriteFile(this.path, text, { mode: 0o600 });
    // The open handle points at the replaced file.
    await this.#handle?.close().catch(() => undefined);
    this.#handle = undefined;
    this.#exists = true;
    this.#dead = 0;
    this.#dirty = false;
  }

  #load(): Promise<void> {
    this.#loaded ??= (async () => {
      let text = '';
      try {
        text = await readFile(this.path, 'utf8');
        this.#exists = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      let lines = 0;
      for (const raw of text.split('\n')) {
        if (raw === '') continue;
        lines += 1;
        let line: InboxLine;
        try {
          line = JSON.parse(raw) as InboxLine;
        } catch {
          // Only the last line can be torn, and it was never acknowledged (accept fsyncs before resolving).
          this.#logger.warn({ path: this.path }, 'skipped a torn line of the session inbox');
          this.#dirty = true;
          continue;
        }
        if (line.op === 'queued') this.#pending.set(line.runId, { runId: line.runId, sessionKey: line.sessionKey, entryId: line.entryId, request: line.request, acceptedAt: line.acceptedAt });
        else if (line.op === 'started') this.#pending.delete(line.runId);
      }
      this.#dead = lines - this.#pending.size;
      if (text !== '' && !text.endsWith('\n')) this.#dirty = true;
      // Start-up compaction: drop what the last process left dead (and any torn tail) before appending to it.
      if (this.#dead > 0 || this.#dirty) await this.#enqueue(() => this.#compact()).catch((error: unknown) => this.#warn(error));
    })();
    return this.#loaded;
  }
}
