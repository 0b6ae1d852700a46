import { ProviderError, type ProviderErrorKind } from '@rusty-claw/plugin-sdk';

export interface ErrorContext {
  provider: string;
  modelId: string;
}

/** The fields of the SDK's `APIError` we read. Duck-typed: the SDK is imported lazily, so no `instanceof`. */
interface ApiErrorLike {
  name?: string;
  message?: string;
  status?: number;
  headers?: { get(name: string): string | null };
  error?: unknown;
  type?: string | null;
  apiMessage?: string | null;
  errorCode?: string | null;
  cause?: unknown;
}

const contextLengthMessage = /prompt is too long|context (?:length|window)|too many (?:input )?tokens|exceeds? .*context/i;
const billingHint = /credit balance|billing|spend_limit|spend limit|organization_on_hold/i;
const networkCodes = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CONNECT|UND_ERR_BODY_TIMEOUT|other side closed|terminated|socket hang up/i;

/**
 * Maps whatever the SDK (or fetch underneath it) threw to a `ProviderError` kind, so failover can decide: next
 * candidate (auth, billing, context length), cool down (rate limit, overload), or retry (network, timeout).
 */
export function classifyAnthropicError(error: unknown, context: ErrorContext): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const base = { provider: context.provider, modelId: context.modelId, cause: error };
  const value = (typeof error === 'object' && error !== null ? error : {}) as ApiErrorLike;
  const name = value.name ?? '';

  if (name === 'APIConnectionTimeoutError') {
    return new ProviderError(`${context.provider}: request timed out`, { ...base, kind: 'timeout' });
  }
  if (name === 'APIConnectionError') {
    return new ProviderError(`${context.provider}: connection failed: ${describeCause(value.cause) ?? value.message ?? ''}`, { ...base, kind: 'network' });
  }
  if (name.startsWith('API') || value.status !== undefined || value.type !== undefined) {
    return classifyApiError(value, base, context);
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(`${context.provider}: malformed event stream: ${error.message}`, { ...base, kind: 'unknown' });
  }
  const detail = `${String((error as Error | undefined)?.message ?? error)} ${describeCause(value.cause) ?? ''}`;
  if (networkCodes.test(detail) || (error instanceof TypeError && /fetch failed|network/i.test(detail))) {
    return new ProviderError(`${context.provider}: connection lost: ${detail.trim()}`, { ...base, kind: 'network' });
  }
  return new ProviderError(`${context.provider}: ${detail.trim() || 'unknown error'}`, { ...base, kind: 'unknown' });
}

function classifyApiError(value: ApiErrorLike, base: { provider: string; modelId: string; cause: unknown }, context: ErrorContext): ProviderError {
  const status = value.status;
  const type = value.type ?? undefined;
  const apiMessage = value.apiMessage ?? value.message ?? '';
  const kind = kindOf(status, type, apiMessage, value.errorCode ?? undefined);
  const retryAfterMs = parseRetryAfter(value.headers);
  const responseBody = value.error === undefined ? undefined : truncate(typeof value.error === 'string' ? value.error : JSON.stringify(value.error));
  const label = [status, type].filter((part) => part !== undefined && part !== null).join(' ');
  return new ProviderError(`${context.provider} API error${label ? ` ${label}` : ''}: ${apiMessage}`, {
    ...base,
    kind,
    ...(status === undefined ? {} : { statusCode: status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(responseBody === undefined ? {} : { responseBody }),
    // An `api_error` event inside a 200 stream is the server failing mid-answer: as retryable as a 500.
    ...(status === undefined && type === 'api_error' ? { isRetryable: true } : {}),
  });
}

function kindOf(status: number | undefined, type: string | undefined, message: string, errorCode: string | undefined): ProviderErrorKind {
  if (type === 'overloaded_error' || status === 529 || status === 503) return 'overloaded';
  if (type === 'rate_limit_error' || status === 429) return 'rate_limit';
  if (type === 'authentication_error' || type === 'permission_error' || status === 401 || status === 403) return 'auth';
  if (type === 'billing_error' || status === 402 || billingHint.test(`${message} ${errorCode ?? ''}`)) return 'billing';
  if (type === 'timeout_error' || status === 504 || status === 408) return 'timeout';
  if (status === 400 || type === 'invalid_request_error' || status === 413) {
    return contextLengthMessage.test(message) ? 'context_length' : 'invalid_request';
  }
  if (type === 'not_found_error' || status === 404 || status === 422) return 'invalid_request';
  return 'unknown';
}

/** `retry-after-ms` (Anthropic/Stainless extension) wins over `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: ApiErrorLike['headers'], now = Date.now()): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.round(milliseconds);
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describeCause(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const inner = cause as { message?: unknown; code?: unknown; cause?: unknown };
  const parts = [inner.message, inner.code].filter((part) => typeof part === 'string');
  const nested = describeCause(inner.cause);
  if (nested) parts.push(nested);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function truncate(text: string, max = 4000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
