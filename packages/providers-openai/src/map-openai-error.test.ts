import { ProviderError } from '@rusty-claw/plugin-sdk';
import { describe, expect, test } from 'vitest';
import { mapOpenAIError, parseRetryAfterMs } from './map-openai-error.js';

const context = { provider: 'openai', modelId: 'gpt-5' };

describe('parseRetryAfterMs', () => {
  test('reads retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});

describe('mapOpenAIError', () => {
  test('keeps a ProviderError as is', () => {
    const original = new ProviderError('x', { kind: 'auth', provider: 'openai' });
    expect(mapOpenAIError(original, context)).toBe(original);
  });

  test('a socket cut (undici "terminated") is a network error; a SyntaxError is a retryable malformed stream', () => {
    expect(mapOpenAIError(new TypeError('terminated', { cause: new Error('other side closed') }), context)).toMatchObject({
      kind: 'network',
      isRetryable: true,
    });
    expect(mapOpenAIError(new SyntaxError('Unexpected end of JSON input'), context)).toMatchObject({ kind: 'unknown', isRetryable: true });
  });

  test('anything else is unknown and keeps the cause', () => {
    const cause = new Error('boom');
    const mapped = mapOpenAIError(cause, context);
    expect(mapped).toMatchObject({ kind: 'unknown', isRetryable: false, provider: 'openai', modelId: 'gpt-5' });
    expect(mapped.cause).toBe(cause);
  });
});
