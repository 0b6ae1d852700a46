/**
 * Serialises async critical sections (read-modify-write of the device files) inside one process.
 * Each call waits for the previous one to settle, whatever its outcome.
 */
export function createAsyncLock(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
