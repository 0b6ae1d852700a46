/**
 * Counts requests being handled across all sockets, so `close()` can wait for them (bounded) before it
 * closes the sockets that would carry their answers.
 */
export class RequestTracker {
  private active = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.active;
  }

  start(): void {
    this.active += 1;
  }

  finish(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Resolves when no request is in flight, or after `timeoutMs`; true when it drained in time. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== onIdle);
        resolve(false);
      }, timeoutMs);
      const onIdle = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(onIdle);
    });
  }
}
