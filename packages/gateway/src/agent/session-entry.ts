import { join } from 'node:path';
import type { SessionRecord } from '@rusty-claw/plugin-sdk';
import type { Core } from './core-module.js';

/** A record as OpenClaw's SessionEntry (`sessions.json` row): `sessionId`, `updatedAt` and the kept fields. */
export function sessionEntryOf(record: SessionRecord): Record<string, unknown> {
  return { ...record.meta, sessionId: record.sessionId, updatedAt: record.updatedAt };
}

/** `<stateDir>/agents/<agentId>/sessions/sessions.json`. */
export function sessionIndexFile(core: Core, stateDir: string, agentId: string): string {
  return join(core.FileSessionStore.sessionsDir(stateDir, agentId), 'sessions.json');
}
