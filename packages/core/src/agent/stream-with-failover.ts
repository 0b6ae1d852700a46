import { ProviderError, type LanguageModel, type LanguageModelCallOptions, type Logger } from '@rusty-claw/plugin-sdk';
import type { ModelHealth } from '../models/model-health.js';
import { AgentError, chatErrorKind, type AgentAttempt } from './agent-error.js';
import type { AgentRunEmitter, FailoverDecision } from './agent-run-event.js';
import { AssistantDraft, type DraftUpdate } from './assistant-draft.js';
import { untilAborted } from './until-aborted.js';

/** One model the run may use, in failover order. */
export interface ModelCandidate {
  /** `provider/model`. */
  ref: string;
  model: LanguageModel;
  /** OpenClaw's `api` value, written on assistant messages. */
  api?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  /** What the model accepts; images are replaced by a note when `image` is missing. Default: both. */
  input?: ReadonlyArray<'text' | 'image'>;
  /** The credential profile an auth/billing failure marks bad. Default: the provider id. */
  profile?: string;
}

export interface StreamWithFailoverOptions {
  candidates: readonly ModelCandidate[];
  health: ModelHealth;
  /** The call for one candidate (the prompt depends on the provider: thinking signatures, images). */
  buildCall(candidate: ModelCandidate): Omit<LanguageModelCallOptions, 'abortSignal'>;
  /** The run's signal (abort or run timeout): stops everything, no failover. */
  signal: AbortSignal;
  /** A model that sends nothing for this long is treated as hung: a `timeout`, then the next candidate. */
  idleTimeoutMs: number;
  emitter: AgentRunEmitter;
  logger: Logger;
  onUpdate?(update: DraftUpdate): void;
}

export type FailoverOutcome =
  | { status: 'ok'; draft: AssistantDraft; candidate: ModelCandidate; attempts: AgentAttempt[] }
  | { status: 'context_length'; candidate: ModelCandidate; error: ProviderError; attempts: AgentAttempt[] }
  | { status: 'aborted'; draft: AssistantDraft; candidate: ModelCandidate }
  | { status: 'failed'; error: AgentError; draft?: AssistantDraft; candidate?: ModelCandidate };

/**
 * One model turn with failover across the ordered candidates:
 * - rate limit, overload, timeout (incl. a hung stream), network and 5xx → cooldown (the provider's `retryAfterMs`
 *   when given) and the next candidate;
 * - auth and billing → the credential profile is marked bad (skipped until the config changes), next candidate;
 * - context length → returned to the caller, which compacts and retries once;
 * - anything else (invalid request, unknown) → surfaced, as is any failure after text reached the client.
 * Candidates in a cooldown or with a bad profile are skipped; when only cooling ones remain, the one whose
 * cooldown ends first is probed. Every decision is logged and emitted as a `lifecycle` `failover` event.
 */
export async function streamWithFailover(options: StreamWithFailoverOptions): Promise<FailoverOutcome> {
  const attempts: AgentAttempt[] = [];
  const decide = (decision: Omit<FailoverDecision, 'phase'>): void => {
    options.logger[decision.decision === 'surface' ? 'warn' : 'info']({ ...decision }, `failover: ${decision.decision} ${decision.ref} (${decision.reason})`);
    options.emitter.emit({ stream: 'lifecycle', data: { phase: 'failover', ...decision } });
  };

  const cooling: Array<{ candidate: ModelCandidate; until: number }> = [];
  let tried = 0;
  for (const candidate of options.candidates) {
    const profile = profileOf(candidate);
    const bad = options.health.badProfile(profile);
    if (bad) {
      decide({ decision: 'skip', ref: candidate.ref, reason: `profile "${profile}" failed with ${bad.kind}: ${bad.message}`, errorKind: bad.kind });
      continue;
    }
    const cooldown = options.health.cooldown(candidate.ref);
    if (cooldown) {
      cooling.push({ candidate, until: cooldown.until });
      decide({ decision: 'skip', ref: candidate.ref, reason: `in cooldown after ${cooldown.reason}`, errorKind: cooldown.reason, cooldownUntil: cooldown.until });
      continue;
    }
    tried++;
    const outcome = await tryCandidate(candidate, options, attempts, decide);
    if (outcome) return outcome;
  }
  if (tried === 0 && cooling.length > 0) {
    // Everything usable is cooling down: try the one that recovers first rather than failing outright.
    const next = cooling.reduce((a, b) => (b.until < a.until ? b : a));
    decide({ decision: 'probe', ref: next.candidate.ref, reason: 'every candidate is in a cooldown; trying the one whose cooldown ends first', cooldownUntil: next.until });
    const outcome = await tryCandidate(next.candidate, options, attempts, decide);
    if (outcome) return outcome;
  }

  const last = attempts.at(-1);
  const summary = attempts.map((item) => `${item.ref}: ${item.kind} (${item.message})`).join('; ');
  return {
    status: 'failed',
    error: new AgentError('AGENT_ALL_MODELS_FAILED', summary ? `every model failed: ${summary}` : 'no model is available: every candidate is marked bad', {
      kind: chatErrorKind(last?.kind),
      attempts,
    }),
  };
}

function profileOf(candidate: ModelCandidate): string {
  return candidate.profile ?? candidate.model.provider;
}

/** Streams one candidate; returns the outcome when the turn is decided, undefined to go on to the next candidate. */
async function tryCandidate(
  candidate: ModelCandidate,
  options: StreamWithFailoverOptions,
  attempts: AgentAttempt[],
  decide: (decision: Omit<FailoverDecision, 'phase'>) => void,
): Promise<FailoverOutcome | undefined> {
  const { draft, error } = await attempt(candidate, options);
  if (error === undefined) {
    options.health.recordSuccess(candidate.ref);
    const selected = options.candidates[0] as ModelCandidate;
    if (candidate !== selected) {
      options.emitter.emit({
        stream: 'lifecycle',
        data: {
          phase: 'fallback',
          selectedProvider: selected.model.provider,
          selectedModel: selected.model.modelId,
          activeProvider: candidate.model.provider,
          activeModel: candidate.model.modelId,
          reasonSummary: attempts.map((item) => `${item.ref}: ${item.kind}`).join('; ') || 'earlier candidates skipped',
          attempts: [...attempts],
        },
      });
    }
    return { status: 'ok', draft, candidate, attempts };
  }
  if (options.signal.aborted) return { status: 'aborted', draft, candidate };

  const failure = asProviderError(error, candidate);
  attempts.push({ ref: candidate.ref, kind: failure.kind, message: failure.message, ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }) });
  const detail = { ref: candidate.ref, errorKind: failure.kind, ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }) };
  if (draft.streamedText) {
    decide({ ...detail, decision: 'surface', reason: `failed after text was streamed: ${failure.message}` });
    return { status: 'failed', error: modelFailed(failure, attempts), draft, candidate };
  }
  if (failure.kind === 'auth' || failure.kind === 'billing') {
    const profile = profileOf(candidate);
    options.health.markBad(profile, failure.kind, failure.message);
    decide({ ...detail, decision: 'next', reason: `${failure.kind} failure; profile "${profile}" marked bad until the config changes` });
    return undefined;
  }
  if (failure.kind === 'context_length') {
    decide({ ...detail, decision: 'compact', reason: 'the prompt is longer than the context window' });
    return { status: 'context_length', candidate, error: failure, attempts };
  }
  if (failure.isRetryable) {
    const cooled = options.health.coolDown(candidate.ref, failure.kind, failure.retryAfterMs);
    decide({
      ...detail,
      decision: 'next',
      reason: failure.message,
      cooldownUntil: cooled.until,
      ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    });
    return undefined;
  }
  decide({ ...detail, decision: 'surface', reason: failure.message });
  return { status: 'failed', error: modelFailed(failure, attempts), candidate };
}

async function attempt(candidate: ModelCandidate, options: StreamWithFailoverOptions): Promise<{ draft: AssistantDraft; error?: unknown }> {
  const draft = new AssistantDraft();
  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const message = `no response from ${candidate.ref} for ${options.idleTimeoutMs} ms`;
      controller.abort(new ProviderError(message, { kind: 'timeout', provider: candidate.model.provider, modelId: candidate.model.modelId }));
    }, options.idleTimeoutMs);
  };
  let reader: ReadableStreamDefaultReader<Parameters<AssistantDraft['apply']>[0]> | undefined;
  let done = false;
  arm();
  try {
    const result = await untilAborted(candidate.model.stream({ ...options.buildCall(candidate), abortSignal: signal }), signal);
    reader = result.stream.getReader();
    for (;;) {
      const next = await untilAborted(reader.read(), signal);
      if (next.done) break;
      arm();
      const update = draft.apply(next.value);
      if (update.text || update.thinking) options.onUpdate?.(update);
    }
    done = true;
    if (!draft.finished) {
      throw new ProviderError(`the stream of ${candidate.ref} ended without a finish part (cut off)`, { kind: 'network', provider: candidate.model.provider, modelId: candidate.model.modelId });
    }
    return { draft };
  } catch (error) {
    return { draft, error: signal.aborted ? (signal.reason ?? error) : error };
  } finally {
    clearTimeout(timer);
    if (reader && !done) void reader.cancel().catch(() => undefined);
  }
}

function asProviderError(error: unknown, candidate: ModelCandidate): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ProviderError(message, { kind: 'unknown', provider: candidate.model.provider, modelId: candidate.model.modelId, isRetryable: false, cause: error });
}

function modelFailed(error: ProviderError, attempts: AgentAttempt[]): AgentError {
  return new AgentError('AGENT_MODEL_FAILED', `${error.provider}/${error.modelId ?? '?'} failed: ${error.message}`, { kind: chatErrorKind(error.kind), attempts, cause: error });
}
