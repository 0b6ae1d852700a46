import type { FakeErrorResponse } from '../fake-server/fake-server-types.js';

/** An Anthropic API error body (`{type:'error', error:{type, message}, request_id}`) with its HTTP status. */
export function anthropicErrorResponse(status: number, type: string, message: string, headers: Record<string, string> = {}): FakeErrorResponse {
  return {
    type: 'error',
    status,
    headers: { 'request-id': 'req_01FakeError', ...headers },
    body: { type: 'error', error: { type, message }, request_id: 'req_01FakeError' },
  };
}

/** The errors the Messages API answers with, as the provider must classify them. */
export const anthropicErrors = {
  contextLength: () => anthropicErrorResponse(400, 'invalid_request_error', 'prompt is too long: 212345 tokens > 200000 maximum'),
  invalidRequest: (message = 'messages: roles must alternate') => anthropicErrorResponse(400, 'invalid_request_error', message),
  auth: () => anthropicErrorResponse(401, 'authentication_error', 'invalid x-api-key'),
  billing: () => anthropicErrorResponse(402, 'billing_error', 'Your credit balance is too low to access the Anthropic API.'),
  permission: () => anthropicErrorResponse(403, 'permission_error', 'Your API key does not have permission to use the specified resource.'),
  notFound: () => anthropicErrorResponse(404, 'not_found_error', 'model: claude-nope'),
  rateLimit: (retryAfterSeconds = 7) =>
    anthropicErrorResponse(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', {
      'retry-after': String(retryAfterSeconds),
    }),
  serverError: () => anthropicErrorResponse(500, 'api_error', 'Internal server error'),
  overloaded: () => anthropicErrorResponse(529, 'overloaded_error', 'Overloaded'),
} as const;
