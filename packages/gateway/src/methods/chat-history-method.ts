import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { ChatHistoryParamsSchema, RuntimeMethodNames } from '@rusty-claw/protocol';
import { CHAT_HISTORY_TEXT_MAX_CHARS, projectChatHistory } from '../agent/chat-history-projection.js';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { defineMethod } from './method-definition.js';

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
    const entries: TranscriptEntry[] = [];
    if (record) for await (const entry of store.read(sessionKey)) entries.push(entry);
    const messages = projectChatHistory(core.activePath(entries), { limit: params.limit ?? 200, maxChars: params.maxChars ?? CHAT_HISTORY_TEXT_MAX_CHARS });
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
