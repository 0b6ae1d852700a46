import type { z } from 'zod';
import type { ConnectionSession } from '../connection/connection-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import type { GatewayContext } from '../server/gateway-context.js';

/** What a handler gets for one call. */
export interface MethodCall<P> {
  ctx: GatewayContext;
  connection: GatewayConnection;
  session: ConnectionSession;
  params: P;
  requestId: string;
}

/**
 * One gateway method: its params schema (validated before the handler runs; failures become
 * "invalid <method> params: …") and its handler, which returns the payload or throws a `ProtocolError`
 * (from `@rusty-claw/plugin-sdk`) for a wire error. Any other throw becomes `UNAVAILABLE`.
 */
export interface MethodDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  params: S;
  handle(call: MethodCall<z.output<S>>): unknown;
}

/** Keeps the params type of each definition while collecting them in one list. */
export function defineMethod<S extends z.ZodType>(definition: MethodDefinition<S>): MethodDefinition<S> {
  return definition;
}

/**
 * Returned by a handler that answered the request itself (through `connection.sendResponse`): `agent` sends two
 * responses with one id (`accepted`, then the final one), and a cached failure is `ok:false` with a payload.
 */
export const RESPONDED: unique symbol = Symbol('rusty-claw.gateway.responded');
