import type { SessionRecord, SessionStore, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { ChatHistoryParamsSchema, RuntimeMethodNames } from '@rusty-claw/protocol';
import { CHAT_HISTORY_TEXT_MAX_CHARS, projectChatHistory } from '../agent/chat-history-projection.js';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { defineMethod } from './method-definition.js';

/** Entries read from the end of a transcript per requested message (tool-heavy turns write several per message). */
const ENTRIES_PER_MESSAGE = 3;

/**
 * The session's last entries with their 1-based positions. Only the tail is parsed (`fromSeq`), so a long transcript
 * costs about the same as a short one; when the tail is not enough (a transcript rewritten by a reset or compaction
 * numbers its lines from a base the index does not show, or too few visible messages), the whole file is read.
 */
async function readTail(store: SessionStore, key: string, record: SessionRecord, limit: number): Promise<{ entries: TranscriptEntry[]; from: number; complete: boolean }> {
  const window = limit * ENTRIES_PER_MESSAGE + 50;
  const from = Math.max(0, record.version - window);
  const entries: TranscriptEntry[] = [];
  for await (const entry of store.read(key, { fromSeq: from })) entries.push(entry);
  return { entries, from, complete: from === 0 || entries.length >= window };
}

/**
 * `chat.history {sessionKey, limit? (default 200), maxChars?}`: the session's recent messages, display-normalised
 * (OpenClaw's projection: `__openclaw:{id, seq}`, long text cut, images without bytes, at most 6 MiB in total),
 * plus the session's thinking/verbose settings. An unknown session has no messages.
 */
export const chatHistoryMethod = defineMethod({
  name: RuntimeMethodNames.ChatHistory,
  params: ChatHistoryParamsSchema,
  handle: async ({ ctx, params }) => {
    const { sessionKey, agentId } = await resolveRequestSession(ctx.agents, { key: params.sessionKey, agentId: params.agentId });
    const [core, store] = await Promise.all([ctx.agents.core(), ctx.agents.store(agentId)]);
    const record = await store.get(sessionKey);
    const limit = params.limit ?? 200;
    const maxChars = params.maxChars ?? CHAT_HISTORY_TEXT_MAX_CHARS;
    let messages: ReturnType<typeof projectChatHistory> = [];
    if (record) {
      let tail = await readTail(store, sessionKey, record, limit);
      const project = () => {
        const seqs = new Map(tail.entries.map((entry, index) => [entry, tail.from + index + 1]));
        return projectChatHistory(core.activePath(tail.entries), { limit, maxChars, seqOf: (entry) => seqs.get(entry) ?? 0 });
      };
      messages = project();
      if (tail.from > 0 && (!tail.complete || messages.length < limit)) {
        tail = { entries: [], from: 0, complete: true };
        for await (const entry of store.read(sessionKey)) tail.entries.push(entry);
        messages = project();
      }
    }
    const meta = record?.meta ?? {};
    const thinkingLevel = typeof meta['thinkingLevel'] === 'string' ? meta['thinkingLevel'] : ctx.config.agents?.defaults?.thinkingDefault;
    return {
      sessionKey: params.sessionKey,
      ...(record ? { sessionId: record.sessionId } : {}),
      messages,
      ...(thinkingLevel === undefined ? {} : { thinkingLevel }),
      ...(typeof meta['fastMode'] === 'boolean' ? { fastMode: meta['fastMode'] } : {}),
      ...(typeof meta['verboseLevel'] === 'string' ? { verboseLevel: meta['verboseLevel'] } : {}),
    };
  },
});
