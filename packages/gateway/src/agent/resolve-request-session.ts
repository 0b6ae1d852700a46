import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';
import { resolveAgentOrder } from '../health/agent-order.js';
import type { AgentRuntime } from './agent-runtime.js';

/** A request's session, canonical: `agent:<agentId>:<rest>`, lowercase. */
export interface RequestSession {
  sessionKey: string;
  agentId: string;
}

/**
 * Canonicalises a session key as OpenClaw does (`main` or empty → the main key; a bare key gets the
 * `agent:<agentId>:` prefix) and checks that its agent exists and agrees with an explicit `agentId`. Every refusal
 * is INVALID_REQUEST with the reason.
 */
export async function resolveRequestSession(agents: AgentRuntime, request: { key?: string | undefined; agentId?: string | undefined }): Promise<RequestSession> {
  const core = await agents.core();
  const config = agents.config;
  const { defaultAgentId, ordered } = resolveAgentOrder(config);
  const explicitAgent = request.agentId === undefined ? undefined : core.normalizeAgentId(request.agentId);
  let sessionKey: string;
  try {
    sessionKey = core.resolveSessionKey({ key: request.key, agentId: explicitAgent ?? defaultAgentId, mainKey: config.session?.mainKey });
  } catch (error) {
    throw new ProtocolError(ErrorCodes.INVALID_REQUEST, error instanceof Error ? error.message : String(error));
  }
  const agentId = core.parseSessionKey(sessionKey)?.agentId ?? defaultAgentId;
  if (explicitAgent !== undefined && explicitAgent !== agentId) {
    throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `agent "${explicitAgent}" does not match session key agent "${agentId}"`);
  }
  if (!ordered.some((agent) => agent.id === agentId)) {
    throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `unknown agent id "${agentId}" (configured: ${ordered.map((agent) => agent.id).join(', ')})`);
  }
  return { sessionKey, agentId };
}
