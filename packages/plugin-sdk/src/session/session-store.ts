import type { TranscriptEntry } from './transcript-entry.js';

/** The index row of one session (OpenClaw's `sessions.json` SessionEntry, plus our optimistic `version`). */
export interface SessionRecord {
  key: string;
  sessionId: string;
  /** Epoch ms of the last change. */
  updatedAt: number;
  /** Number of transcript entries appended so far; `append`/`replace` compare it with `expectedVersion`. */
  version: number;
  /** Everything else OpenClaw keeps on a SessionEntry (label, model overrides, token counters, …). */
  meta: Record<string, unknown>;
}

export interface SessionListFilter {
  /** Only sessions updated within the last N ms. */
  activeWithinMs?: number;
  limit?: number;
  keyPrefix?: string;
}

export interface SessionStoreCapabilities {
  locking?: boolean;
  ttl?: boolean;
}

/**
 * Durable sessions. `append` resolves only once the entries are on disk (or wherever the store keeps them):
 * callers acknowledge a message after it. A stale `expectedVersion` rejects with `SessionConflictError`
 * instead of silently interleaving two writers.
 */
export interface SessionStore {
  readonly specificationVersion: 'v1';
  readonly capabilities?: SessionStoreCapabilities;
  get(key: string): Promise<SessionRecord | undefined>;
  list(filter?: SessionListFilter): Promise<SessionRecord[]>;
  append(key: string, entries: TranscriptEntry[], options?: { expectedVersion?: number; meta?: Record<string, unknown> }): Promise<SessionRecord>;
  read(key: string, options?: { fromSeq?: number }): AsyncIterable<TranscriptEntry>;
  /** Swap the whole transcript (compaction, reset); the old one is archived, never deleted. */
  replace(key: string, entries: TranscriptEntry[], options: { expectedVersion: number }): Promise<SessionRecord>;
  patch(key: string, meta: Record<string, unknown>): Promise<SessionRecord>;
  delete(key: string): Promise<boolean>;
  close(): Promise<void>;
}
