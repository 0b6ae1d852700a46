import type { ClientInfo } from '@rusty-claw/protocol';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { isLoopbackHost } from '../server/network-locality.js';

/** Clients that run in a browser: the Control UI and web chat. */
export function isBrowserClient(client: ClientInfo): boolean {
  return client.id === 'openclaw-control-ui' || client.id === 'webchat-ui' || client.mode === 'webchat';
}

/**
 * OpenClaw's browser-origin rule (§3.5 step 5), which stops a web page the user happens to open from driving
 * the gateway over a WebSocket (browsers do not apply CORS to WebSockets). It applies when an `Origin` header
 * is present or the client says it is a browser client. Allowed: an origin in
 * `gateway.controlUi.allowedOrigins` (`*` allows all), or a loopback origin on a direct local connection.
 */
export function checkBrowserOrigin(params: {
  connection: GatewayConnection;
  client: ClientInfo;
  allowedOrigins: readonly string[] | undefined;
}): { ok: true } | { ok: false; reason: string } {
  const { connection, client } = params;
  if (!connection.origin && !isBrowserClient(client)) return { ok: true };
  let origin: URL;
  try {
    origin = new URL(connection.origin ?? '');
  } catch {
    return { ok: false, reason: 'origin missing or invalid' };
  }
  if (origin.origin === 'null') return { ok: false, reason: 'origin missing or invalid' };
  const allowlist = new Set((params.allowedOrigins ?? []).map((value) => value.trim().toLowerCase()).filter(Boolean));
  if (allowlist.has('*') || allowlist.has(origin.origin.toLowerCase())) return { ok: true };
  if (connection.isLocalDirect && isLoopbackHost(origin.hostname.replace(/^\[|\]$/g, ''))) return { ok: true };
  return { ok: false, reason: 'origin not allowed' };
}
