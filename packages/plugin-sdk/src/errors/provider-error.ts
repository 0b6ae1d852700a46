import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/** Why a provider call failed, so failover can decide: next candidate, cooldown, or give up. */
export type ProviderErrorKind =
  | 'rate_limit'
  | 'auth'
  | 'billing'
  | 'context_length'
  | 'overloaded'
  | 'timeout'
  | 'network'
  | 'invalid_request'
  | 'unknown';

export interface ProviderErrorOptions {
  kind: ProviderErrorKind;
  provider: string;
  modelId?: string;
  statusCode?: number;
  /** Defaults from `kind`: rate limits, overload, timeouts, network errors and 5xx are retryable. */
  isRetryable?: boolean;
  retryAfterMs?: number;
  responseBody?: string;
  cause?: unknown;
}

const retryableKinds: ReadonlySet<ProviderErrorKind> = new Set(['rate_limit', 'overloaded', 'timeout', 'network']);

export class ProviderError extends RustyClawError {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly modelId: string | undefined;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly responseBody: string | undefined;

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, { code: `PROVIDER_${options.kind.toUpperCase()}`, cause: options.cause });
    this.name = 'ProviderError';
    this.kind = options.kind;
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.statusCode = options.statusCode;
    this.isRetryable =
      options.isRetryable ?? (retryableKinds.has(options.kind) || (options.statusCode !== undefined && options.statusCode >= 500));
    this.retryAfterMs = options.retryAfterMs;
    this.responseBody = options.responseBody;
  }

  static override isInstance(value: unknown): value is ProviderError {
    return hasErrorName(value, 'ProviderError');
  }
}
