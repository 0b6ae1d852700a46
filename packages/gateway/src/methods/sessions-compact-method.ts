import { ProtocolError, type TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { ErrorCodes, RuntimeMethodNames, SessionsCompactParamsSchema } from '@rusty-claw/protocol';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { resolveRunModels } from '../agent/resolve-run-models.js';
import { summarizeWithModels } from '../agent/summarize-with-models.js';
import { defineMethod } from './method-definition.js';

/**
 * `sessions.compact {key, maxLines?}` (admin), queued behind the session's runs. Without `maxLines`, the older turns
 * are summarised with the session's models and the recent ones kept verbatim (the agent runtime's compaction); with
 * it, only the last `maxLines` entries are kept. Either way the full transcript is archived first, so no turn is
 * lost, and a failure leaves the transcript as it was.
 */
export const sessionsCompactMethod = defineMethod({
  name: RuntimeMethodNames.SessionsCompact,
  params: SessionsCompactParamsSchema,
  handle: async ({ ctx, params }) => {
    const agents = ctx.agents;
    const core = await agents.core();
    const { sessionKey, agentId } = await resolveRequestSession(agents, { key: params.key });
    const store = await agents.store(agentId);
    return agents.withSession(sessionKey, async () => {
      const current = await store.get(sessionKey);
      if (!current) return { ok: true, key: sessionKey, compacted: false, reason: 'no sessionId' };
      const entries: TranscriptEntry[] = [];
      for await (const entry of store.read(sessionKey)) entries.push(entry);
      if (entries.length === 0) return { ok: true, key: sessionKey, compacted: false, reason: 'no transcript' };
      const count = (current.meta['compactionCount'] as number | undefined) ?? 0;
      if (params.maxLines !== undefined) {
        if (entries.length <= params.maxLines) return { ok: true, key: sessionKey, compacted: false, reason: 'within maxLines', kept: entries.length };
        const kept = entries.slice(-params.maxLines);
        kept[0] = { ...(kept[0] as TranscriptEntry), parentId: null };
        await store.replace(sessionKey, kept, { expectedVersion: current.version });
        await store.patch(sessionKey, { compactionCount: count + 1 });
        return { ok: true, key: sessionKey, compacted: true, kept: kept.length };
      }
      const models = resolveRunModels({ registry: await agents.registry(), config: ctx.config, agentId, sessionMeta: current.meta, logger: ctx.logger });
      let result;
      try {
        result = await core.compactSession({
          store,
          sessionKey,
          entries,
          version: current.version,
          summarize: summarizeWithModels(models, ctx.logger),
          now: ctx.now,
          logger: ctx.logger,
        });
      } catch (error) {
        throw new ProtocolError(ErrorCodes.UNAVAILABLE, error instanceof Error ? error.message : String(error));
      }
      if (!result.compacted) return { ok: true, key: sessionKey, compacted: false, ...(result.reason === undefined ? {} : { reason: result.reason }) };
      await store.patch(sessionKey, { compactionCount: count + 1 });
      return { ok: true, key: sessionKey, compacted: true, kept: result.entries.length };
    });
  },
});
