import type { FakeErrorResponse } from '../fake-server/fake-server-types.js';

/** A Google API error body (`{ error: { code, message, status, details? } }`) with its HTTP status. */
export function geminiErrorResponse(
  code: number,
  status: string,
  message: string,
  options: { details?: Array<Record<string, unknown>>; headers?: Record<string, string> } = {},
): FakeErrorResponse {
  return {
    type: 'error',
    status: code,
    headers: { 'x-goog-request-id': 'fake-goog-req-01', ...options.headers },
    body: { error: { code, message, status, ...(options.details ? { details: options.details } : {}) } },
  };
}

/** The same error sent inside a 200 stream, as Gemini does when a failure happens after the stream began. */
export function geminiStreamErrorChunk(code: number, status: string, message: string): string {
  return `data: ${JSON.stringify({ error: { code, message, status } })}\n\n`;
}

const errorInfo = (reason: string) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'generativelanguage.googleapis.com' },
});

/** The errors the Gemini API answers with, worded as it words them. */
export const geminiErrors = {
  contextLength: () =>
    geminiErrorResponse(400, 'INVALID_ARGUMENT', 'The input token count (1234567) exceeds the maximum number of tokens allowed (1048576).'),
  invalidRequest: (message = 'Invalid JSON payload received. Unknown name "foo" at \'generation_config\': Cannot find field.') =>
    geminiErrorResponse(400, 'INVALID_ARGUMENT', message),
  /** What a wrong API key really gets: 400, with `ErrorInfo.reason` API_KEY_INVALID. */
  invalidApiKey: () =>
    geminiErrorResponse(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', { details: [errorInfo('API_KEY_INVALID')] }),
  auth: () =>
    geminiErrorResponse(
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    ),
  permission: () => geminiErrorResponse(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity).'),
  notFound: () => geminiErrorResponse(404, 'NOT_FOUND', 'models/gemini-nope is not found for API version v1beta, or is not supported for generateContent.'),
  rateLimit: (retryAfterSeconds = 7) =>
    geminiErrorResponse(
      429,
      'RESOURCE_EXHAUSTED',
      'You exceeded your current quota, please check your plan and billing details.',
      {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` },
        ],
        headers: { 'retry-after': String(retryAfterSeconds) },
      },
    ),
  serverError: () => geminiErrorResponse(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'),
  overloaded: () => geminiErrorResponse(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
} as const;
