import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

/** Misuse of a testkit helper (a bad route key, a scripted model with nothing left to say, …). */
export class TestkitError extends RustyClawError {
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'TESTKIT_MISUSE', cause: options.cause });
    this.name = 'TestkitError';
  }

  static override isInstance(value: unknown): value is TestkitError {
    return hasErrorName(value, 'TestkitError');
  }
}
