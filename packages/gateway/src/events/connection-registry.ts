import { canReceiveEvent } from '@rusty-claw/protocol';
import type { EventDeliveryOptions, GatewayConnection } from '../connection/gateway-connection.js';

/**
 * Every open socket, and the fan-out of broadcast events to the connected ones. Delivery is filtered by
 * the protocol's event scope table, fail-closed: an event the table does not know reaches nobody.
 */
export class ConnectionRegistry {
  private readonly connections = new Set<GatewayConnection>();

  add(connection: GatewayConnection): void {
    this.connections.add(connection);
  }

  delete(connection: GatewayConnection): void {
    this.connections.delete(connection);
  }

  get size(): number {
    return this.connections.size;
  }

  all(): GatewayConnection[] {
    return [...this.connections];
  }

  /** Sockets past `hello-ok`. */
  connected(): GatewayConnection[] {
    return this.all().filter((connection) => connection.session !== undefined);
  }

  /** Sockets authenticated as `deviceId` (optionally only those holding `role`). */
  forDevice(deviceId: string, role?: string): GatewayConnection[] {
    return this.connected().filter(
      (connection) => connection.session?.deviceId === deviceId && (role === undefined || connection.session.role === role),
    );
  }

  /** Sends `event` to every connected socket allowed to see it; each gets its own next `seq`. */
  broadcast(event: string, payload: unknown, options: EventDeliveryOptions = {}): void {
    for (const connection of this.connections) {
      const session = connection.session;
      if (!session || !canReceiveEvent(session, event)) continue;
      connection.sendBroadcastEvent(event, payload, options);
    }
  }
}
