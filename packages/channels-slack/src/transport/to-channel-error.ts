import { ChannelError } from '@rusty-claw/plugin-sdk';

/** Slack error codes that mean the token itself is unusable: retrying cannot help, an operator must act. */
export const FATAL_AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_allowed_token_type',
  'team_disabled',
  'user_removed_from_team',
  'app_uninstalled',
]);

const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface SlackSdkError {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: unknown;
  message?: unknown;
}

/** The Slack error code (`invalid_auth`, …) of a WebClient platform error, if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const candidate = error as SlackSdkError | undefined;
  return candidate?.code === 'slack_webapi_platform_error' && typeof candidate.data?.error === 'string' ? candidate.data.error : undefined;
}

/**
 * Maps @slack/web-api errors (checked by their stable `code`, not `instanceof`, because the SDK is loaded lazily)
 * to a ChannelError that says what happened, whether a retry may help and, for rate limits, when.
 */
export function toChannelError(error: unknown, action: string): ChannelError {
  if (error instanceof ChannelError || ChannelError.isInstance(error)) return error as ChannelError;
  const candidate = (error ?? {}) as SlackSdkError;
  const platform = slackErrorCode(error);
  if (platform !== undefined) {
    const fatal = FATAL_AUTH_ERRORS.has(platform);
    return new ChannelError('slack', `${action} failed: Slack answered ${platform}${fatal ? ' (the token is invalid or revoked; fix it in channels.slack)' : ''}`, {
      code: `SLACK_${platform.toUpperCase()}`,
      isRetryable: RETRYABLE_PLATFORM_ERRORS.has(platform),
      cause: error,
    });
  }
  if (candidate.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof candidate.retryAfter === 'number' ? candidate.retryAfter : 1;
    return new ChannelError('slack', `${action} failed: rate limited by Slack, retry after ${seconds}s`, {
      code: 'SLACK_RATE_LIMITED',
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: seconds * 1000,
      cause: error,
    });
  }
  if (candidate.code === 'slack_webapi_http_error') {
    const status = typeof candidate.statusCode === 'number' ? candidate.statusCode : 0;
    return new ChannelError('slack', `${action} failed: Slack answered HTTP ${status}`, { code: 'SLACK_HTTP_ERROR', statusCode: status, isRetryable: status >= 500 || status === 429, cause: error });
  }
  if (candidate.code === 'slack_webapi_request_error') {
    const original = candidate.original instanceof Error ? candidate.original.message : String(candidate.message ?? 'network error');
    return new ChannelError('slack', `${action} failed: cannot reach Slack (${original})`, { code: 'SLACK_UNREACHABLE', isRetryable: true, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // WebClient honours Retry-After itself; when its retries run out it throws this plain Error.
  const limited = /rate limit was exceeded.*retry-after: (\d+)/i.exec(message);
  if (limited !== null) {
    const seconds = Number(limited[1]);
    return new ChannelError('slack', `${action} failed: rate limited by Slack, retry after ${seconds}s`, {
      code: 'SLACK_RATE_LIMITED',
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: seconds * 1000,
      cause: error,
    });
  }
  return new ChannelError('slack', `${action} failed: ${message}`, { cause: error });
}

/** Codes of listener failures after which the event must NOT be acknowledged: Slack's redelivery is the retry. */
export const REDELIVER_CODES = new Set(['SLACK_INBOUND_NOT_STORED', 'CHANNEL_NOT_RUNNING']);

/**
 * Whether a failed event should be left unacknowledged (redelivered). Only our own "not stored" failures are; an
 * event Bolt itself cannot process (malformed) is acknowledged and dropped, or it would come back forever.
 */
export function isRedeliverable(error: unknown): boolean {
  return ChannelError.isInstance(error) && REDELIVER_CODES.has(error.code);
}
