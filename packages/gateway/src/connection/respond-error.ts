import type { ErrorShape } from '@rusty-claw/protocol';
import type { GatewayConnection } from './gateway-connection.js';

/** Builds an ErrorShape without undefined keys (the frame schemas are strict). */
export function errorShape(
  code: string,
  message: string,
  options: { details?: unknown; retryable?: boolean; retryAfterMs?: number } = {},
): ErrorShape {
  const error: ErrorShape = { code, message };
  if (options.details !== undefined) error.details = options.details;
  if (options.retryable !== undefined) error.retryable = options.retryable;
  if (options.retryAfterMs !== undefined) error.retryAfterMs = options.retryAfterMs;
  return error;
}

/** Sends `{type:"res", id, ok:false, error}`. */
export function respondError(connection: GatewayConnection, id: string, error: ErrorShape): void {
  connection.sendResponse({ type: 'res', id, ok: false, error });
}

/** Sends `{type:"res", id, ok:true, payload}`. */
export function respondOk(connection: GatewayConnection, id: string, payload: unknown): void {
  connection.sendResponse({ type: 'res', id, ok: true, payload });
}
