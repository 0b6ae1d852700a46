import { ProtocolPackageError, hasProtocolErrorName } from './protocol-package-error.js';

/**
 * Why a GatewayClient operation failed on the transport side (never a wire error; those are
 * `GatewayRequestError`):
 * - `CONNECT_FAILED`: no hello-ok (unreachable, no challenge in time, closed during the handshake,
 *   invalid hello-ok);
 * - `TIMEOUT`: a request got no final response in time;
 * - `CLOSED`: the socket closed (or was never open) while the request was pending;
 * - `INVALID_OPTIONS`: the client was constructed with unusable options;
 * and, reported through `onError` only: `INVALID_FRAME`, `SEQ_GAP`, `HANDLER_FAILED`.
 */
export type GatewayClientErrorCode = 'CONNECT_FAILED' | 'TIMEOUT' | 'CLOSED' | 'INVALID_OPTIONS' | 'INVALID_FRAME' | 'SEQ_GAP' | 'HANDLER_FAILED';

export class GatewayClientError extends ProtocolPackageError {
  declare readonly code: GatewayClientErrorCode;
  /** WebSocket close code/reason when the error comes from a close. */
  readonly closeCode: number | undefined;
  readonly closeReason: string | undefined;
  /** Extra data: the seq gap `{expected, received}`, the schema issues of an invalid frame, … */
  readonly details: unknown;

  constructor(
    code: GatewayClientErrorCode,
    message: string,
    options: { cause?: unknown; closeCode?: number; closeReason?: string; details?: unknown } = {},
  ) {
    super(message, { code, cause: options.cause });
    this.name = 'GatewayClientError';
    this.closeCode = options.closeCode;
    this.closeReason = options.closeReason;
    this.details = options.details;
  }

  static override isInstance(value: unknown): value is GatewayClientError {
    return hasProtocolErrorName(value, 'GatewayClientError');
  }
}
