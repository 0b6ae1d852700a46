import { randomUUID } from 'node:crypto';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import type { AgentRunner } from './agent-runner.js';

/**
 * The router's `AgentRunner` over the gateway's agent runtime (the one `chat.send` and `agent` use): the message is
 * made durable by the runtime's own journal, queued behind the session's other runs, and its events reach operator
 * clients like any run's. The run's own events (assistant deltas …) go to the router as they happen, which streams
 * drafts from them (`ReplyDelivery` throttles the edits). The user entry gets the message's derived id, so a re-run
 * after a crash continues from the stored message.
 */
export function createAgentRuntimeRunner(runtime: AgentRuntime): AgentRunner {
  return {
    async enqueue(sessionKey, inbound, call) {
      const run = await runtime.startRun({
        runId: randomUUID(),
        kind: 'agent',
        sessionKey,
        agentId: inbound.agentId,
        text: inbound.text,
        images: inbound.images,
        entryId: inbound.entryId,
        owner: { toolEvents: false },
        onEvent: call.onEvent,
      });
      if (run === 'in_flight') throw new Error('a run with this id is already in flight');
      const abort = (): void => void run.abort();
      if (call.signal.aborted) abort();
      call.signal.addEventListener('abort', abort, { once: true });
      try {
        const outcome = await run.done;
        return { runId: outcome.runId, status: outcome.status, text: outcome.text, ...(outcome.error === undefined ? {} : { error: outcome.error }) };
      } finally {
        call.signal.removeEventListener('abort', abort);
      }
    },
  };
}
