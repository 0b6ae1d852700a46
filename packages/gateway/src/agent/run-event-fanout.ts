import { canReceiveEvent } from '@rusty-claw/protocol';
import type { ConnectionRegistry } from '../events/connection-registry.js';
import type { RunOutboundEvent } from './chat-run-projector.js';

/**
 * Sends one run event to every connected socket allowed to see it: the protocol's event scope table decides
 * (`chat`/`agent` need `operator.read`; nodes get neither by broadcast), tool events go only to the run's
 * tool-event recipients, and each socket gets the payload of its negotiated protocol. Every delivery takes that
 * socket's next broadcast `seq`.
 */
export function deliverRunEvent(connections: ConnectionRegistry, outbound: RunOutboundEvent, toolRecipients: ReadonlySet<string>): void {
  let v4Payload: Record<string, unknown> | undefined;
  for (const connection of connections.connected()) {
    const session = connection.session;
    if (!session || !canReceiveEvent(session, outbound.event)) continue;
    if (outbound.toolRecipientsOnly && !toolRecipients.has(connection.connId)) continue;
    let payload = outbound.payload;
    if (session.protocol >= 4 && outbound.v4Extra) {
      v4Payload ??= { ...outbound.payload, ...outbound.v4Extra };
      payload = v4Payload;
    }
    connection.sendBroadcastEvent(outbound.event, payload, outbound.dropIfSlow ? { dropIfSlow: true } : {});
  }
}
