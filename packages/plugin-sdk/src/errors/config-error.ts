import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/** One problem found in a config file: where, what was there, and what was expected. */
export interface ConfigIssue {
  /** Dotted key path, e.g. `gateway.auth.mode` (empty for the root). */
  path: string;
  message: string;
  /** The offending value, already redacted when it sits under a secret key. */
  received?: unknown;
  expected?: string;
}

/** A config file that cannot be read, parsed or validated. The gateway refuses to start on one. */
export class ConfigError extends RustyClawError {
  readonly issues: readonly ConfigIssue[];
  readonly file: string | undefined;

  constructor(message: string, options: { issues?: readonly ConfigIssue[]; file?: string; code?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'CONFIG_INVALID', cause: options.cause });
    this.name = 'ConfigError';
    this.issues = options.issues ?? [];
    this.file = options.file;
  }

  static override isInstance(value: unknown): value is ConfigError {
    return hasErrorName(value, 'ConfigError');
  }
}
