import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { RuntimeMethodNames, SessionsCompactParamsSchema } from '@rusty-claw/protocol';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { toProtocolError } from '../agent/to-protocol-error.js';
import { defineMethod } from './method-definition.js';

/**
 * `sessions.compact {key, maxLines?}` (admin), queued behind the session's runs. Without `maxLines`, the older turns
 * are summarised with the session's models and the recent ones kept verbatim (core's compaction); with it, only the
 * last `maxLines` entries are kept. Either way the full transcript is archived first, so no turn is lost, and a
 * failure leaves the transcript as it was.
 */
export const sessionsCompactMethod = defineMethod({
  name: RuntimeMethodNames.SessionsCompact,
  params: SessionsCompactParamsSchema,
  handle: async ({ ctx, params }) => {
    const agents = ctx.agents;
    const { sessionKey, agentId } = await resolveRequestSession(agents, { key: params.key });
    const store = await agents.store(agentId);
    const current = await store.get(sessionKey);
    if (!current) return { ok: true, key: sessionKey, compacted: false, reason: 'no sessionId' };
    const count = typeof current.meta['compactionCount'] === 'number' ? current.meta['compactionCount'] : 0;
    if (params.maxLines !== undefined) {
      const maxLines = params.maxLines;
      return agents.withSession(sessionKey, async () => {
        const latest = (await store.get(sessionKey)) ?? current;
        const entries: TranscriptEntry[] = [];
        for await (const entry of store.read(sessionKey)) entries.push(entry);
        if (entries.length <= maxLines) return { ok: true, key: sessionKey, compacted: false, reason: 'within maxLines', kept: entries.length };
        const kept = entries.slice(-maxLines);
        kept[0] = { ...(kept[0] as TranscriptEntry), parentId: null };
        await store.replace(sessionKey, kept, { expectedVersion: latest.version });
        await store.patch(sessionKey, { compactionCount: count + 1 });
        return { ok: true, key: sessionKey, compacted: true, kept: kept.length };
      });
    }
    let result;
    try {
      result = await (await agents.runtime()).compact({ sessionKey, agentId });
    } catch (error) {
      throw toProtocolError(error);
    }
    if (!result.compacted) return { ok: true, key: sessionKey, compacted: false, ...(result.reason === undefined ? {} : { reason: result.reason }) };
    await store.patch(sessionKey, { compactionCount: count + 1 });
    return { ok: true, key: sessionKey, compacted: true, kept: result.entries.length };
  },
});
