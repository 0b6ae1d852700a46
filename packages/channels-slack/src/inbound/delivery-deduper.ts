export type DeliveryOutcome = 'delivered' | 'duplicate';

/**
 * Remembers which platform messages were handed over durably, so redeliveries (Slack retries an envelope or an
 * HTTP event it thinks was lost; `message` and `app_mention` arrive for the same post) reach the gateway once.
 *
 * A key counts as seen only after its handler resolved: a failed delivery is forgotten so the redelivery runs
 * again. A duplicate that arrives while the first delivery is still running waits for it and shares its outcome
 * (so it is acknowledged only if the first one was stored). Bounded: the oldest keys are dropped first.
 */
export class DeliveryDeduper {
  readonly #capacity: number;
  readonly #seen = new Set<string>();
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(capacity = 5000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  has(key: string): boolean {
    return this.#seen.has(key);
  }

  async run(key: string, deliver: () => Promise<void>): Promise<DeliveryOutcome> {
    if (this.#seen.has(key)) return 'duplicate';
    const running = this.#inFlight.get(key);
    if (running !== undefined) {
      await running;
      return 'duplicate';
    }
    const attempt = deliver();
    this.#inFlight.set(key, attempt);
    try {
      await attempt;
      this.#remember(key);
      return 'delivered';
    } finally {
      this.#inFlight.delete(key);
    }
  }

  #remember(key: string): void {
    this.#seen.add(key);
    if (this.#seen.size > this.#capacity) {
      const oldest = this.#seen.values().next();
      if (oldest.done !== true) this.#seen.delete(oldest.value);
    }
  }
}
