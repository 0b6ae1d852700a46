import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

/**
 * `devices/pending.json` or `devices/paired.json` exists but cannot be read as the expected JSON object.
 * The store never overwrites such a file (that would lose every pairing); the operator fixes or moves it.
 */
export class DeviceStoreError extends RustyClawError {
  readonly file: string;

  constructor(message: string, options: { file: string; cause?: unknown }) {
    super(message, { code: 'DEVICE_STORE_UNREADABLE', cause: options.cause });
    this.name = 'DeviceStoreError';
    this.file = options.file;
  }

  static override isInstance(value: unknown): value is DeviceStoreError {
    return hasErrorName(value, 'DeviceStoreError');
  }
}
