import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/** A channel failure with the platform's view of it (status code, retry-after) and whether retrying can help. */
export class ChannelError extends RustyClawError {
  readonly channel: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    channel: string,
    message: string,
    options: { code?: string; statusCode?: number; isRetryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { code: options.code ?? 'CHANNEL_FAILED', cause: options.cause });
    this.name = 'ChannelError';
    this.channel = channel;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(value: unknown): value is ChannelError {
    return hasErrorName(value, 'ChannelError');
  }
}
