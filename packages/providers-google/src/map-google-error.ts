import { ProviderError, type ProviderErrorKind } from '@rusty-claw/plugin-sdk';

export interface ErrorContext {
  provider: string;
  modelId: string;
  /** Headers of the failed HTTP response, when the call got that far (the SDK's `ApiError` drops them). */
  headers?: Headers | undefined;
}

/** The Google API error body: `{ error: { code, message, status, details } }`. */
interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

const contextLengthPattern =
  /input token count.*exceeds|exceeds the maximum number of tokens|input context is too long|context (?:length|window)|too many tokens/i;

/**
 * Turns what `@google/genai` throws into a `ProviderError`. The SDK's `ApiError` has only `status` and a message
 * that is the JSON error body (HTTP errors) or `got status: X. <json>` (errors inside the stream), so the body is
 * parsed back out of the message for `status` (RESOURCE_EXHAUSTED, UNAVAILABLE…), `RetryInfo` and `ErrorInfo`.
 */
export function mapGoogleError(error: unknown, context: ErrorContext): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const base = { provider: context.provider, modelId: context.modelId, cause: error };
  if (!(error instanceof Error)) {
    return new ProviderError(`${context.provider} ${context.modelId}: ${String(error)}`, { ...base, kind: 'unknown' });
  }
  const status = (error as { status?: unknown }).status;
  if (error.name === 'ApiError' && typeof status === 'number') {
    const body = parseErrorBody(error.message);
    const kind = classify(status, body);
    const retryAfterMs = retryDelayMs(body) ?? retryAfterHeaderMs(context.headers);
    return new ProviderError(`${context.provider} ${context.modelId}: ${status} ${body?.status ?? ''} ${body?.message ?? error.message}`.replace(/\s+/g, ' '), {
      ...base,
      kind,
      statusCode: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(kind === 'billing' ? { isRetryable: false } : {}),
      responseBody: body ? JSON.stringify({ error: body }) : error.message,
    });
  }
  if (error instanceof SyntaxError || /exception parsing stream chunk/.test(error.message)) {
    return new ProviderError(`${context.provider} sent a malformed stream event: ${error.message}`, { ...base, kind: 'unknown', isRetryable: true });
  }
  if (isNetworkError(error)) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return new ProviderError(`Connection to ${context.provider} failed: ${error.message}${cause}`, { ...base, kind: 'network' });
  }
  if (error.name === 'TimeoutError') {
    return new ProviderError(`${context.provider} request timed out: ${error.message}`, { ...base, kind: 'timeout' });
  }
  return new ProviderError(`${context.provider} ${context.modelId}: ${error.message}`, { ...base, kind: 'unknown' });
}

function classify(status: number, body: GoogleErrorBody | undefined): ProviderErrorKind {
  const message = body?.message ?? '';
  const reason = errorInfoReason(body);
  if (reason === 'API_KEY_INVALID' || reason === 'API_KEY_SERVICE_BLOCKED') return 'auth';
  if (status === 400 || body?.status === 'INVALID_ARGUMENT') {
    if (contextLengthPattern.test(message)) return 'context_length';
  }
  if (body?.status === 'FAILED_PRECONDITION' && /billing/i.test(message)) return 'billing';
  switch (status) {
    case 400:
    case 404:
    case 409:
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
      return 'overloaded';
    default:
      return 'unknown';
  }
}

function parseErrorBody(message: string): GoogleErrorBody | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: GoogleErrorBody };
    return typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** `google.rpc.RetryInfo.retryDelay` is a protobuf Duration string such as `"37s"` or `"0.5s"`. */
function retryDelayMs(body: GoogleErrorBody | undefined): number | undefined {
  const info = body?.details?.find((detail) => String(detail['@type']).endsWith('google.rpc.RetryInfo'));
  const delay = info?.['retryDelay'];
  if (typeof delay !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(delay);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function retryAfterHeaderMs(headers: Headers | undefined): number | undefined {
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorInfoReason(body: GoogleErrorBody | undefined): string | undefined {
  const info = body?.details?.find((detail) => String(detail['@type']).endsWith('google.rpc.ErrorInfo'));
  return typeof info?.['reason'] === 'string' ? info['reason'] : undefined;
}

/** undici reports a refused connection as `TypeError: fetch failed` and a socket closed mid-body as `terminated`. */
function isNetworkError(error: Error): boolean {
  if (/terminated|fetch failed|network|socket|Incomplete JSON segment/i.test(error.message)) return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code);
}
