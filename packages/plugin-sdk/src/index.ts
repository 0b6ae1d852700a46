export { RustyClawError, hasErrorName, type RustyClawErrorOptions } from './errors/rusty-claw-error.js';
export { ConfigError, type ConfigIssue } from './errors/config-error.js';
export { ProtocolError } from './errors/protocol-error.js';
export { LoadSecretError } from './errors/load-secret-error.js';
export { type Logger, silentLogger } from './logger/logger.js';

export const VERSION = '0.1.0';
