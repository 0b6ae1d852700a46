/**
 * A bounded set of recently seen keys (insertion-ordered `Map` used as an LRU): remembers which platform messages
 * were already handed to the gateway, so a redelivery (Telegram resends after a lost offset confirmation, a webhook
 * retried after a timeout) reaches onInbound once. Bounded so a long-running bot does not grow without limit.
 */
export class DedupeCache {
  private readonly keys = new Map<string, true>();

  constructor(private readonly capacity = 2048) {
    if (!(capacity > 0)) throw new RangeError('capacity must be positive');
  }

  has(key: string): boolean {
    if (!this.keys.has(key)) return false;
    // Refresh: a key seen again stays longer.
    this.keys.delete(key);
    this.keys.set(key, true);
    return true;
  }

  add(key: string): void {
    this.keys.delete(key);
    this.keys.set(key, true);
    while (this.keys.size > this.capacity) {
      const oldest = this.keys.keys().next().value as string;
      this.keys.delete(oldest);
    }
  }

  get size(): number {
    return this.keys.size;
  }
}
