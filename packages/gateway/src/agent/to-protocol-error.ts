import { ProtocolError, RustyClawError } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';

/** Runtime refusals that are the caller's to fix (INVALID_REQUEST); every other one is the gateway's (UNAVAILABLE). */
const CALLER_ERRORS = new Set(['AGENT_MESSAGE_TOO_LARGE', 'AGENT_INPUT_INVALID', 'SESSION_KEY_INVALID', 'MODEL_REF_INVALID', 'MODEL_PROVIDER_UNKNOWN']);
const RETRYABLE = new Set(['AGENT_QUEUE_FULL', 'SESSION_STORE_CLOSED']);

/**
 * The gateway edge's mapping of typed runtime errors to wire errors (ARCHITECTURE.md "Errors"): the message is
 * kept, the code decides INVALID_REQUEST vs UNAVAILABLE, a full queue is retryable.
 */
export function toProtocolError(error: unknown): ProtocolError {
  if (ProtocolError.isInstance(error)) return error;
  const message = error instanceof Error && error.message ? error.message : String(error);
  const code = RustyClawError.isInstance(error) ? error.code : undefined;
  if (code !== undefined && CALLER_ERRORS.has(code)) return new ProtocolError(ErrorCodes.INVALID_REQUEST, message, { details: { code }, cause: error });
  return new ProtocolError(ErrorCodes.UNAVAILABLE, message, { ...(code === undefined ? {} : { details: { code } }), ...(code !== undefined && RETRYABLE.has(code) ? { retryable: true } : {}), cause: error });
}
