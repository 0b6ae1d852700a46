/**
 * One holder at a time per key, first come first served. In-process only: it orders the writers of one store
 * instance; a second process on the same directory is not supported (see the README).
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task on `key` has settled; the lock is released however `task` ends. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget the key when nobody queued behind us, so the map does not grow with every key ever used.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Whether a task holds or waits for `key`. */
  isBusy(key: string): boolean {
    return this.#tails.has(key);
  }
}
