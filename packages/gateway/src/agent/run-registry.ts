import type { ChatRunProjector } from './chat-run-projector.js';

/** How a run ended, as `agent.wait` reports it (OpenClaw: an aborted run reads `timeout`). */
export interface RunSnapshot {
  runId: string;
  status: 'ok' | 'error' | 'timeout';
  startedAt?: number;
  endedAt: number;
  error?: string;
  stopReason?: string;
}

/** What the caller of a run learns when it ends. */
export interface RunOutcome {
  runId: string;
  sessionKey: string;
  status: 'ok' | 'aborted' | 'timeout' | 'error';
  text: string;
  stopReason: string;
  error?: string;
  startedAt?: number;
  endedAt: number;
  sessionId?: string;
  model?: { provider: string; modelId: string };
  usage?: Record<string, number>;
}

/** A run that was accepted and has not finished (it may still wait for its session). */
export interface ActiveRun {
  runId: string;
  kind: 'chat' | 'agent';
  sessionKey: string;
  agentId: string;
  /** Aborts the run (running or still queued); false when it already ended. */
  abort(): boolean;
  ownerConnId: string | undefined;
  ownerDeviceId: string | undefined;
  /** Sockets that get this run's `tool` events (the starter, when it connected with the `tool-events` cap). */
  toolRecipients: Set<string>;
  acceptedAt: number;
  startedAt?: number;
  projector: ChatRunProjector;
  done: Promise<RunOutcome>;
}

/**
 * The gateway's runs: the active ones (for `chat.abort`, `in_flight` answers, tool-event routing) and the
 * outcomes of finished ones for `agent.wait` (kept `ttlMs`, at most `maxSnapshots`). Waiters on a run that has not
 * finished — or not even started yet — are woken by `finish()`.
 */
export class RunRegistry {
  readonly #active = new Map<string, ActiveRun>();
  readonly #snapshots = new Map<string, { snapshot: RunSnapshot; at: number }>();
  readonly #waiters = new Map<string, Set<(snapshot: RunSnapshot | undefined) => void>>();

  constructor(private readonly options: { ttlMs: number; maxSnapshots: number; now: () => number }) {}

  add(run: ActiveRun): void {
    this.#active.set(run.runId, run);
    this.#snapshots.delete(run.runId);
  }

  get(runId: string): ActiveRun | undefined {
    return this.#active.get(runId);
  }

  active(): ActiveRun[] {
    return [...this.#active.values()];
  }

  forSession(sessionKey: string): ActiveRun[] {
    return this.active().filter((run) => run.sessionKey === sessionKey);
  }

  hasActiveRun(sessionKey: string): boolean {
    for (const run of this.#active.values()) if (run.sessionKey === sessionKey) return true;
    return false;
  }

  /** The run is over: forget it as active, keep its snapshot, wake its waiters. */
  finish(runId: string, snapshot: RunSnapshot): void {
    this.#active.delete(runId);
    this.#snapshots.delete(runId);
    this.#snapshots.set(runId, { snapshot, at: this.options.now() });
    this.#prune();
    const waiters = this.#waiters.get(runId);
    this.#waiters.delete(runId);
    for (const wake of waiters ?? []) wake(snapshot);
  }

  snapshot(runId: string): RunSnapshot | undefined {
    const kept = this.#snapshots.get(runId);
    if (!kept) return undefined;
    if (this.options.now() - kept.at > this.options.ttlMs) {
      this.#snapshots.delete(runId);
      return undefined;
    }
    return kept.snapshot;
  }

  /** The run's snapshot once it ends, or undefined after `timeoutMs` (or when the registry closes). */
  wait(runId: string, timeoutMs: number): Promise<RunSnapshot | undefined> {
    const known = this.snapshot(runId);
    if (known) return Promise.resolve(known);
    if (timeoutMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(runId) ?? new Set();
      this.#waiters.set(runId, waiters);
      const timer = setTimeout(() => {
        waiters.delete(wake);
        if (waiters.size === 0 && this.#waiters.get(runId) === waiters) this.#waiters.delete(runId);
        resolve(undefined);
      }, timeoutMs);
      const wake = (snapshot: RunSnapshot | undefined): void => {
        clearTimeout(timer);
        resolve(snapshot);
      };
      waiters.add(wake);
    });
  }

  /** Wakes every waiter with "no answer" (gateway shutting down). */
  close(): void {
    for (const waiters of this.#waiters.values()) for (const wake of waiters) wake(undefined);
    this.#waiters.clear();
  }

  #prune(): void {
    const cutoff = this.options.now() - this.options.ttlMs;
    for (const [runId, kept] of this.#snapshots) {
      if (this.#snapshots.size <= this.options.maxSnapshots && kept.at >= cutoff) break;
      this.#snapshots.delete(runId);
    }
  }
}
