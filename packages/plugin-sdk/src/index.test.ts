import { describe, expect, test } from 'vitest';
import { ConfigError, ProtocolError, RustyClawError } from './index.js';

describe('RustyClawError', () => {
  test('isInstance works through the Symbol.for marker, not instanceof', () => {
    const error = new ConfigError('bad', { issues: [{ path: 'gateway.port', message: 'expected number' }] });
    expect(RustyClawError.isInstance(error)).toBe(true);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(ProtocolError.isInstance(error)).toBe(false);
    // A structurally identical error from a "second copy" of the package is still recognised.
    const foreign = Object.assign(new Error('x'), { [Symbol.for('rusty-claw.error')]: true, name: 'ProtocolError' });
    expect(ProtocolError.isInstance(foreign)).toBe(true);
    expect(RustyClawError.isInstance(new Error('plain'))).toBe(false);
  });

  test('keeps code, cause and details', () => {
    const cause = new Error('root');
    const error = new ProtocolError('UNAVAILABLE', 'busy', { retryable: true, retryAfterMs: 500, details: { a: 1 }, cause });
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(500);
    expect(error.details).toEqual({ a: 1 });
  });
});
