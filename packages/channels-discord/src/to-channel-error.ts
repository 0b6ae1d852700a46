import { ChannelError } from '@rusty-claw/plugin-sdk';

/**
 * Any failure of a Discord REST call (@discordjs/rest's DiscordAPIError, HTTPError, RateLimitError, an abort or a
 * network error) → a ChannelError with the status code, whether retrying can help and, for rate limits, how long
 * to wait. `action` says what was attempted ("send a message").
 */
export function toChannelError(error: unknown, action: string): ChannelError {
  if (ChannelError.isInstance(error)) return error;
  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    status?: unknown;
    code?: unknown;
    retryAfter?: unknown;
  };
  const name = typeof record.name === 'string' ? record.name : '';
  const message = typeof record.message === 'string' && record.message !== '' ? record.message : String(error);
  const options = { cause: error };
  if (name.startsWith('RateLimitError') && typeof record.retryAfter === 'number') {
    return new ChannelError('discord', `could not ${action}: Discord rate limit, retry after ${record.retryAfter} ms`, {
      ...options, code: 'CHANNEL_RATE_LIMITED', statusCode: 429, isRetryable: true, retryAfterMs: record.retryAfter,
    });
  }
  if (typeof record.status === 'number') {
    const status = record.status;
    const detail = name.startsWith('DiscordAPIError') ? `Discord ${status}: ${message}` : `Discord answered HTTP ${status}`;
    const code =
      status === 401 ? 'CHANNEL_AUTH' : status === 403 ? 'CHANNEL_FORBIDDEN' : status === 404 ? 'CHANNEL_NOT_FOUND' : status >= 500 ? 'CHANNEL_UNAVAILABLE' : 'CHANNEL_REQUEST_FAILED';
    const hint = status === 401 ? ' (the bot token is wrong or was revoked)' : status === 403 ? ' (the bot lacks a permission in that channel)' : '';
    return new ChannelError('discord', `could not ${action}: ${detail}${hint}`, { ...options, code, statusCode: status, isRetryable: status >= 500 || status === 429 });
  }
  if (/Expected token to be set/i.test(message)) {
    // @discordjs/rest forgets the token after a 401; every later call fails this way.
    return new ChannelError('discord', `could not ${action}: the bot token was rejected earlier (401); set a valid token`, { ...options, code: 'CHANNEL_AUTH', statusCode: 401 });
  }
  const aborted = name === 'AbortError' || name === 'TimeoutError';
  return new ChannelError('discord', `could not ${action}: ${aborted ? 'the request timed out or was aborted' : message}`, {
    ...options, code: 'CHANNEL_UNAVAILABLE', isRetryable: true,
  });
}
