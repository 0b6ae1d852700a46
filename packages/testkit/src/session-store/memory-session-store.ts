import { randomUUID } from 'node:crypto';
import {
  RustyClawError,
  SessionConflictError,
  type SessionListFilter,
  type SessionRecord,
  type SessionStore,
  type TranscriptEntry,
} from '@rusty-claw/plugin-sdk';

/** The data behind a memory store; pass the same state to a new store to "reopen" it. */
export interface MemorySessionState {
  sessions: Map<string, { record: SessionRecord; entries: TranscriptEntry[] }>;
  /** Transcripts replaced by `replace()` or dropped by `delete()`, oldest first, per key. */
  archives: Map<string, TranscriptEntry[][]>;
}

export interface MemorySessionStoreOptions {
  state?: MemorySessionState;
  now?: () => number;
  generateSessionId?: () => string;
}

export interface MemorySessionStore extends SessionStore {
  readonly state: MemorySessionState;
  /** Transcripts archived for `key` by `replace()` and `delete()` (copies). */
  archived(key: string): TranscriptEntry[][];
}

export function createMemorySessionState(): MemorySessionState {
  return { sessions: new Map(), archives: new Map() };
}

/**
 * A reference `SessionStore` kept in memory: the executable meaning of the contract, and a store for gateway tests
 * that need no disk. Everything is copied in and out, so callers can never mutate stored state by reference.
 * Versions only grow (replace adds its entry count, at least 1), so a writer holding a pre-replace version always
 * conflicts instead of appending to the new transcript.
 */
export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): MemorySessionStore {
  const state = options.state ?? createMemorySessionState();
  const now = options.now ?? Date.now;
  const generateSessionId = options.generateSessionId ?? randomUUID;
  let closed = false;

  const check = (key: string): void => {
    if (closed) throw new RustyClawError('session store is closed', { code: 'SESSION_STORE_CLOSED' });
    if (typeof key !== 'string' || key.trim() === '') throw new RustyClawError(`invalid session key ${JSON.stringify(key)}`, { code: 'SESSION_KEY_INVALID' });
  };
  const copy = (record: SessionRecord): SessionRecord => structuredClone(record);
  const ensure = (key: string) => {
    let session = state.sessions.get(key);
    if (!session) {
      session = { record: { key, sessionId: generateSessionId(), updatedAt: now(), version: 0, meta: {} }, entries: [] };
      state.sessions.set(key, session);
    }
    return session;
  };

  return {
    specificationVersion: 'v1',
    capabilities: { locking: true },
    state,
    archived: (key) => structuredClone(state.archives.get(key) ?? []),
    async get(key) {
      check(key);
      const session = state.sessions.get(key);
      return session && copy(session.record);
    },
    async list(filter: SessionListFilter = {}) {
      if (closed) throw new RustyClawError('session store is closed', { code: 'SESSION_STORE_CLOSED' });
      const since = filter.activeWithinMs === undefined ? undefined : now() - filter.activeWithinMs;
      const records = [...state.sessions.values()]
        .map((session) => session.record)
        .filter((record) => filter.keyPrefix === undefined || record.key.startsWith(filter.keyPrefix))
        .filter((record) => since === undefined || record.updatedAt >= since)
        .sort((a, b) => b.updatedAt - a.updatedAt || a.key.localeCompare(b.key));
      return (filter.limit === undefined ? records : records.slice(0, filter.limit)).map(copy);
    },
    // Each method runs synchronously between its checks and its writes (no await in between), so two calls on one
    // key are serialized by the event loop: that is this store's "lock".
    async append(key, entries, appendOptions = {}) {
      check(key);
      const actual = state.sessions.get(key)?.record.version ?? 0;
      if (appendOptions.expectedVersion !== undefined && appendOptions.expectedVersion !== actual) {
        throw new SessionConflictError(key, appendOptions.expectedVersion, actual);
      }
      const session = ensure(key);
      session.entries.push(...structuredClone(entries));
      session.record = {
        ...session.record,
        version: session.record.version + entries.length,
        updatedAt: now(),
        meta: { ...session.record.meta, ...structuredClone(appendOptions.meta ?? {}) },
      };
      return copy(session.record);
    },
    async *read(key, readOptions = {}) {
      check(key);
      // A snapshot: appends during iteration do not show up half-way.
      const entries = structuredClone(state.sessions.get(key)?.entries ?? []);
      yield* entries.slice(readOptions.fromSeq ?? 0);
    },
    async replace(key, entries, replaceOptions) {
      check(key);
      const actual = state.sessions.get(key)?.record.version ?? 0;
      if (replaceOptions.expectedVersion !== actual) throw new SessionConflictError(key, replaceOptions.expectedVersion, actual);
      const session = ensure(key);
      state.archives.set(key, [...(state.archives.get(key) ?? []), session.entries]);
      session.entries = structuredClone(entries);
      session.record = { ...session.record, version: session.record.version + Math.max(1, entries.length), updatedAt: now() };
      return copy(session.record);
    },
    async patch(key, meta) {
      check(key);
      const session = ensure(key);
      session.record = { ...session.record, updatedAt: now(), meta: { ...session.record.meta, ...structuredClone(meta) } };
      return copy(session.record);
    },
    async delete(key) {
      check(key);
      const session = state.sessions.get(key);
      if (!session) return false;
      // Like replace: the transcript goes to the archive, never away.
      state.archives.set(key, [...(state.archives.get(key) ?? []), session.entries]);
      return state.sessions.delete(key);
    },
    async close() {
      closed = true;
    },
  };
}
