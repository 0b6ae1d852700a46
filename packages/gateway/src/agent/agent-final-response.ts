import { ErrorCodes, type ErrorShape } from '@rusty-claw/protocol';
import type { DedupeEntry } from './dedupe-cache.js';
import type { RunOutcome } from './run-registry.js';

/**
 * The second `agent` response (OpenClaw 2026.5.7 `agent.ts`): success `{runId, status:"ok", summary:"completed",
 * result:{payloads:[{text, mediaUrl:null}], meta}}`; an aborted or timed-out run `{status:"timeout", summary,
 * stopReason, result}`; a failure `ok:false` with UNAVAILABLE and `{runId, status:"error", summary}`.
 */
export function agentFinalResponse(outcome: RunOutcome, acceptedAt: number): Omit<DedupeEntry, 'ts'> {
  if (outcome.status === 'error') {
    const summary = outcome.error ?? 'the run failed';
    const error: ErrorShape = { code: ErrorCodes.UNAVAILABLE, message: summary };
    return { ok: false, payload: { runId: outcome.runId, status: 'error', summary }, error };
  }
  const stopped = outcome.status !== 'ok';
  const stopReason = outcome.status === 'aborted' ? 'rpc' : outcome.status === 'timeout' ? 'timeout' : outcome.stopReason;
  const usage = outcome.usage;
  const meta = {
    durationMs: Math.max(0, outcome.endedAt - (outcome.startedAt ?? acceptedAt)),
    ...(outcome.model || outcome.sessionId
      ? {
          agentMeta: {
            ...(outcome.sessionId === undefined ? {} : { sessionId: outcome.sessionId }),
            ...(outcome.model ? { provider: outcome.model.provider, model: outcome.model.modelId } : {}),
            ...(usage ? { usage: { input: usage['input'] ?? 0, output: usage['output'] ?? 0, cacheRead: usage['cacheRead'] ?? 0, cacheWrite: usage['cacheWrite'] ?? 0, total: usage['totalTokens'] ?? 0 } } : {}),
          },
        }
      : {}),
    ...(stopped ? { aborted: true } : {}),
    stopReason,
  };
  const text = outcome.text.trim();
  return {
    ok: true,
    payload: {
      runId: outcome.runId,
      status: stopped ? 'timeout' : 'ok',
      summary: outcome.status === 'ok' ? 'completed' : outcome.status === 'aborted' ? 'aborted' : 'timed out',
      ...(stopped ? { stopReason } : {}),
      result: { payloads: text === '' ? [] : [{ text, mediaUrl: null }], meta },
    },
  };
}
