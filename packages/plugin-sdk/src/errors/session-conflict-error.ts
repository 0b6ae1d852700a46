import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/** A write based on a stale session version: re-read, then retry. */
export class SessionConflictError extends RustyClawError {
  readonly key: string;
  readonly expectedVersion: number;
  readonly actualVersion: number;

  constructor(key: string, expectedVersion: number, actualVersion: number) {
    super(`session ${key} is at version ${actualVersion}, not ${expectedVersion}: re-read and retry`, { code: 'SESSION_CONFLICT' });
    this.name = 'SessionConflictError';
    this.key = key;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  static override isInstance(value: unknown): value is SessionConflictError {
    return hasErrorName(value, 'SessionConflictError');
  }
}
