import { ErrorCodes, type ErrorShape, type ProtocolVersion } from '@rusty-claw/protocol';
import { errorShape } from '../connection/respond-error.js';
import { normalizeSessionKey, type WebchatScope } from './webchat-scope.js';

/** The only methods a web chat socket may call (their scopes still apply: all three are read or write). */
export const WEBCHAT_METHODS: ReadonlySet<string> = new Set(['chat.send', 'chat.history', 'chat.abort']);

/** The only events a web chat socket receives; `chat` only for its own session key. */
export const WEBCHAT_EVENTS: ReadonlySet<string> = new Set(['chat', 'tick', 'shutdown']);

/** Largest inbound frame of a web chat socket after hello-ok (an operator socket gets `policy.maxPayload`). */
export const WEBCHAT_MAX_PAYLOAD = 262_144;

/**
 * Params a visitor may set per method. Everything else (`deliver`, `originating*`, `thinking`, `timeoutMs`,
 * attachments, `sessionId`, v4 extras) changes routing, cost or provenance, which is the operator's business.
 */
const ALLOWED_PARAMS: Readonly<Record<string, ReadonlySet<string>>> = {
  'chat.send': new Set(['sessionKey', 'agentId', 'message', 'idempotencyKey']),
  'chat.history': new Set(['sessionKey', 'agentId', 'limit', 'maxChars']),
  'chat.abort': new Set(['sessionKey', 'runId']),
};

/** v3 knows no FORBIDDEN code: like "missing scope", the refusal is INVALID_REQUEST there and FORBIDDEN in v4. */
function forbidden(protocol: ProtocolVersion, message: string, reason: string): ErrorShape {
  return errorShape(protocol === 3 ? ErrorCodes.INVALID_REQUEST : ErrorCodes.FORBIDDEN, message, { details: { code: 'WEBCHAT_FORBIDDEN', reason } });
}

/** Default of `GatewayWebchatOptions.maxMessageChars`. */
export const DEFAULT_WEBCHAT_MAX_MESSAGE_CHARS = 16_000;

/**
 * The web chat gate, run after the scope gate (so admin methods get the normal "missing scope") and before the
 * method's own params check, on the raw params: only the three chat methods, only the socket's own session key
 * and agent, only allow-listed keys, a bounded message. Undefined when the call may proceed.
 */
export function webchatCallDenial(
  protocol: ProtocolVersion,
  scope: WebchatScope,
  method: string,
  params: unknown,
  maxMessageChars = DEFAULT_WEBCHAT_MAX_MESSAGE_CHARS,
): ErrorShape | undefined {
  const allowed = ALLOWED_PARAMS[method];
  if (!allowed) return forbidden(protocol, `forbidden: a web chat socket may only call chat.send, chat.history and chat.abort (not ${method})`, 'method');
  const record = (typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {}) as Record<string, unknown>;
  const sessionKey = record['sessionKey'];
  if (typeof sessionKey !== 'string' || normalizeSessionKey(sessionKey) !== scope.sessionKey) {
    return forbidden(protocol, `forbidden: a web chat socket may only use its own session (${scope.sessionKey})`, 'session');
  }
  const agentId = record['agentId'];
  if (agentId !== undefined && (typeof agentId !== 'string' || agentId.trim().toLowerCase() !== scope.agentId)) {
    return forbidden(protocol, `forbidden: a web chat socket may only talk to agent ${scope.agentId}`, 'agent');
  }
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) return forbidden(protocol, `forbidden: a web chat socket may not set ${method} ${key}`, 'param');
  }
  const message = record['message'];
  if (method === 'chat.send' && typeof message === 'string' && message.length > maxMessageChars) {
    return errorShape(ErrorCodes.INVALID_REQUEST, `message too long: ${message.length} characters, at most ${maxMessageChars} from the web chat`, {
      details: { code: 'WEBCHAT_MESSAGE_TOO_LONG', maxChars: maxMessageChars },
    });
  }
  return undefined;
}

/**
 * Whether an event reaches a web chat socket: `tick` and `shutdown`, and `chat` for its own session. The rest
 * (presence, health, other sessions' chats, agent tool streams, pairing) would tell a visitor about the operator.
 */
export function webchatEventAllowed(scope: WebchatScope, event: string, payload: unknown): boolean {
  if (!WEBCHAT_EVENTS.has(event)) return false;
  if (event !== 'chat') return true;
  const sessionKey = typeof payload === 'object' && payload !== null ? (payload as { sessionKey?: unknown }).sessionKey : undefined;
  return typeof sessionKey === 'string' && normalizeSessionKey(sessionKey) === scope.sessionKey;
}
