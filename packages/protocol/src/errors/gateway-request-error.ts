import type { ErrorShape } from '../schema/frames.js';
import { ProtocolPackageError, hasProtocolErrorName } from './protocol-package-error.js';

/**
 * A request answered with `ok:false`: `code`, `message`, `details`, `retryable`, `retryAfterMs` are
 * the wire `error`'s. Its `name` is `'ProtocolError'`, so plugin-sdk's `ProtocolError.isInstance(e)`
 * recognises it (protocol cannot import plugin-sdk; see protocol-package-error.ts).
 */
export class GatewayRequestError extends ProtocolPackageError {
  readonly details: unknown;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The method whose request failed (`connect` for a refused handshake). */
  readonly method: string;

  constructor(method: string, error: ErrorShape) {
    super(error.message, { code: error.code });
    this.name = 'ProtocolError';
    this.method = method;
    this.details = error.details;
    this.retryable = error.retryable ?? false;
    this.retryAfterMs = error.retryAfterMs;
  }

  /** `error.details.code` (e.g. `AUTH_TOKEN_MISMATCH`, `MISSING_SCOPE`), when there is one. */
  get detailCode(): string | undefined {
    const details = this.details as { code?: unknown } | null | undefined;
    return typeof details?.code === 'string' ? details.code : undefined;
  }

  static override isInstance(value: unknown): value is GatewayRequestError {
    return hasProtocolErrorName(value, 'ProtocolError');
  }
}
