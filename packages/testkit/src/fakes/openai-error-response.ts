import type { FakeErrorResponse } from '../fake-server/fake-server-types.js';

/** An OpenAI API error (`{ error: { message, type, param, code } }`), the body OpenRouter and Ollama copy. */
export function openaiErrorResponse(
  status: number,
  error: { message: string; type: string; code?: string | null; param?: string | null },
  headers: Record<string, string> = {},
): FakeErrorResponse {
  return {
    type: 'error',
    status,
    headers: { 'x-request-id': 'req_fake_error_01', ...headers },
    body: { error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null } },
  };
}

/** The errors api.openai.com answers with, worded as it words them. */
export const openaiErrors = {
  contextLength: () =>
    openaiErrorResponse(400, {
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 212345 tokens. Please reduce the length of the messages.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    }),
  invalidRequest: (message = "Invalid value for 'tool_choice': 'sometimes'.") =>
    openaiErrorResponse(400, { message, type: 'invalid_request_error', param: 'tool_choice', code: 'invalid_value' }),
  auth: () =>
    openaiErrorResponse(401, {
      message: 'Incorrect API key provided: sk-fake**********1234. You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    }),
  /** OpenRouter: out of credits. */
  billing: () => openaiErrorResponse(402, { message: 'Insufficient credits. Add more using https://openrouter.ai/credits', type: 'payment_required' }),
  notFound: () =>
    openaiErrorResponse(404, {
      message: 'The model `gpt-nope` does not exist or you do not have access to it.',
      type: 'invalid_request_error',
      code: 'model_not_found',
    }),
  rateLimit: (retryAfterSeconds = 7) =>
    openaiErrorResponse(
      429,
      {
        message: 'Rate limit reached for gpt-5-mini in organization org-fake on tokens per min (TPM): Limit 200000, Used 199000, Requested 4000.',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
      { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-reset-tokens': `${retryAfterSeconds}s` },
    ),
  /** 429 that no waiting fixes: the account is out of quota. */
  quota: () =>
    openaiErrorResponse(429, {
      message: 'You exceeded your current quota, please check your plan and billing details.',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    }),
  serverError: () =>
    openaiErrorResponse(500, {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
    }),
  overloaded: () =>
    openaiErrorResponse(503, {
      message: 'The engine is currently overloaded, please try again later.',
      type: 'server_error',
    }),
} as const;
