import type { Gateway, GatewayOptions } from './gateway-options.js';
import { GatewayServer } from './server/gateway-server.js';

/**
 * Creates a gateway: one port for HTTP (`/healthz`, `/readyz`) and the OpenClaw-compatible WebSocket
 * protocol (v3 and v4). Throws `GatewayOptionsError` for unsafe or broken options (e.g. `auth.mode: none`
 * off loopback). Nothing is bound until `listen()`.
 */
export function createGateway(options: GatewayOptions): Gateway {
  return new GatewayServer(options);
}
