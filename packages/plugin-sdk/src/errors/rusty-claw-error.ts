const marker = Symbol.for('rusty-claw.error');

export interface RustyClawErrorOptions {
  /** Machine-readable code, stable across releases (e.g. `CONFIG_INVALID`). */
  code?: string;
  cause?: unknown;
}

/**
 * Base class of every error Rusty Claw packages throw. `instanceof` breaks when two copies of a
 * package are installed, so callers check with `RustyClawError.isInstance(e)` (a `Symbol.for` marker).
 */
export class RustyClawError extends Error {
  readonly [marker] = true;
  readonly code: string;

  constructor(message: string, options: RustyClawErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RustyClawError';
    this.code = options.code ?? 'RUSTY_CLAW_ERROR';
  }

  static isInstance(value: unknown): value is RustyClawError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** Builds a typed `isInstance` for a subclass, keyed by its `name`, that also survives duplicate installs. */
export function hasErrorName(value: unknown, name: string): boolean {
  return RustyClawError.isInstance(value) && value.name === name;
}
