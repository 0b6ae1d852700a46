import { randomUUID } from 'node:crypto';
import type { Logger, SessionStore, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import type { PendingTurn, PendingTurnJournal } from './pending-turn-journal.js';
import { userMessageText } from './run-input.js';

/**
 * After a crash: every acknowledged user message that never reached its transcript is appended now (with its
 * original time), so `chat.history` shows everything a client was told was accepted. A message counts as present
 * when the transcript holds a user message with the same text written at or after its acknowledgement (the agent
 * loop stores it a moment after the journal did). The turns are not re-run: their clients are gone, and running a
 * model on start-up unasked would surprise the operator. Returns how many messages were restored.
 */
export async function recoverPendingTurns(params: {
  journal: PendingTurnJournal;
  store: (agentId: string) => Promise<SessionStore>;
  logger: Logger;
}): Promise<number> {
  const pending = await params.journal.load();
  let restored = 0;
  const appended = new Set<string>();
  for (const turn of pending.sort((a, b) => a.ts - b.ts)) {
    try {
      if (await restoreTurn(turn, await params.store(turn.agentId), appended)) restored++;
      await params.journal.done(turn.runId);
    } catch (error) {
      // Kept pending: the next start tries again (e.g. once an unreadable session index is fixed).
      params.logger.error({ runId: turn.runId, sessionKey: turn.sessionKey, error: String(error) }, 'could not restore an acknowledged message');
    }
  }
  if (restored > 0) params.logger.warn({ restored }, 'restored acknowledged messages that a crash kept from their transcripts');
  return restored;
}

async function restoreTurn(turn: PendingTurn, store: SessionStore, appended: Set<string>): Promise<boolean> {
  const entries: TranscriptEntry[] = [];
  for await (const entry of store.read(turn.sessionKey)) entries.push(entry);
  const text = userMessageText(turn.message);
  const present = entries.some(
    (entry) =>
      entry.type === 'message' &&
      !appended.has(entry.id) &&
      entry.message.role === 'user' &&
      entry.message.timestamp >= turn.ts &&
      userMessageText(entry.message) === text,
  );
  if (present) return false;
  const entry: TranscriptEntry = {
    type: 'message',
    id: randomUUID(),
    parentId: entries.at(-1)?.id ?? null,
    timestamp: new Date(turn.ts).toISOString(),
    message: turn.message,
  };
  await store.append(turn.sessionKey, [entry]);
  appended.add(entry.id);
  return true;
}
