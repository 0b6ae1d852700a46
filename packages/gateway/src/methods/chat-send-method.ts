import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ChatSendParamsSchema, ErrorCodes, RuntimeMethodNames } from '@rusty-claw/protocol';
import { callerOf } from '../agent/caller.js';
import { attachmentsToImages } from '../agent/chat-attachments.js';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import { defineMethod, RESPONDED } from './method-definition.js';

/** `/stop` as the whole message aborts the session's runs instead of starting one (OpenClaw's stop command). */
const STOP_COMMAND = /^\/stop\s*$/i;

/**
 * `chat.send`: answers `{runId: idempotencyKey, status:"started"}` as soon as the message is durable, then the
 * reply streams as `chat` and `agent` events. A duplicate of a running key answers `in_flight`; a repeat of a
 * finished key gets the cached answer (5 min). Messages to a busy session wait their turn; none is dropped.
 */
export const chatSendMethod = defineMethod({
  name: RuntimeMethodNames.ChatSend,
  params: ChatSendParamsSchema,
  handle: async ({ ctx, connection, session, params, requestId }) => {
    const caller = callerOf(connection, session);
    if ((params.systemInputProvenance !== undefined || params.systemProvenanceReceipt !== undefined) && !caller.admin) {
      throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'system provenance fields require admin scope');
    }
    const routed = [params.originatingChannel, params.originatingTo, params.originatingAccountId, params.originatingThreadId].some((value) => value !== undefined);
    if (routed && !caller.admin) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'originating route fields require admin scope');
    const { sessionKey, agentId } = await resolveRequestSession(ctx.agents, { key: params.sessionKey, agentId: params.agentId });

    if (STOP_COMMAND.test(params.message.trim())) {
      const result = ctx.agents.abort({ sessionKey, requester: caller });
      if (result.unauthorized && !result.aborted) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'unauthorized');
      return { ok: true, aborted: result.aborted, runIds: result.runIds };
    }

    const runId = params.idempotencyKey;
    const cached = ctx.agents.dedupe.get(`chat:${runId}`);
    if (cached) {
      if (cached.ok) return cached.payload;
      connection.sendResponse({ type: 'res', id: requestId, ok: false, payload: cached.payload, ...(cached.error ? { error: cached.error } : {}) });
      return RESPONDED;
    }
    const started = await ctx.agents.startRun({
      runId,
      kind: 'chat',
      sessionKey,
      agentId,
      text: params.message,
      images: attachmentsToImages(params.attachments),
      thinking: params.thinking,
      timeoutMs: params.timeoutMs,
      owner: caller,
    });
    return { runId, status: started === 'in_flight' ? 'in_flight' : 'started' };
  },
});
