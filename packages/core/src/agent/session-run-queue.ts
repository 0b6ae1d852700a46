import { AgentError } from './agent-error.js';

export interface SessionRunQueueOptions {
  /** Most runs (running + waiting) per session; more are refused with `AGENT_QUEUE_FULL`. Default: no limit. */
  maxPending?: number;
}

/**
 * One run at a time per session; later runs wait their turn in arrival order, so concurrent sends on one
 * session are all answered, one after the other, and none is lost. Different sessions run in parallel.
 * A waiting run whose signal aborts leaves the queue without running.
 */
export class SessionRunQueue {
  readonly #maxPending: number;
  readonly #tails = new Map<string, Promise<void>>();
  readonly #counts = new Map<string, number>();
  readonly #running = new Set<string>();

  constructor(options: SessionRunQueueOptions = {}) {
    this.#maxPending = options.maxPending ?? Number.POSITIVE_INFINITY;
  }

  run<T>(sessionKey: string, task: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const count = this.#counts.get(sessionKey) ?? 0;
    if (count >= this.#maxPending) {
      return Promise.reject(new AgentError('AGENT_QUEUE_FULL', `session ${sessionKey} already has ${count} runs queued (limit ${this.#maxPending}); try again later`));
    }
    if (options.signal?.aborted) return Promise.reject(new AgentError('AGENT_ABORTED', 'the run was aborted before it started'));
    this.#counts.set(sessionKey, count + 1);
    const previous = this.#tails.get(sessionKey) ?? Promise.resolve();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => turn);
    this.#tails.set(sessionKey, tail);

    const result = (async () => {
      await previous;
      try {
        if (options.signal?.aborted) throw new AgentError('AGENT_ABORTED', 'the run was aborted while it waited for the session');
        this.#running.add(sessionKey);
        return await task();
      } finally {
        this.#running.delete(sessionKey);
        const left = (this.#counts.get(sessionKey) ?? 1) - 1;
        if (left === 0) this.#counts.delete(sessionKey);
        else this.#counts.set(sessionKey, left);
        if (this.#tails.get(sessionKey) === tail) this.#tails.delete(sessionKey);
        release();
      }
    })();
    return result;
  }

  /** Runs running or waiting on `sessionKey`. */
  pending(sessionKey: string): number {
    return this.#counts.get(sessionKey) ?? 0;
  }

  isRunning(sessionKey: string): boolean {
    return this.#running.has(sessionKey);
  }

  /** Resolves once `sessionKey` (or every session) has nothing running or waiting. */
  async idle(sessionKey?: string): Promise<void> {
    for (;;) {
      const tails = sessionKey === undefined ? [...this.#tails.values()] : [this.#tails.get(sessionKey)].filter((tail) => tail !== undefined);
      if (tails.length === 0) return;
      await Promise.all(tails);
    }
  }
}
