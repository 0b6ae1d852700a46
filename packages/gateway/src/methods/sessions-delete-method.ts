import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ProtocolError, type SessionStore } from '@rusty-claw/plugin-sdk';
import { ErrorCodes, RuntimeMethodNames, SessionsDeleteParamsSchema } from '@rusty-claw/protocol';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { toProtocolError } from '../agent/to-protocol-error.js';
import { resolveAgentOrder } from '../health/agent-order.js';
import { defineMethod } from './method-definition.js';

/** The file-backed store can name a session's transcript; other stores cannot. */
function transcriptPathOf(store: SessionStore, key: string): Promise<string | undefined> {
  const named = store as SessionStore & { transcriptPath?: (key: string) => Promise<string | undefined> };
  return named.transcriptPath ? named.transcriptPath(key) : Promise.resolve(undefined);
}

/**
 * `sessions.delete {key}` (admin): aborts the session's runs, then removes it from the index. Its transcript is
 * archived (`<id>.jsonl.deleted.<ts>`), never destroyed, whatever `deleteTranscript` says; `archived` lists the
 * archive file. The main session cannot be deleted (OpenClaw's rule).
 */
export const sessionsDeleteMethod = defineMethod({
  name: RuntimeMethodNames.SessionsDelete,
  params: SessionsDeleteParamsSchema,
  handle: async ({ ctx, connection, params }) => {
    const agents = ctx.agents;
    const core = await agents.core();
    const { sessionKey, agentId } = await resolveRequestSession(agents, { key: params.key });
    const mainKey = core.buildMainSessionKey({ agentId: resolveAgentOrder(ctx.config).defaultAgentId, mainKey: ctx.config.session?.mainKey });
    if (sessionKey === mainKey) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `Cannot delete the main session (${mainKey}).`);
    const path = await transcriptPathOf(await agents.store(agentId), sessionKey);
    agents.abort({ sessionKey, requester: { connId: connection.connId, admin: true } });
    let deleted: boolean;
    try {
      deleted = await (await agents.runtime()).delete({ sessionKey, agentId });
    } catch (error) {
      throw toProtocolError(error);
    }
    const archived =
      deleted && path !== undefined
        ? (await readdir(dirname(path)).catch(() => [] as string[]))
            .filter((name) => name.startsWith(`${basename(path)}.deleted.`))
            .sort()
            .slice(-1)
            .map((name) => join(dirname(path), name))
        : [];
    return { ok: true, key: sessionKey, deleted, archived };
  },
});
