import { OperatorScopes } from '@rusty-claw/protocol';

/** What a socket authenticated with the web chat token may touch: one session of one agent. */
export interface WebchatScope {
  agentId: string;
  /** The visitor's id (the browser's `client.instanceId`, lowercased). */
  visitorId: string;
  /** `agent:<agentId>:webchat:direct:<visitorId>`: the only session key this socket may use. */
  sessionKey: string;
}

/** The most a web chat socket is granted, whatever it asks for. */
export const WEBCHAT_MAX_SCOPES: readonly string[] = Object.freeze([OperatorScopes.READ, OperatorScopes.WRITE]);

/**
 * The visitor id comes from `client.instanceId`: the page generates 128 random bits once and keeps them in
 * the browser, so the id is the visitor's bearer secret for their own session. It becomes a session key
 * segment, so only `[a-z0-9_-]` (16–128 characters) is accepted; anything else is refused, never rewritten.
 */
const VISITOR_ID = /^[a-z0-9][a-z0-9_-]{15,127}$/i;

export function parseVisitorId(instanceId: string | undefined): string | undefined {
  const value = instanceId?.trim() ?? '';
  return VISITOR_ID.test(value) ? value.toLowerCase() : undefined;
}

/**
 * The session key of a visitor: OpenClaw's `per-channel-peer` shape (`agent:<id>:<channel>:direct:<peer>`), so
 * `sessions.list` and the Control UI show it as a direct web chat session.
 */
export function webchatSessionKey(agentId: string, visitorId: string): string {
  return `agent:${agentId}:webchat:direct:${visitorId}`;
}

/** Session keys as the chat methods compare them (OpenClaw's keys are trimmed and lowercase). */
export function normalizeSessionKey(key: string): string {
  return key.trim().toLowerCase();
}
