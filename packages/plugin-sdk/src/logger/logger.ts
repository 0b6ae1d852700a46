/**
 * The logger contract every package receives (pino-compatible shape: an object of fields, then a message).
 * Packages never create their own; the composition root decides where logs go.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const noop = (): void => {};

/** A logger that drops everything: the default in libraries and tests. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
