import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

export type SessionStoreErrorCode =
  | 'SESSION_STORE_CLOSED'
  | 'SESSION_KEY_INVALID'
  | 'SESSION_ENTRY_INVALID'
  | 'SESSION_META_RESERVED'
  | 'SESSION_INDEX_CORRUPT'
  | 'SESSION_ID_INVALID'
  | 'SESSION_IO';

/**
 * A session store refused a call (closed, bad key, malformed entry) or hit the disk (`SESSION_IO`, with `cause`).
 * `path` names the file involved when there is one, so an operator can look at it.
 */
export class SessionStoreError extends RustyClawError {
  readonly path: string | undefined;

  constructor(code: SessionStoreErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, { code, cause: options.cause });
    this.name = 'SessionStoreError';
    this.path = options.path;
  }

  static override isInstance(value: unknown): value is SessionStoreError {
    return hasErrorName(value, 'SessionStoreError');
  }
}
