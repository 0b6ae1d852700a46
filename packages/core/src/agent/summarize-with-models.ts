import type { Logger } from '@rusty-claw/plugin-sdk';
import type { ModelHealth } from '../models/model-health.js';
import type { AgentRunEmitter } from './agent-run-event.js';
import { streamWithFailover, type ModelCandidate } from './stream-with-failover.js';

/** A compaction `Summarize` on the session's candidates, with the same failover as a turn (no tools, no thinking). */
export async function summarizeWithModels(
  request: { system: string; prompt: string; signal: AbortSignal },
  context: { models: readonly ModelCandidate[]; health: ModelHealth; emitter: AgentRunEmitter; logger: Logger; idleTimeoutMs: number },
): Promise<string> {
  const outcome = await streamWithFailover({
    candidates: context.models,
    health: context.health,
    signal: request.signal,
    emitter: context.emitter,
    logger: context.logger,
    idleTimeoutMs: context.idleTimeoutMs,
    buildCall: () => ({
      prompt: [
        { role: 'system', content: request.system },
        { role: 'user', content: [{ type: 'text', text: request.prompt }] },
      ],
      thinking: 'off',
    }),
  });
  if (outcome.status === 'ok') return outcome.draft.text;
  if (outcome.status === 'aborted') throw request.signal.reason;
  throw outcome.error;
}
