import { OperatorScopes, TOOL_EVENTS_CAP } from '@rusty-claw/protocol';
import type { ConnectionSession } from '../connection/connection-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';

/** Who is asking, as the run registry needs it: ownership for aborts, tool-event routing. */
export function callerOf(connection: GatewayConnection, session: ConnectionSession) {
  return {
    connId: connection.connId,
    deviceId: session.deviceId,
    admin: session.scopes.includes(OperatorScopes.ADMIN),
    toolEvents: session.caps.includes(TOOL_EVENTS_CAP),
  };
}
