/**
 * Polls `condition` every 10 ms until it holds; rejects after `timeoutMs` with `describe()` in the message, so a
 * failing contract test says what it saw instead of only "timed out".
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, describe?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${describe ? `; ${describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
