import type { Logger, ProviderErrorKind } from '@rusty-claw/plugin-sdk';
import type { AgentAttempt, AgentErrorKind } from './agent-error.js';

/** Token counts of one run (all model calls summed), as the providers reported them. */
export interface AgentRunUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  totalTokens: number;
  /** Prompt tokens of the last call (input + cache read + cache write): how full the context is. */
  contextTokens: number;
  calls: number;
}

/** A failover decision (our addition to OpenClaw's lifecycle phases, so each one is visible). */
export interface FailoverDecision {
  phase: 'failover';
  decision: 'skip' | 'next' | 'probe' | 'compact' | 'surface';
  ref: string;
  reason: string;
  errorKind?: ProviderErrorKind;
  statusCode?: number;
  cooldownUntil?: number;
  retryAfterMs?: number;
}

/** What `runAgent` reports, shaped like OpenClaw's `agent` event streams (`lifecycle`, `assistant`, `tool`, …). */
export type AgentRunEventBody =
  | { stream: 'lifecycle'; data: { phase: 'start'; startedAt: number; userEntryId: string; sessionVersion: number } }
  | { stream: 'lifecycle'; data: { phase: 'end'; endedAt: number; stopReason: string; aborted?: boolean; usage: AgentRunUsage } }
  | { stream: 'lifecycle'; data: { phase: 'error'; endedAt: number; error: string; errorKind: AgentErrorKind; code: string; usage: AgentRunUsage } }
  | { stream: 'lifecycle'; data: FailoverDecision }
  | {
      stream: 'lifecycle';
      data: {
        phase: 'fallback';
        selectedProvider: string;
        selectedModel: string;
        activeProvider: string;
        activeModel: string;
        reasonSummary: string;
        attempts: AgentAttempt[];
      };
    }
  | { stream: 'assistant'; data: { text: string; delta: string } }
  | { stream: 'thinking'; data: { text: string; delta: string } }
  | { stream: 'tool'; data: { phase: 'start'; name: string; toolCallId: string; args: unknown } }
  | { stream: 'tool'; data: { phase: 'result'; name: string; toolCallId: string; isError: boolean; result: string; meta?: unknown } }
  | { stream: 'compaction'; data: { phase: 'start'; tokensBefore: number; reason: string } }
  | { stream: 'compaction'; data: { phase: 'end'; tokensBefore: number; firstKeptEntryId: string; summarizedEntries: number } }
  | { stream: 'compaction'; data: { phase: 'error'; error: string } };

export type AgentRunEvent = AgentRunEventBody & { runId: string; sessionKey: string; seq: number; ts: number };

/** Numbers events per run (seq from 1, like OpenClaw) and keeps a throwing listener from breaking the run. */
export class AgentRunEmitter {
  readonly #runId: string;
  readonly #sessionKey: string;
  readonly #listener: ((event: AgentRunEvent) => void) | undefined;
  readonly #logger: Logger;
  readonly #now: () => number;
  #seq = 0;

  constructor(options: { runId: string; sessionKey: string; listener: ((event: AgentRunEvent) => void) | undefined; logger: Logger; now: () => number }) {
    this.#runId = options.runId;
    this.#sessionKey = options.sessionKey;
    this.#listener = options.listener;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  emit(body: AgentRunEventBody): void {
    if (!this.#listener) return;
    const event = { ...body, runId: this.#runId, sessionKey: this.#sessionKey, seq: ++this.#seq, ts: this.#now() } as AgentRunEvent;
    try {
      this.#listener(event);
    } catch (error) {
      this.#logger.warn({ runId: this.#runId, stream: body.stream, error: (error as Error).message }, 'an agent event listener threw; the run continues');
    }
  }
}

export function emptyUsage(): AgentRunUsage {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, contextTokens: 0, calls: 0 };
}
