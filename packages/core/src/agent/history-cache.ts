import type { RunHistory } from './run-agent.js';

export interface HistoryCacheLimits {
  /** Sessions kept. Default 8. */
  maxSessions?: number;
  /** Largest transcript kept, in entries. Default 20,000. */
  maxEntries?: number;
  /** Largest transcript kept, in serialized characters. Default 16 MiB. */
  maxSessionBytes?: number;
  /** All kept transcripts together, in serialized characters. Default 48 MiB. */
  maxTotalBytes?: number;
}

/**
 * The transcripts of the most recently run sessions, so a turn does not re-read its session's file. Bounded by
 * sessions, entries and bytes: 20,000 entries can be a few MiB of text or, with images, hundreds of MiB. A run
 * `take`s its session's history (owning the array while it appends) and `put`s it back after.
 */
export class HistoryCache {
  readonly #items = new Map<string, RunHistory & { bytes: number }>();
  readonly #maxSessions: number;
  readonly #maxEntries: number;
  readonly #maxSessionBytes: number;
  readonly #maxTotalBytes: number;
  #bytes = 0;

  constructor(limits: HistoryCacheLimits = {}) {
    this.#maxSessions = limits.maxSessions ?? 8;
    this.#maxEntries = limits.maxEntries ?? 20_000;
    this.#maxSessionBytes = limits.maxSessionBytes ?? 16 * 1024 * 1024;
    this.#maxTotalBytes = limits.maxTotalBytes ?? 48 * 1024 * 1024;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Serialized characters held (approximately the memory, as JS strings). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Removes and returns the session's history (the caller owns it until it puts it back). */
  take(sessionKey: string): (RunHistory & { bytes: number }) | undefined {
    const item = this.#items.get(sessionKey);
    if (item) this.delete(sessionKey);
    return item;
  }

  delete(sessionKey: string): void {
    const item = this.#items.get(sessionKey);
    if (!item) return;
    this.#items.delete(sessionKey);
    this.#bytes -= item.bytes;
  }

  /** Keeps the history unless it is too large; evicts the least recently used sessions over the limits. */
  put(sessionKey: string, history: RunHistory): void {
    this.delete(sessionKey);
    if (history.entries.length > this.#maxEntries) return;
    // Measured once after a (re)load; runs then add what they append, so a turn does not re-measure.
    const bytes = history.bytes ?? measure(history, this.#maxSessionBytes);
    if (bytes > this.#maxSessionBytes) return;
    this.#items.set(sessionKey, { entries: history.entries, version: history.version, bytes });
    this.#bytes += bytes;
    for (const key of this.#items.keys()) {
      if (this.#items.size <= this.#maxSessions && this.#bytes <= this.#maxTotalBytes) break;
      this.delete(key);
    }
  }

  clear(): void {
    this.#items.clear();
    this.#bytes = 0;
  }
}

/** Serialized size, stopping once past `limit` (the history is not kept then, so the exact figure does not matter). */
function measure(history: RunHistory, limit: number): number {
  let bytes = 0;
  for (const entry of history.entries) {
    bytes += JSON.stringify(entry).length + 1;
    if (bytes > limit) return bytes;
  }
  return bytes;
}
