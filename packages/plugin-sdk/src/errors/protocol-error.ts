import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/**
 * An error answered over the gateway protocol. `code` is the wire code (`INVALID_REQUEST`,
 * `UNAVAILABLE`, `NOT_PAIRED`, `FORBIDDEN`, …); `details` is the wire `details` object.
 */
export class ProtocolError extends RustyClawError {
  readonly details: unknown;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    message: string,
    options: { details?: unknown; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { code, cause: options.cause });
    this.name = 'ProtocolError';
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(value: unknown): value is ProtocolError {
    return hasErrorName(value, 'ProtocolError');
  }
}
