import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One row of a session index as the summaries need it. */
export interface SessionIndexRow {
  key: string;
  updatedAt: number;
  entry: Record<string, unknown>;
}

/** `<stateDir>/agents/<agentId>/sessions/sessions.json`, the per-agent session index (OpenClaw's layout). */
export function sessionIndexPath(stateDir: string, agentId: string): string {
  return join(stateDir, 'agents', agentId, 'sessions', 'sessions.json');
}

/**
 * Reads a session index, newest first, without the `global`/`unknown` buckets. Health is best effort: a
 * missing or unreadable index counts as empty rather than failing the probe (the session store owns
 * repairing it).
 */
export async function readSessionIndex(path: string): Promise<SessionIndexRow[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([key]) => key !== 'global' && key !== 'unknown')
    .map(([key, value]) => {
      const entry = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      const updatedAt = typeof entry['updatedAt'] === 'number' ? entry['updatedAt'] : 0;
      return { key, updatedAt, entry };
    })
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** `{path, count, recent}` with the 5 most recent keys, as `health` reports each store. */
export function summarizeSessionIndex(path: string, rows: readonly SessionIndexRow[], now: number) {
  return {
    path,
    count: rows.length,
    recent: rows.slice(0, 5).map((row) => ({
      key: row.key,
      updatedAt: row.updatedAt || null,
      age: row.updatedAt ? now - row.updatedAt : null,
    })),
  };
}
