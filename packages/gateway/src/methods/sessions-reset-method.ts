import { RuntimeMethodNames, SessionsResetParamsSchema } from '@rusty-claw/protocol';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { sessionEntryOf } from '../agent/session-entry.js';
import { toProtocolError } from '../agent/to-protocol-error.js';
import { defineMethod } from './method-definition.js';

/** Token counters that describe the old transcript; a fresh one starts without them. */
const CLEARED_ON_RESET = ['inputTokens', 'outputTokens', 'totalTokens', 'totalTokensFresh', 'cacheRead', 'cacheWrite', 'contextTokens', 'compactionCount', 'abortedLastRun'];

/**
 * `sessions.reset {key, reason?}` (admin): aborts the session's runs, waits for them, then starts an empty
 * transcript. The old one is archived next to it (`<id>.jsonl.reset.<ts>`), never deleted; settings such as the
 * label, model and thinking level stay.
 */
export const sessionsResetMethod = defineMethod({
  name: RuntimeMethodNames.SessionsReset,
  params: SessionsResetParamsSchema,
  handle: async ({ ctx, connection, params }) => {
    const agents = ctx.agents;
    const { sessionKey, agentId } = await resolveRequestSession(agents, { key: params.key });
    agents.abort({ sessionKey, requester: { connId: connection.connId, admin: true } });
    try {
      await (await agents.runtime()).reset({ sessionKey, agentId });
    } catch (error) {
      throw toProtocolError(error);
    }
    const record = await (await agents.store(agentId)).patch(sessionKey, Object.fromEntries(CLEARED_ON_RESET.map((field) => [field, undefined])));
    return { ok: true, key: sessionKey, entry: sessionEntryOf(record) };
  },
});
