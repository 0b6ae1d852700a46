import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { AgentParamsSchema, ErrorCodes, RuntimeMethodNames } from '@rusty-claw/protocol';
import { agentFinalResponse } from '../agent/agent-final-response.js';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import { callerOf } from '../agent/caller.js';
import { attachmentsToImages } from '../agent/chat-attachments.js';
import type { DedupeEntry } from '../agent/dedupe-cache.js';
import { resolveRequestSession } from '../agent/resolve-request-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { defineMethod, RESPONDED } from './method-definition.js';

function send(connection: GatewayConnection, requestId: string, entry: Omit<DedupeEntry, 'ts'>): void {
  connection.sendResponse({ type: 'res', id: requestId, ok: entry.ok, payload: entry.payload, ...(entry.error ? { error: entry.error } : {}) });
}

/** Sends the final response to this request once the run ends (the first response was `accepted`). */
function answerWhenDone(agents: AgentRuntime, connection: GatewayConnection, requestId: string, runId: string): void {
  const run = agents.runs.get(runId);
  if (!run) return;
  void run.done.then(() => {
    const final = agents.dedupe.get(`agent:${runId}`);
    if (final) send(connection, requestId, final);
  });
}

/**
 * `agent`: two responses with the request's id (protocol notes §11): `{runId, status:"accepted", acceptedAt}` at
 * once, then the final result when the run ends (`expectFinal` clients wait for it). Idempotent by key: a repeat
 * gets the cached response (and, while the run is still going, the final one when it ends). `provider`/`model`
 * overrides are for `operator.admin` callers only; `timeout` is in seconds; `extraSystemPrompt` is appended to the
 * agent's system prompt for this run.
 */
export const agentMethod = defineMethod({
  name: RuntimeMethodNames.Agent,
  params: AgentParamsSchema,
  handle: async ({ ctx, connection, session, params, requestId }) => {
    const agents = ctx.agents;
    const caller = callerOf(connection, session);
    const runId = params.idempotencyKey;
    const override = params.model ? (params.model.includes('/') || !params.provider ? params.model : `${params.provider}/${params.model}`) : undefined;
    if ((params.provider || params.model) && !caller.admin) {
      throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'provider/model overrides are not authorized for this caller.');
    }
    const cached = agents.dedupe.get(`agent:${runId}`);
    if (cached) {
      send(connection, requestId, cached);
      if ((cached.payload as { status?: unknown }).status === 'accepted') answerWhenDone(agents, connection, requestId, runId);
      return RESPONDED;
    }
    const key = params.sessionKey || (params.sessionId ? `explicit:${params.sessionId}` : undefined);
    const { sessionKey, agentId } = await resolveRequestSession(agents, { key, agentId: params.agentId });
    const started = await agents.startRun({
      runId,
      kind: 'agent',
      sessionKey,
      agentId,
      text: params.message,
      images: attachmentsToImages(params.attachments),
      thinking: params.thinking,
      timeoutMs: params.timeout ? params.timeout * 1000 : undefined,
      modelOverride: override,
      extraSystemPrompt: params.extraSystemPrompt,
      owner: caller,
    });
    if (started === 'in_flight') {
      const accepted = agents.dedupe.get(`agent:${runId}`) ?? { ok: true, payload: { runId, status: 'accepted', acceptedAt: ctx.now() } };
      send(connection, requestId, accepted);
      answerWhenDone(agents, connection, requestId, runId);
      return RESPONDED;
    }
    const accepted = { ok: true, payload: { runId, status: 'accepted', acceptedAt: started.acceptedAt } };
    agents.dedupe.set(`agent:${runId}`, accepted);
    send(connection, requestId, accepted);
    void started.done.then((outcome) => {
      const final = agentFinalResponse(outcome, started.acceptedAt);
      agents.dedupe.set(`agent:${runId}`, final);
      send(connection, requestId, final);
    });
    return RESPONDED;
  },
});
