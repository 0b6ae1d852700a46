import type { AgentError } from './agent-error.js';
import type { AgentRunUsage } from './agent-run-event.js';
import type { AgentRunResult, AgentRunStatus } from './run-agent.js';

/**
 * What `AgentRuntime.wait` (and a client retrying with the same run id) needs of a finished run. Deliberately not the
 * `AgentRunResult`: that one holds the run's messages and the session's whole transcript (`history`), and keeping
 * hundreds of those made the gateway grow by ~20 KiB per turn.
 */
export interface AgentRunSummary {
  runId: string;
  sessionKey: string;
  status: AgentRunStatus;
  text: string;
  stopReason: string;
  error?: AgentError;
  usage: AgentRunUsage;
  model?: { ref: string; provider: string; modelId: string };
  sessionVersion: number;
  startedAt: number;
  endedAt: number;
}

export interface FinishedRunsLimits {
  /** Most summaries kept. Default 500. */
  maxCount?: number;
  /** Summaries older than this are dropped. Default 10 minutes (a client waits or retries within that). */
  maxAgeMs?: number;
  /** Most reply characters kept over all summaries (a long reply is the only large field). Default 4,000,000. */
  maxTextChars?: number;
}

export function summarizeRun(result: AgentRunResult, startedAt: number, endedAt: number): AgentRunSummary {
  return {
    runId: result.runId,
    sessionKey: result.sessionKey,
    status: result.status,
    text: result.text,
    stopReason: result.stopReason,
    ...(result.error ? { error: result.error } : {}),
    usage: { ...result.usage },
    ...(result.model ? { model: { ...result.model } } : {}),
    sessionVersion: result.sessionVersion,
    startedAt,
    endedAt,
  };
}

/** Summaries of finished runs, oldest first, bounded by count, age and reply characters. */
export class FinishedRuns {
  readonly #items = new Map<string, AgentRunSummary>();
  readonly #maxCount: number;
  readonly #maxAgeMs: number;
  readonly #maxTextChars: number;
  readonly #now: () => number;
  #textChars = 0;

  constructor(options: FinishedRunsLimits & { now: () => number }) {
    this.#maxCount = options.maxCount ?? 500;
    this.#maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.#maxTextChars = options.maxTextChars ?? 4_000_000;
    this.#now = options.now;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Reply characters held (the bound that matters for memory). */
  get textChars(): number {
    return this.#textChars;
  }

  get(runId: string): AgentRunSummary | undefined {
    this.#prune();
    return this.#items.get(runId);
  }

  add(summary: AgentRunSummary): void {
    this.#drop(summary.runId);
    this.#items.set(summary.runId, summary);
    this.#textChars += summary.text.length;
    this.#prune();
  }

  #drop(runId: string): void {
    const old = this.#items.get(runId);
    if (!old) return;
    this.#items.delete(runId);
    this.#textChars -= old.text.length;
  }

  #prune(): void {
    const oldest = this.#now() - this.#maxAgeMs;
    // Insertion order is end order, so the oldest are first.
    for (const [runId, item] of this.#items) {
      if (this.#items.size <= this.#maxCount && this.#textChars <= this.#maxTextChars && item.endedAt >= oldest) break;
      this.#drop(runId);
    }
  }
}
