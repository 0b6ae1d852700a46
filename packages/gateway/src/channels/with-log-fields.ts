import type { Logger } from '@rusty-claw/plugin-sdk';

/** A logger that adds `fields` to every line (the Logger contract has no child loggers). */
export function withLogFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (extra, message) => logger.debug({ ...fields, ...extra }, message),
    info: (extra, message) => logger.info({ ...fields, ...extra }, message),
    warn: (extra, message) => logger.warn({ ...fields, ...extra }, message),
    error: (extra, message) => logger.error({ ...fields, ...extra }, message),
  };
}
