import { ProviderError, type ProviderErrorKind } from '@rusty-claw/plugin-sdk';
// The SDK's error module alone is tiny (no client code), so importing it statically keeps the SDK itself lazy.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai/core/error';

export interface ErrorContext {
  provider: string;
  modelId: string;
}

const contextLengthPattern =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|reduce the length|exceeds? the (?:model's )?(?:maximum|max)/i;

/**
 * Turns anything the `openai` SDK (or the stream reader under it) throws into a `ProviderError`, so failover can
 * decide from `kind` alone. Works for OpenAI, OpenRouter and Ollama: they share the `{ error: { message, type,
 * code } }` body, and OpenRouter adds numeric `code`s (402 credits, 502 upstream) inside mid-stream errors.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const base = { provider: context.provider, modelId: context.modelId, cause: error };

  if (error instanceof APIError) {
    if (error instanceof APIConnectionTimeoutError) {
      return new ProviderError(`${context.provider} request timed out: ${error.message}`, { ...base, kind: 'timeout' });
    }
    if (error instanceof APIConnectionError || (error.status === undefined && error.error === undefined)) {
      return new ProviderError(`Could not reach ${context.provider}: ${causeMessage(error)}`, { ...base, kind: 'network' });
    }
    return fromErrorBody(
      { status: error.status, headers: error.headers, body: error.error, code: error.code, type: error.type, message: error.message },
      context,
      error,
    );
  }

  if (error instanceof SyntaxError) {
    // The SDK throws a SyntaxError for an SSE event whose data is not JSON: a broken proxy or a truncated frame.
    return new ProviderError(`${context.provider} sent a malformed stream event: ${error.message}`, {
      ...base,
      kind: 'unknown',
      isRetryable: true,
    });
  }
  if (isNetworkError(error)) {
    return new ProviderError(`Connection to ${context.provider} failed mid-stream: ${causeMessage(error)}`, {
      ...base,
      kind: 'network',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`${context.provider} ${context.modelId}: ${message}`, { ...base, kind: 'unknown' });
}

interface ErrorFields {
  status: number | undefined;
  headers: Headers | undefined;
  body: unknown;
  code?: unknown;
  type?: string | undefined;
  message: string;
}

/** A `response.failed` event's `response.error` (`{ code, message }`), which arrives as data, not as a throw. */
export function mapOpenAIResponseFailure(
  error: { code?: string | null; message?: string } | null | undefined,
  context: ErrorContext,
): ProviderError {
  return fromErrorBody(
    { status: undefined, headers: undefined, body: error ?? undefined, code: error?.code, message: error?.message ?? 'response failed' },
    context,
    error,
  );
}

function fromErrorBody(fields: ErrorFields, context: ErrorContext, cause: unknown): ProviderError {
  const body = errorBody(fields.body);
  // Mid-stream errors have no HTTP status; OpenRouter puts one in `code` instead.
  const status = fields.status ?? (typeof body.code === 'number' ? body.code : undefined);
  const kind = classify(status, stringCode(fields.code ?? body.code), fields.type ?? body.type, fields.message);
  const retryAfterMs = parseRetryAfterMs(fields.headers);
  return new ProviderError(`${context.provider} ${context.modelId}: ${fields.message}`, {
    kind,
    provider: context.provider,
    modelId: context.modelId,
    cause,
    ...(status === undefined ? {} : { statusCode: status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    // Billing never heals by retrying; a `server_error` reported inside a stream has no 5xx status to say it may.
    ...(kind === 'billing' ? { isRetryable: false } : {}),
    ...(status === undefined && isServerError(fields.code ?? body.code, fields.type ?? body.type) ? { isRetryable: true } : {}),
    ...(fields.body === undefined ? {} : { responseBody: JSON.stringify(fields.body) }),
  });
}

function classify(
  status: number | undefined,
  code: string | undefined,
  type: string | undefined,
  message: string,
): ProviderErrorKind {
  if (code === 'context_length_exceeded' || code === 'string_above_max_length') return 'context_length';
  if (code === 'insufficient_quota' || type === 'insufficient_quota' || status === 402) return 'billing';
  if (code === 'rate_limit_exceeded' || type === 'rate_limit_exceeded') return 'rate_limit';
  if (code === 'invalid_api_key' || type === 'authentication_error') return 'auth';
  if (code === 'server_is_overloaded' || code === 'overloaded' || type === 'overloaded_error') return 'overloaded';
  switch (status) {
    case 400:
    case 413:
    case 422:
      return contextLengthPattern.test(message) ? 'context_length' : 'invalid_request';
    case 404:
      return 'invalid_request';
    case 401:
    case 403:
      return 'auth';
    case 408:
    case 504:
      return 'timeout';
    case 429:
      return 'rate_limit';
    case 502:
    case 503:
    case 529:
      return 'overloaded';
    default:
      if (status === undefined && contextLengthPattern.test(message)) return 'context_length';
      return 'unknown';
  }
}

/** `retry-after-ms` (OpenAI, fractional ms) wins over `retry-after` (seconds or an HTTP date). */
export function parseRetryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorBody(value: unknown): { code?: unknown; type?: string } {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  return { code: record['code'], ...(typeof record['type'] === 'string' ? { type: record['type'] } : {}) };
}

function isServerError(code: unknown, type: string | undefined): boolean {
  return code === 'server_error' || type === 'server_error';
}

function stringCode(code: unknown): string | undefined {
  return typeof code === 'string' ? code : undefined;
}

/** undici reports a socket closed mid-body as `TypeError: terminated` with the socket error as `cause`. */
function isNetworkError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TypeError' && /terminated|fetch failed|network/i.test(error.message)) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_SOCKET|UND_ERR_)/.test(code);
}

function causeMessage(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
