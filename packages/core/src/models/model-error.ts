import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

export type ModelErrorCode = 'MODEL_REF_INVALID' | 'MODEL_PROVIDER_UNKNOWN' | 'MODEL_API_UNSUPPORTED' | 'MODEL_NOT_CONFIGURED';

/** A model ref or provider the registry cannot turn into a `LanguageModel`: a config problem, with what to fix. */
export class ModelError extends RustyClawError {
  readonly ref: string | undefined;

  constructor(code: ModelErrorCode, message: string, options: { ref?: string; cause?: unknown } = {}) {
    super(message, { code, cause: options.cause });
    this.name = 'ModelError';
    this.ref = options.ref;
  }

  static override isInstance(value: unknown): value is ModelError {
    return hasErrorName(value, 'ModelError');
  }
}
