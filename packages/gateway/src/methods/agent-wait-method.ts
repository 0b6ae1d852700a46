import { AgentWaitParamsSchema, RuntimeMethodNames } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';

/** OpenClaw's default wait. */
const DEFAULT_WAIT_MS = 30_000;

/**
 * `agent.wait {runId, timeoutMs?}`: the run's outcome once it ends (or at once if it ended in the last 10 min):
 * `{runId, status: ok|error|timeout, startedAt, endedAt, error?, stopReason?}`; an aborted run reads `timeout`, as
 * in OpenClaw. When the wait runs out: `{runId, status:"timeout"}`.
 */
export const agentWaitMethod = defineMethod({
  name: RuntimeMethodNames.AgentWait,
  params: AgentWaitParamsSchema,
  handle: async ({ ctx, params }) => {
    const snapshot = await ctx.agents.runs.wait(params.runId, params.timeoutMs ?? DEFAULT_WAIT_MS);
    if (!snapshot) return { runId: params.runId, status: 'timeout' };
    return {
      runId: params.runId,
      status: snapshot.status,
      ...(snapshot.startedAt === undefined ? {} : { startedAt: snapshot.startedAt }),
      endedAt: snapshot.endedAt,
      ...(snapshot.error === undefined ? {} : { error: snapshot.error }),
      ...(snapshot.stopReason === undefined ? {} : { stopReason: snapshot.stopReason }),
    };
  },
});
