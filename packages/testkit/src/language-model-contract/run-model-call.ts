import type { LanguageModel, LanguageModelCallOptions, LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import { TestkitError } from '../testkit-error.js';

/** How one `stream()` call ended, so a test can assert *where* a failure surfaced. */
export type ModelCallOutcome =
  | { kind: 'rejected'; error: unknown }
  | { kind: 'completed'; parts: LanguageModelStreamPart[] }
  /** The ReadableStream itself errored (after `parts`). */
  | { kind: 'stream-errored'; parts: LanguageModelStreamPart[]; error: unknown };

/** A hang detector, not a performance bound: a broken model fails the test instead of stalling the run. */
export const HANG_GUARD_MS = 4000;

export function withHangGuard<T>(promise: Promise<T>, what: string, ms = HANG_GUARD_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TestkitError(`${what} did not settle within ${ms} ms (hang?)`, { code: 'TESTKIT_HANG' })), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/**
 * Calls `model.stream(options)` and reads everything, never throwing: the outcome says whether `stream()`
 * rejected, the stream completed (possibly with an `error` part) or the stream errored. `onPart` sees each part as
 * it arrives (to abort mid-stream, say). A call or stream that does not settle within `hangGuardMs` rejects with a
 * `TestkitError` (code `TESTKIT_HANG`).
 */
export async function runModelCall(
  model: LanguageModel,
  options: LanguageModelCallOptions,
  onPart?: (part: LanguageModelStreamPart) => void,
  { hangGuardMs = HANG_GUARD_MS }: { hangGuardMs?: number } = {},
): Promise<ModelCallOutcome> {
  let result;
  try {
    result = await withHangGuard(model.stream(options), `${model.provider} stream() call`, hangGuardMs);
  } catch (error) {
    if (TestkitError.isInstance(error)) throw error;
    return { kind: 'rejected', error };
  }
  const parts: LanguageModelStreamPart[] = [];
  const reader = result.stream.getReader();
  const read = async (): Promise<ModelCallOutcome> => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { kind: 'completed', parts };
        parts.push(value);
        onPart?.(value);
      }
    } catch (error) {
      return { kind: 'stream-errored', parts, error };
    }
  };
  try {
    return await withHangGuard(read(), `${model.provider} stream`, hangGuardMs);
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}
