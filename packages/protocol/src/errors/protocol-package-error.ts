// @rusty-claw/protocol sits below plugin-sdk in the layer table (it depends on nothing of ours),
// so it cannot extend plugin-sdk's RustyClawError. Its errors carry the same `Symbol.for` marker
// and set `name` the same way instead, so `RustyClawError.isInstance(e)` and the subclass checks
// (`ProtocolError.isInstance(e)`, which tests `name === 'ProtocolError'`) recognise them.

const marker = Symbol.for('rusty-claw.error');

/** Base of the errors this package throws; recognised by plugin-sdk's `RustyClawError.isInstance`. */
export class ProtocolPackageError extends Error {
  readonly [marker] = true;
  readonly code: string;

  constructor(message: string, options: { code: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RustyClawError';
    this.code = options.code;
  }

  static isInstance(value: unknown): value is ProtocolPackageError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** `true` when `value` carries the Rusty Claw error marker and the given `name`. */
export function hasProtocolErrorName(value: unknown, name: string): boolean {
  return ProtocolPackageError.isInstance(value) && (value as Error).name === name;
}
