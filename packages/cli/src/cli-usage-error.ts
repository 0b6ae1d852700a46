import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

/** The command line was wrong (a malformed `--params`, a bad port): exit code 2, never 1. */
export class CliUsageError extends RustyClawError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'CLI_USAGE', cause: options.cause });
    this.name = 'CliUsageError';
  }

  static override isInstance(value: unknown): value is CliUsageError {
    return hasErrorName(value, 'CliUsageError');
  }
}
