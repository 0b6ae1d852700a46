import { ProtocolError } from '@rusty-claw/plugin-sdk';
import {
  ErrorCodes,
  GatewayErrorDetailCodes,
  RequestFrameSchema,
  authorizeMethod,
  parseMethodParams,
  type ErrorShape,
} from '@rusty-claw/protocol';
import type { ConnectionSession } from '../connection/connection-session.js';
import type { GatewayConnection } from '../connection/gateway-connection.js';
import { errorShape, respondError, respondOk } from '../connection/respond-error.js';
import { CONTROL_PLANE_WRITE_METHODS } from '../policy/control-plane-rate-limiter.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { webchatCallDenial } from '../webchat/webchat-guard.js';
import { formatSchemaIssues } from './format-schema-issues.js';
import { RESPONDED, type MethodDefinition } from './method-definition.js';

/** More "unauthorized role" answers in a row than this close the socket (OpenClaw's flood guard). */
const UNAUTHORIZED_ROLE_LIMIT = 10;

function readableId(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return 'invalid';
}

function missingScopeError(session: ConnectionSession, scope: string): ErrorShape {
  // v3 clients only know INVALID_REQUEST; v4 introduced FORBIDDEN with machine-readable details.
  if (session.protocol === 3) return errorShape(ErrorCodes.INVALID_REQUEST, `missing scope: ${scope}`);
  return errorShape(ErrorCodes.FORBIDDEN, `missing scope: ${scope}`, {
    details: { code: GatewayErrorDetailCodes.MISSING_SCOPE, missingScope: scope, requiredScopes: [scope] },
  });
}

function toErrorShape(error: unknown): ErrorShape {
  if (ProtocolError.isInstance(error)) {
    return errorShape(error.code, error.message || error.code, {
      ...(error.details === undefined ? {} : { details: error.details }),
      ...(error.retryable ? { retryable: true } : {}),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    });
  }
  const message = error instanceof Error && error.message ? error.message : 'internal error';
  return errorShape(ErrorCodes.UNAVAILABLE, message);
}

/**
 * Handles one frame from a connected socket: validates it as a request, applies the in-flight limit, the
 * role/scope gate (ONE table: the protocol's `authorizeMethod`), refuses a second `connect`, the
 * control-plane write budget and the method's params schema, then runs the handler. Every failure is
 * answered with a typed error and leaves the socket open (except the unauthorized-role flood guard).
 */
export async function dispatchRequest(params: {
  ctx: GatewayContext;
  connection: GatewayConnection;
  session: ConnectionSession;
  value: unknown;
  methods: ReadonlyMap<string, MethodDefinition>;
}): Promise<void> {
  const { ctx, connection, session, value, methods } = params;
  const frame = RequestFrameSchema.safeParse(value);
  if (!frame.success) {
    respondError(connection, readableId(value), errorShape(ErrorCodes.INVALID_REQUEST, `invalid request frame: ${formatSchemaIssues(frame.error, value)}`));
    return;
  }
  const { id, method } = frame.data;
  if (ctx.isClosing()) {
    respondError(connection, id, errorShape(ErrorCodes.UNAVAILABLE, 'gateway is shutting down', { retryable: true }));
    return;
  }
  if (connection.inFlight >= ctx.policy.maxInFlightPerSocket) {
    respondError(connection, id, errorShape(ErrorCodes.UNAVAILABLE, 'The server is busy. Please try again in a moment.', { retryable: true }));
    return;
  }
  const authorization = authorizeMethod(session, method);
  if (!authorization.ok) {
    if (authorization.reason === 'role') {
      respondError(connection, id, errorShape(ErrorCodes.INVALID_REQUEST, `unauthorized role: ${authorization.role}`));
      connection.unauthorizedStreak += 1;
      if (connection.unauthorizedStreak > UNAUTHORIZED_ROLE_LIMIT) connection.close(1008, 'repeated unauthorized calls');
      return;
    }
    connection.unauthorizedStreak = 0;
    respondError(connection, id, missingScopeError(session, authorization.missingScope));
    return;
  }
  connection.unauthorizedStreak = 0;
  // A second `connect` goes through the role/scope gate first, like any method (OpenClaw routes it to a handler
  // that only refuses): `connect` is unclassified, so a socket without operator.admin hears "missing scope".
  if (method === 'connect') {
    respondError(connection, id, errorShape(ErrorCodes.INVALID_REQUEST, 'connect is only valid as the first request'));
    return;
  }
  const webchatDenied = session.webchat ? webchatCallDenial(session.protocol, session.webchat, method, frame.data.params, ctx.webchat?.maxMessageChars) : undefined;
  if (webchatDenied) {
    respondError(connection, id, webchatDenied);
    return;
  }
  const definition = methods.get(method);
  if (!definition) {
    respondError(connection, id, errorShape(ErrorCodes.INVALID_REQUEST, `unknown method: ${method}`));
    return;
  }
  if (CONTROL_PLANE_WRITE_METHODS.has(method)) {
    const key = session.deviceId ? `${session.deviceId}|${connection.clientIp}` : `conn:${connection.connId}|${connection.clientIp}`;
    const budget = ctx.controlPlane.consume(key);
    if (!budget.allowed) {
      respondError(
        connection,
        id,
        errorShape(ErrorCodes.UNAVAILABLE, `rate limit exceeded for ${method}; retry after ${Math.ceil(budget.retryAfterMs / 1000)}s`, {
          retryable: true,
          retryAfterMs: budget.retryAfterMs,
          details: { method, limit: '3 per 60s' },
        }),
      );
      return;
    }
  }
  const parsed = parseMethodParams(definition.params, frame.data.params);
  if (!parsed.success) {
    respondError(connection, id, errorShape(ErrorCodes.INVALID_REQUEST, `invalid ${method} params: ${formatSchemaIssues(parsed.error, frame.data.params ?? {})}`));
    return;
  }
  connection.inFlight += 1;
  ctx.requests.start();
  try {
    const payload = await definition.handle({ ctx, connection, session, params: parsed.data, requestId: id });
    if (payload !== RESPONDED) respondOk(connection, id, payload ?? null);
  } catch (error) {
    if (!ProtocolError.isInstance(error)) ctx.logger.error({ method, connId: connection.connId, error: String(error) }, 'method handler failed');
    respondError(connection, id, toErrorShape(error));
  } finally {
    connection.inFlight -= 1;
    ctx.requests.finish();
  }
}
