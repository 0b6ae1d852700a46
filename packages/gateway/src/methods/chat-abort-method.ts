import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ChatAbortParamsSchema, ErrorCodes, RuntimeMethodNames } from '@rusty-claw/protocol';
import { callerOf } from '../agent/caller.js';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { defineMethod } from './method-definition.js';

/**
 * `chat.abort {sessionKey, runId?}`: aborts one run or every run of the session (queued ones included). The run
 * ends with a `chat` `aborted` event carrying the partial reply, which stays in the transcript. Only admins may
 * abort runs another connection or device started.
 */
export const chatAbortMethod = defineMethod({
  name: RuntimeMethodNames.ChatAbort,
  params: ChatAbortParamsSchema,
  handle: async ({ ctx, connection, session, params }) => {
    const { sessionKey } = await resolveRequestSession(ctx.agents, { key: params.sessionKey });
    if (params.runId !== undefined) {
      const active = ctx.agents.runs.get(params.runId);
      if (!active) return { ok: true, aborted: false, runIds: [] };
      if (active.sessionKey !== sessionKey) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'runId does not match sessionKey');
    }
    const result = ctx.agents.abort({ sessionKey, runId: params.runId, requester: callerOf(connection, session) });
    if (result.unauthorized && !result.aborted) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'unauthorized');
    return { ok: true, aborted: result.aborted, runIds: result.runIds };
  },
});
