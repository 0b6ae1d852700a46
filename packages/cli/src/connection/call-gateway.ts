import { randomUUID } from 'node:crypto';
import { GatewayClient, type HelloOk } from '@rusty-claw/protocol';
import type { GatewayConnection } from './resolve-gateway-connection.js';
import { scopesForMethod } from './scopes-for-method.js';

export interface CallGatewayOptions {
  method: string;
  params?: unknown;
  /** `client.version` in connect. */
  version: string;
  expectFinal?: boolean;
  /** Scopes to request instead of the method's least-privilege default (see scopesToManage). */
  scopes?: readonly string[];
}

export interface GatewayCallResult {
  payload: unknown;
  hello: HelloOk;
  /** Wall time from opening the socket to the response. */
  elapsedMs: number;
}

/**
 * One RPC on a fresh connection, as OpenClaw's CLI does it: `client.id "cli"`, `mode "cli"`, role
 * operator, the method's least-privilege scope, the shared secret, no reconnects; closed afterwards.
 * Rejects with ProtocolError (the gateway said no) or GatewayClientError (transport).
 */
export async function callGateway(connection: GatewayConnection, options: CallGatewayOptions): Promise<GatewayCallResult> {
  const started = performance.now();
  const client = new GatewayClient({
    url: connection.url,
    ...(connection.token !== undefined ? { token: connection.token } : {}),
    ...(connection.password !== undefined ? { password: connection.password } : {}),
    client: { id: 'cli', mode: 'cli', version: options.version, platform: process.platform, instanceId: randomUUID() },
    role: 'operator',
    scopes: options.scopes ?? scopesForMethod(options.method),
    requestTimeoutMs: connection.timeoutMs,
    connectTimeoutMs: connection.timeoutMs,
    reconnect: false,
    allowInsecureRemote: connection.allowInsecureRemote,
  });
  try {
    const hello = await client.connect();
    const payload = await client.request(options.method, options.params, {
      timeoutMs: connection.timeoutMs,
      ...(options.expectFinal === true ? { expectFinal: true } : {}),
    });
    return { payload, hello, elapsedMs: performance.now() - started };
  } finally {
    await client.close();
  }
}
