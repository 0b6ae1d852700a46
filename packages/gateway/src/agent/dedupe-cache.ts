import type { ErrorShape } from '@rusty-claw/protocol';

/** A cached answer to an idempotency key: what a repeat of the request gets. */
export interface DedupeEntry {
  ts: number;
  ok: boolean;
  payload: unknown;
  error?: ErrorShape;
}

/**
 * OpenClaw's gateway dedupe cache (`chat:<key>`, `agent:<key>`): entries expire after `ttlMs` and at most
 * `maxEntries` are kept, oldest first out. A Map keeps insertion order, so eviction is O(1); a re-set key moves to
 * the end.
 */
export class DedupeCache {
  readonly #entries = new Map<string, DedupeEntry>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number; now: () => number }) {}

  get(key: string): DedupeEntry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.options.now() - entry.ts > this.options.ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: Omit<DedupeEntry, 'ts'>): void {
    this.#entries.delete(key);
    this.#entries.set(key, { ...entry, ts: this.options.now() });
    this.#prune();
  }

  get size(): number {
    return this.#entries.size;
  }

  #prune(): void {
    const cutoff = this.options.now() - this.options.ttlMs;
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.options.maxEntries && entry.ts >= cutoff) break;
      this.#entries.delete(key);
    }
  }
}
