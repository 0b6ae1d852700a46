import { describe, expect, test } from 'vitest';
import { mapGoogleError } from './map-google-error.js';

const context = { provider: 'google', modelId: 'gemini-2.5-flash' };
const apiError = (status: number, message: string) => Object.assign(new Error(message), { name: 'ApiError', status });

describe('mapGoogleError', () => {
  test('reads the body out of an in-stream error message ("got status: …. {json}")', () => {
    const body = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Slow down', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' }] } };
    expect(mapGoogleError(apiError(429, `got status: RESOURCE_EXHAUSTED. ${JSON.stringify(body)}`), context)).toMatchObject({
      kind: 'rate_limit',
      statusCode: 429,
      retryAfterMs: 30000,
      message: 'google gemini-2.5-flash: 429 RESOURCE_EXHAUSTED Slow down',
    });
  });

  test('a FAILED_PRECONDITION about billing is billing; 504 is a timeout', () => {
    const billing = { error: { code: 400, status: 'FAILED_PRECONDITION', message: 'Gemini API free tier is not available in your country. Please enable billing on your project.' } };
    expect(mapGoogleError(apiError(400, JSON.stringify(billing)), context)).toMatchObject({ kind: 'billing', isRetryable: false });
    expect(mapGoogleError(apiError(504, '{"error":{"code":504,"status":"DEADLINE_EXCEEDED","message":"Deadline"}}'), context)).toMatchObject({
      kind: 'timeout',
      isRetryable: true,
    });
  });

  test('an ApiError whose message is not JSON keeps the message as the body', () => {
    expect(mapGoogleError(apiError(502, 'Bad Gateway'), context)).toMatchObject({ kind: 'overloaded', responseBody: 'Bad Gateway' });
  });

  test('a refused connection and a body cut mid-event are network errors', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(mapGoogleError(refused, context)).toMatchObject({ kind: 'network', isRetryable: true });
    expect(mapGoogleError(new Error('Incomplete JSON segment at the end'), context)).toMatchObject({ kind: 'network' });
  });
});
