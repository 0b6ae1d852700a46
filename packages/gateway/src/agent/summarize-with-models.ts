import type { ModelCandidate, Summarize } from '@rusty-claw/core';
import { ProviderError, type Logger } from '@rusty-claw/plugin-sdk';

/**
 * The `summarize` step of a manual `sessions.compact`: the session's models in failover order, thinking off. A
 * retryable failure (rate limit, overload, network, 5xx) moves to the next model; anything else, or the last
 * failure, is thrown (compaction then leaves the transcript untouched).
 */
export function summarizeWithModels(candidates: readonly ModelCandidate[], logger: Logger): Summarize {
  return async ({ system, prompt, signal }) => {
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        const { stream } = await candidate.model.stream({
          prompt: [
            { role: 'system', content: system },
            { role: 'user', content: [{ type: 'text', text: prompt }] },
          ],
          thinking: 'off',
          abortSignal: signal,
        });
        let text = '';
        for await (const part of stream) {
          if (part.type === 'text-delta') text += part.delta;
          else if (part.type === 'error') throw part.error;
        }
        return text;
      } catch (error) {
        lastError = error;
        if (signal.aborted || !(ProviderError.isInstance(error) && error.isRetryable)) throw error;
        logger.warn({ ref: candidate.ref, error: error.message }, 'compaction summary failed; trying the next model');
      }
    }
    throw lastError ?? new Error('no model to summarize with');
  };
}
