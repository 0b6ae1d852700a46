import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger, UserMessage } from '@rusty-claw/plugin-sdk';

/** A user message that was acknowledged but may not be in its transcript yet. */
export interface PendingTurn {
  runId: string;
  agentId: string;
  sessionKey: string;
  /** When it was acknowledged (ms). */
  ts: number;
  message: UserMessage;
}

type JournalLine = ({ op: 'add' } & PendingTurn) | { op: 'done'; runId: string };

/** Past this size, a journal with nothing pending is started afresh. */
const COMPACT_AFTER_BYTES = 64 * 1024;

/**
 * Durable acknowledgement of user messages. `chat.send` and `agent` answer at once, but a message queued behind a
 * running turn reaches its transcript only when its own turn starts; a crash in between would lose a message the
 * client was told was accepted. So every message is appended here (fsynced) before the answer, and marked done once
 * the agent run has stored it in the transcript. On start-up, `pending()` lists what never got there.
 *
 * One JSON object per line; a torn last line (a crash mid-write) is ignored, since nothing was acknowledged for it.
 * `done` lines are not fsynced: losing one only means recovery checks the transcript for that message again.
 */
export class PendingTurnJournal {
  readonly #open = new Map<string, PendingTurn>();
  #tail: Promise<unknown> = Promise.resolve();
  #bytes = 0;
  #dirReady: Promise<unknown> | undefined;

  constructor(
    readonly path: string,
    private readonly logger: Logger,
  ) {}

  /** Reads the journal: the turns added and never marked done. */
  async load(): Promise<PendingTurn[]> {
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#bytes = Buffer.byteLength(text);
    this.#open.clear();
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let parsed: JournalLine;
      try {
        parsed = JSON.parse(line) as JournalLine;
      } catch {
        if (index < lines.length - 1) this.logger.warn({ path: this.path, line: index + 1 }, 'skipped an unreadable line of the pending-turn journal');
        return;
      }
      if (parsed.op === 'add' && typeof parsed.runId === 'string') {
        const { op: _op, ...turn } = parsed;
        this.#open.set(parsed.runId, turn);
      } else if (parsed.op === 'done') this.#open.delete(parsed.runId);
    });
    return [...this.#open.values()];
  }

  /** Appends and fsyncs the turn; resolves once it is on disk. */
  add(turn: PendingTurn): Promise<void> {
    this.#open.set(turn.runId, turn);
    return this.#write({ op: 'add', ...turn }, true).catch((error: unknown) => {
      this.#open.delete(turn.runId);
      throw error;
    });
  }

  /** The turn's message is in its transcript now. */
  done(runId: string): Promise<void> {
    if (!this.#open.delete(runId)) return Promise.resolve();
    return this.#write({ op: 'done', runId }, false).catch((error: unknown) => {
      this.logger.warn({ path: this.path, runId, error: String(error) }, 'could not mark a pending turn done; recovery will check its transcript');
    });
  }

  get pendingCount(): number {
    return this.#open.size;
  }

  /** Resolves once every write started so far has finished. */
  async idle(): Promise<void> {
    await this.#tail.catch(() => undefined);
  }

  #write(line: JournalLine, sync: boolean): Promise<void> {
    const run = this.#tail.catch(() => undefined).then(async () => {
      this.#dirReady ??= mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await this.#dirReady;
      if (this.#open.size === 0 && line.op === 'done' && this.#bytes > COMPACT_AFTER_BYTES) {
        await this.#rewriteEmpty();
        return;
      }
      const text = `${JSON.stringify(line)}\n`;
      const handle = await open(this.path, 'a', 0o600);
      try {
        await handle.appendFile(text);
        if (sync) await handle.datasync();
      } finally {
        await handle.close();
      }
      this.#bytes += Buffer.byteLength(text);
    });
    this.#tail = run;
    return run;
  }

  /** Nothing is pending: replace the journal with an empty file (atomically, so a crash leaves old or new). */
  async #rewriteEmpty(): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    this.#bytes = 0;
  }
}
