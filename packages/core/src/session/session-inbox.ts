import { mkdir, open, readFile } from 'node:fs/promises';
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

type InboxLine = ({ op: 'queued' } & InboxItem) | { op: 'started'; runId: string };

/**
 * A write-ahead log of accepted messages (`inbox.jsonl` next to `sessions.json`). A message is written and fsynced
 * here when it is accepted, before its run waits in the session queue, and marked `started` once the run has put
 * it in the transcript. After a crash, `pending()` lists what was accepted but never reached a transcript, so the
 * runtime can run it then: an acknowledged message is never lost, even while it waited behind another run.
 */
export class SessionInbox {
  readonly path: string;
  readonly #logger: Logger;
  readonly #pending = new Map<string, InboxItem>();
  #loaded: Promise<void> | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(path: string, options: { logger?: Logger } = {}) {
    this.path = path;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Messages accepted but not started, oldest first (after a restart: what a crash interrupted). */
  async pending(): Promise<InboxItem[]> {
    await this.#load();
    return [...this.#pending.values()].map((item) => structuredClone(item));
  }

  /** Records an accepted message durably (fsync) before resolving. */
  async accept(item: InboxItem): Promise<void> {
    await this.#load();
    this.#pending.set(item.runId, structuredClone(item));
    await this.#append({ op: 'queued', ...item }, true);
  }

  /**
   * Marks a message as in its transcript. Not fsynced: if this line is lost, recovery finds the entry id in the
   * transcript and does not run it twice. When nothing is pending any more, the log is emptied.
   */
  async started(runId: string): Promise<void> {
    await this.#load();
    if (!this.#pending.delete(runId)) return;
    if (this.#pending.size === 0) {
      this.#writing = this.#writing.then(() => atomicWriteFile(this.path, '', { mode: 0o600 })).catch((error: unknown) => this.#warn(error));
      return this.#writing;
    }
    return this.#append({ op: 'started', runId }, false).catch((error: unknown) => this.#warn(error));
  }

  #warn(error: unknown): void {
    this.#logger.warn({ path: this.path, error: (error as Error).message }, 'could not update the session inbox (recovery checks the transcript)');
  }

  #append(line: InboxLine, sync: boolean): Promise<void> {
    const written = this.#writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const handle = await open(this.path, 'a', 0o600);
      try {
        await handle.appendFile(`${JSON.stringify(line)}\n`);
        if (sync) await handle.datasync();
      } finally {
        await handle.close();
      }
      if (sync) await fsyncDirectory(dirname(this.path));
    });
    this.#writing = written.catch(() => undefined);
    return written.catch((error: unknown) => {
      throw new SessionStoreError('SESSION_IO', `cannot write the session inbox ${this.path}: ${(error as Error).message}`, { path: this.path, cause: error });
    });
  }

  #load(): Promise<void> {
    this.#loaded ??= (async () => {
      let text = '';
      try {
        text = await readFile(this.path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      for (const raw of text.split('\n')) {
        if (raw === '') continue;
        let line: InboxLine;
        try {
          line = JSON.parse(raw) as InboxLine;
        } catch {
          // Only the last line can be torn, and it was never acknowledged (accept fsyncs before resolving).
          this.#logger.warn({ path: this.path }, 'skipped a torn line of the session inbox');
          continue;
        }
        if (line.op === 'queued') this.#pending.set(line.runId, { runId: line.runId, sessionKey: line.sessionKey, entryId: line.entryId, request: line.request, acceptedAt: line.acceptedAt });
        else if (line.op === 'started') this.#pending.delete(line.runId);
      }
    })();
    return this.#loaded;
  }
}
