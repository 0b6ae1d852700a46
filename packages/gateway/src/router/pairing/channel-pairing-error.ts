import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

export type ChannelPairingErrorCode = 'PAIRING_FILE_UNREADABLE' | 'PAIRING_INVALID';

/** A pairing file that exists but is not readable JSON (it is never overwritten), or an unusable request. */
export class ChannelPairingError extends RustyClawError {
  readonly file: string | undefined;

  constructor(code: ChannelPairingErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, { code, cause: options.cause });
    this.name = 'ChannelPairingError';
    this.file = options.file;
  }

  static override isInstance(value: unknown): value is ChannelPairingError {
    return hasErrorName(value, 'ChannelPairingError');
  }
}
