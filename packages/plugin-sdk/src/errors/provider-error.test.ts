import { describe, expect, test } from 'vitest';
import { ProviderError } from './provider-error.js';

describe('ProviderError', () => {
  test.each([
    ['rate_limit', undefined, true],
    ['overloaded', 529, true],
    ['timeout', undefined, true],
    ['network', undefined, true],
    ['auth', 401, false],
    ['billing', 402, false],
    ['context_length', 400, false],
    ['invalid_request', 400, false],
    ['unknown', 500, true],
    ['unknown', undefined, false],
  ] as const)('%s (status %s) is retryable: %s', (kind, statusCode, retryable) => {
    const error = new ProviderError('x', { kind, provider: 'anthropic', ...(statusCode === undefined ? {} : { statusCode }) });
    expect(error.isRetryable).toBe(retryable);
    expect(error.code).toBe(`PROVIDER_${kind.toUpperCase()}`);
    expect(ProviderError.isInstance(error)).toBe(true);
  });

  test('explicit isRetryable and retryAfterMs win', () => {
    const error = new ProviderError('slow down', { kind: 'rate_limit', provider: 'openai', isRetryable: false, retryAfterMs: 1200 });
    expect(error.isRetryable).toBe(false);
    expect(error.retryAfterMs).toBe(1200);
  });
});
