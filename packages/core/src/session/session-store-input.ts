import type { SessionRecord, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import type { SessionIndexEntry } from './session-index-file.js';
import { SessionStoreError } from './session-store-error.js';

/** Index fields the store manages itself; callers cannot set them through `meta`. */
export const RESERVED_META_KEYS: ReadonlySet<string> = new Set(['sessionId', 'updatedAt', 'version', 'transcriptBytes', 'sessionFile']);

const MAX_KEY_LENGTH = 1024;

export function checkSessionKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.trim() === '' || key.length > MAX_KEY_LENGTH) {
    throw new SessionStoreError('SESSION_KEY_INVALID', `invalid session key ${JSON.stringify(key)}: expected a non-empty string of at most ${MAX_KEY_LENGTH} characters`);
  }
}

/** Serializes entries to JSONL before any I/O, so a bad entry fails the whole call and writes nothing. */
export function serializeEntries(entries: readonly TranscriptEntry[]): string {
  if (!Array.isArray(entries)) throw new SessionStoreError('SESSION_ENTRY_INVALID', 'entries must be an array of transcript entries');
  let text = '';
  entries.forEach((entry, index) => {
    const type = (entry as { type?: unknown } | null)?.type;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || typeof type !== 'string' || type === '') {
      throw new SessionStoreError('SESSION_ENTRY_INVALID', `entries[${index}] must be an object with a string "type"`);
    }
    if (type === 'session') throw new SessionStoreError('SESSION_ENTRY_INVALID', `entries[${index}] has type "session", which is reserved for the transcript header`);
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch (error) {
      throw new SessionStoreError('SESSION_ENTRY_INVALID', `entries[${index}] cannot be serialized as JSON: ${(error as Error).message}`, { cause: error });
    }
    text += `${line}\n`;
  });
  return text;
}

/** Checks and deep-copies (through JSON, as it will be stored) a meta patch. */
export function cloneMeta(meta: unknown): Record<string, unknown> {
  if (meta === undefined) return {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new SessionStoreError('SESSION_ENTRY_INVALID', 'meta must be a plain object');
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(meta)) {
    if (RESERVED_META_KEYS.has(field)) {
      throw new SessionStoreError('SESSION_META_RESERVED', `meta.${field} is managed by the session store and cannot be set`);
    }
    try {
      copy[field] = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    } catch (error) {
      throw new SessionStoreError('SESSION_ENTRY_INVALID', `meta.${field} cannot be serialized as JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  return copy;
}

/** Merges a checked meta patch into an index entry; an `undefined` value removes that field. */
export function mergeMeta(entry: SessionIndexEntry, meta: Record<string, unknown>): SessionIndexEntry {
  const next: SessionIndexEntry = { ...entry };
  for (const [field, value] of Object.entries(meta)) {
    if (value === undefined) delete next[field];
    else next[field] = value;
  }
  return next;
}

export function toSessionRecord(key: string, entry: SessionIndexEntry): SessionRecord {
  const { sessionId, updatedAt, version, transcriptBytes: _bytes, sessionFile: _file, ...meta } = entry;
  return { key, sessionId, updatedAt, version: version ?? 0, meta: structuredClone(meta) };
}
