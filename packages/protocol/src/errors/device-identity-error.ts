import { ProtocolPackageError, hasProtocolErrorName } from './protocol-package-error.js';

/**
 * A device key, identity file or signature input that cannot be used. Codes:
 * `DEVICE_PUBLIC_KEY_INVALID`, `DEVICE_PRIVATE_KEY_INVALID`, `DEVICE_IDENTITY_FILE_INVALID`.
 */
export class DeviceIdentityError extends ProtocolPackageError {
  constructor(message: string, options: { code: string; cause?: unknown }) {
    super(message, options);
    this.name = 'DeviceIdentityError';
  }

  static override isInstance(value: unknown): value is DeviceIdentityError {
    return hasProtocolErrorName(value, 'DeviceIdentityError');
  }
}
