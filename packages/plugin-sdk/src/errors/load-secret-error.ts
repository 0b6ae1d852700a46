import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/** A secret (token, password, API key) that was referenced but could not be resolved. */
export class LoadSecretError extends RustyClawError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'SECRET_MISSING', cause: options.cause });
    this.name = 'LoadSecretError';
  }

  static override isInstance(value: unknown): value is LoadSecretError {
    return hasErrorName(value, 'LoadSecretError');
  }
}
