/**
 * Names of the agent-runtime methods (chat, agent, sessions, catalogs), one spelling for the gateway and its
 * clients. Kept apart from `GatewayMethodNames` (the foundation set) so each list has one owner.
 */
export const RuntimeMethodNames = {
  ChatSend: 'chat.send',
  ChatHistory: 'chat.history',
  ChatAbort: 'chat.abort',
  Agent: 'agent',
  AgentWait: 'agent.wait',
  SessionsList: 'sessions.list',
  SessionsPatch: 'sessions.patch',
  SessionsReset: 'sessions.reset',
  SessionsDelete: 'sessions.delete',
  SessionsCompact: 'sessions.compact',
  ModelsList: 'models.list',
  AgentsList: 'agents.list',
} as const;
export type RuntimeMethodName = (typeof RuntimeMethodNames)[keyof typeof RuntimeMethodNames];

/**
 * The connect `caps` entry that asks for `agent` tool events (`stream:"tool"`) of the runs this socket starts
 * (OpenClaw's `GATEWAY_CLIENT_CAPS.TOOL_EVENTS`).
 */
export const TOOL_EVENTS_CAP = 'tool-events';
