import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createAsyncLock } from '../pairing/async-lock.js';

/** An inbound message as the journal keeps it: everything but the attachment download functions. */
export interface StoredInbound {
  channel: string;
  accountId: string;
  messageId: string;
  chat: { id: string; type: 'direct' | 'group' | 'channel'; title?: string };
  threadId?: string;
  sender: { id: string; username?: string; displayName?: string };
  text: string;
  mentionsBot?: boolean;
  replyToMessageId?: string;
  guildId?: string;
  teamId?: string;
  timestamp: number;
  /** Images downloaded before the message was acknowledged (base64), so a restart can still send them to the model. */
  images: Array<{ data: string; mimeType: string }>;
}

export type JournalState = 'received' | 'started' | 'answered' | 'done';

export interface JournalEntry {
  id: string;
  /** `channel / account / chat / message id`: the deduplication key. */
  key: string;
  receivedAt: number;
  route: { agentId: string; sessionKey: string };
  message: StoredInbound;
  state: JournalState;
  /** Runs started for it (more than one only after a crash mid-run). */
  attempts: number;
  runId?: string;
  answer?: { text: string; status: string; error?: string };
}

type JournalRecord =
  | { t: 'in'; entry: Omit<JournalEntry, 'state' | 'attempts' | 'runId' | 'answer'> }
  | { t: 'start'; id: string; at: number; runId?: string }
  | { t: 'answer'; id: string; at: number; text: string; status: string; error?: string }
  | { t: 'done'; id: string; at: number; outcome: string }
  | { t: 'seen'; key: string; at: number };

export interface InboundJournalOptions {
  file: string;
  now?: () => number;
  /** Deduplication keys remembered after their message is done (the newest are kept). Default 10,000. */
  maxSeen?: number;
  /** …and for at most this long. Default 7 days (platforms redeliver within hours at most). */
  seenTtlMs?: number;
  /** Rewrite the file after this many finished messages. Default 500. */
  compactAfter?: number;
}

/**
 * The router's durable inbox: an append-only JSONL file (fsynced per record) of every accepted inbound message and
 * its progress (received → started → answered → done). `receive` resolving is the "durable" in durable-before-ack:
 * the channel acknowledges the platform only after it. On start the journal is read back: messages that are not done
 * are run or delivered again, and the keys of finished ones keep answering "seen" to redeliveries, so a crash neither
 * loses a message nor answers it twice. A torn last line (a crash mid-write) is skipped; the file is rewritten
 * compactly on open and after `compactAfter` finished messages (temp + fsync + rename, mode 0600).
 */
export class InboundJournal {
  readonly file: string;
  readonly #now: () => number;
  readonly #maxSeen: number;
  readonly #seenTtlMs: number;
  readonly #compactAfter: number;
  readonly #lock = createAsyncLock();
  readonly #entries = new Map<string, JournalEntry>();
  /** key → time the message was received; insertion order is age order. */
  readonly #seen = new Map<string, number>();
  #handle: FileHandle | undefined;
  #doneSinceCompaction = 0;
  #skippedLines = 0;

  constructor(options: InboundJournalOptions) {
    this.file = options.file;
    this.#now = options.now ?? Date.now;
    this.#maxSeen = options.maxSeen ?? 10_000;
    this.#seenTtlMs = options.seenTtlMs ?? 7 * 24 * 3_600_000;
    this.#compactAfter = options.compactAfter ?? 500;
  }

  /** Lines that could not be read at open (a torn write at a crash). */
  get skippedLines(): number {
    return this.#skippedLines;
  }

  /** Reads the file back and returns the messages still to answer or deliver, in arrival order. */
  open(): Promise<JournalEntry[]> {
    return this.#lock(async () => {
      let text: string | undefined;
      try {
        text = await readFile(this.file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      // No journal yet (no channel ever delivered here): nothing to write; the first append creates it.
      if (text === undefined) return [];
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch {
          this.#skippedLines++;
          continue;
        }
        this.#apply(record);
      }
      await this.#rewrite();
      return this.pending();
    });
  }

  pending(): JournalEntry[] {
    return [...this.#entries.values()].filter((entry) => entry.state !== 'done');
  }

  get(id: string): JournalEntry | undefined {
    return this.#entries.get(id);
  }

  /** True when a message with this key was received before (pending or finished). */
  has(key: string): boolean {
    return this.#seen.has(key);
  }

  /** Appends a newly accepted message; resolves once it is on disk. */
  receive(entry: Omit<JournalEntry, 'state' | 'attempts' | 'runId' | 'answer'>): Promise<JournalEntry> {
    return this.#lock(async () => {
      const record: JournalRecord = { t: 'in', entry };
      await this.#append(record);
      this.#apply(record);
      return this.#entries.get(entry.id) as JournalEntry;
    });
  }

  started(id: string, runId?: string): Promise<void> {
    return this.#record({ t: 'start', id, at: this.#now(), ...(runId === undefined ? {} : { runId }) });
  }

  answered(id: string, answer: { text: string; status: string; error?: string }): Promise<void> {
    return this.#record({ t: 'answer', id, at: this.#now(), ...answer });
  }

  done(id: string, outcome: string): Promise<void> {
    return this.#lock(async () => {
      const record: JournalRecord = { t: 'done', id, at: this.#now(), outcome };
      await this.#append(record);
      this.#apply(record);
      this.#doneSinceCompaction++;
      if (this.#doneSinceCompaction >= this.#compactAfter) await this.#rewrite();
    });
  }

  close(): Promise<void> {
    return this.#lock(async () => {
      await this.#handle?.close();
      this.#handle = undefined;
    });
  }

  #record(record: JournalRecord): Promise<void> {
    return this.#lock(async () => {
      await this.#append(record);
      this.#apply(record);
    });
  }

  #apply(record: JournalRecord): void {
    switch (record.t) {
      case 'in': {
        const { entry } = record;
        if (typeof entry?.id !== 'string' || typeof entry.key !== 'string') return;
        this.#entries.set(entry.id, { ...entry, state: 'received', attempts: 0 });
        this.#remember(entry.key, entry.receivedAt);
        return;
      }
      case 'seen':
        if (typeof record.key === 'string') this.#remember(record.key, record.at);
        return;
      case 'start': {
        const entry = this.#entries.get(record.id);
        if (!entry) return;
        entry.state = 'started';
        entry.attempts++;
        if (record.runId !== undefined) entry.runId = record.runId;
        return;
      }
      case 'answer': {
        const entry = this.#entries.get(record.id);
        if (!entry) return;
        entry.state = 'answered';
        entry.answer = { text: record.text, status: record.status, ...(record.error === undefined ? {} : { error: record.error }) };
        return;
      }
      case 'done': {
        const entry = this.#entries.get(record.id);
        if (!entry) return;
        // The key stays in #seen; the message itself is no longer needed.
        this.#entries.delete(record.id);
        return;
      }
    }
  }

  #remember(key: string, at: number): void {
    this.#seen.delete(key);
    this.#seen.set(key, at);
    if (this.#seen.size > this.#maxSeen) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined && !this.#isPendingKey(oldest)) this.#seen.delete(oldest);
    }
  }

  #isPendingKey(key: string): boolean {
    for (const entry of this.#entries.values()) if (entry.key === key) return true;
    return false;
  }

  async #append(record: JournalRecord): Promise<void> {
    if (this.#handle === undefined) {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      this.#handle = await open(this.file, 'a', 0o600);
    }
    await this.#handle.appendFile(`${JSON.stringify(record)}\n`, 'utf8');
    await this.#handle.datasync();
  }

  /** Replaces the file with the pending messages and the remembered keys (expired and surplus keys are dropped). */
  async #rewrite(): Promise<void> {
    const cutoff = this.#now() - this.#seenTtlMs;
    const pendingKeys = new Set([...this.#entries.values()].map((entry) => entry.key));
    for (const [key, at] of this.#seen) if (at < cutoff && !pendingKeys.has(key)) this.#seen.delete(key);
    for (const key of this.#seen.keys()) {
      if (this.#seen.size <= this.#maxSeen) break;
      if (!pendingKeys.has(key)) this.#seen.delete(key);
    }
    const lines: string[] = [];
    for (const [key, at] of this.#seen) if (!pendingKeys.has(key)) lines.push(JSON.stringify({ t: 'seen', key, at } satisfies JournalRecord));
    for (const entry of this.#entries.values()) {
      const { state, attempts, runId, answer, ...received } = entry;
      lines.push(JSON.stringify({ t: 'in', entry: received } satisfies JournalRecord));
      for (let i = 0; i < attempts; i++) lines.push(JSON.stringify({ t: 'start', id: entry.id, at: entry.receivedAt, ...(runId === undefined ? {} : { runId }) } satisfies JournalRecord));
      if (state === 'answered' && answer) lines.push(JSON.stringify({ t: 'answer', id: entry.id, at: entry.receivedAt, ...answer } satisfies JournalRecord));
    }
    await this.#handle?.close();
    this.#handle = undefined;
    await writeFileAtomic(this.file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    this.#doneSinceCompaction = 0;
  }
}

async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
