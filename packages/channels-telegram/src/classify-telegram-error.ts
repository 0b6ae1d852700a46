import { ChannelError } from '@rusty-claw/plugin-sdk';

export type TelegramFailureKind = 'unauthorized' | 'conflict' | 'rate-limit' | 'server' | 'bad-request' | 'network';

export interface TelegramFailure {
  kind: TelegramFailureKind;
  statusCode?: number;
  retryAfterMs?: number;
  /** Telegram's description, or the transport error message (never contains the token: grammY redacts it). */
  description: string;
}

/**
 * Classifies what grammY threw without importing grammY (it is loaded lazily): a `GrammyError` carries the Bot API
 * `error_code`/`description`/`parameters`; anything else (grammY's `HttpError`, a timeout, an abort) is a transport
 * failure.
 */
export function classifyTelegramError(error: unknown): TelegramFailure {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code = record['error_code'];
  if (typeof code === 'number') {
    const description = typeof record['description'] === 'string' ? record['description'] : `error ${code}`;
    const parameters = record['parameters'] as { retry_after?: unknown } | undefined;
    const retryAfter = typeof parameters?.retry_after === 'number' ? parameters.retry_after * 1000 : undefined;
    if (code === 401) return { kind: 'unauthorized', statusCode: code, description };
    if (code === 409) return { kind: 'conflict', statusCode: code, description };
    if (code === 429) return { kind: 'rate-limit', statusCode: code, description, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) };
    if (code >= 500) return { kind: 'server', statusCode: code, description };
    return { kind: 'bad-request', statusCode: code, description };
  }
  return { kind: 'network', description: error instanceof Error ? error.message : String(error) };
}

/** A typed ChannelError for a failed Bot API call (retryable for 429, 5xx and transport failures). */
export function toChannelError(method: string, error: unknown): ChannelError {
  const failure = classifyTelegramError(error);
  return new ChannelError('telegram', `Telegram ${method} failed: ${failure.description}`, {
    code: failure.kind === 'unauthorized' ? 'CHANNEL_UNAUTHORIZED' : failure.kind === 'rate-limit' ? 'CHANNEL_RATE_LIMITED' : 'CHANNEL_FAILED',
    ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
    isRetryable: failure.kind === 'rate-limit' || failure.kind === 'server' || failure.kind === 'network',
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    cause: error,
  });
}
