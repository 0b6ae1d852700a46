import { RustyClawError, hasErrorName, type ProviderErrorKind } from '@rusty-claw/plugin-sdk';

export type AgentErrorCode =
  | 'AGENT_MESSAGE_TOO_LARGE'
  | 'AGENT_INPUT_INVALID'
  | 'AGENT_ABORTED'
  | 'AGENT_TIMEOUT'
  | 'AGENT_MAX_ITERATIONS'
  | 'AGENT_ALL_MODELS_FAILED'
  | 'AGENT_MODEL_FAILED'
  | 'AGENT_RUN_FAILED'
  | 'AGENT_NO_MODEL'
  | 'AGENT_COMPACTION_FAILED'
  | 'AGENT_QUEUE_FULL';

/** OpenClaw's chat `errorKind` values, so the gateway can pass them through. */
export type AgentErrorKind = 'refusal' | 'timeout' | 'rate_limit' | 'context_length' | 'unknown';

/** One failed model attempt, as failover saw it. */
export interface AgentAttempt {
  ref: string;
  kind: ProviderErrorKind;
  message: string;
  statusCode?: number;
}

/**
 * A run that could not start (bad input: nothing was written) or did not finish (abort, timeout, every model
 * failed, …). `kind` is the chat `errorKind`; `attempts` lists what failover tried.
 */
export class AgentError extends RustyClawError {
  readonly kind: AgentErrorKind;
  readonly attempts: readonly AgentAttempt[];

  constructor(code: AgentErrorCode, message: string, options: { kind?: AgentErrorKind; attempts?: readonly AgentAttempt[]; cause?: unknown } = {}) {
    super(message, { code, cause: options.cause });
    this.name = 'AgentError';
    this.kind = options.kind ?? 'unknown';
    this.attempts = options.attempts ?? [];
  }

  static override isInstance(value: unknown): value is AgentError {
    return hasErrorName(value, 'AgentError');
  }
}

/** Maps a provider error kind onto the chat `errorKind` OpenClaw clients know. */
export function chatErrorKind(kind: ProviderErrorKind | undefined): AgentErrorKind {
  if (kind === 'rate_limit' || kind === 'overloaded') return 'rate_limit';
  if (kind === 'timeout') return 'timeout';
  if (kind === 'context_length') return 'context_length';
  return 'unknown';
}
