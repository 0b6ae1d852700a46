import { randomUUID } from 'node:crypto';
import type { AgentRunEvent } from '@rusty-claw/core';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import type { AgentRunner } from './agent-runner.js';

/**
 * The router's `AgentRunner` over the gateway's agent runtime (the one `chat.send` and `agent` use): the message is
 * made durable by the runtime's own journal, queued behind the session's other runs, and its events reach operator
 * clients like any run's. The reply text so far is read off the run's projector every `pollMs` for streamed drafts
 * (the runtime has no per-run listener yet).
 */
export function createAgentRuntimeRunner(runtime: AgentRuntime, options: { pollMs?: number } = {}): AgentRunner {
  const pollMs = options.pollMs ?? 250;
  return {
    async enqueue(sessionKey, inbound, call) {
      const run = await runtime.startRun({
        runId: randomUUID(),
        kind: 'agent',
        sessionKey,
        agentId: inbound.agentId,
        text: inbound.text,
        images: inbound.images,
        owner: { toolEvents: false },
      });
      if (run === 'in_flight') throw new Error('a run with this id is already in flight');
      const abort = (): void => void run.abort();
      if (call.signal.aborted) abort();
      call.signal.addEventListener('abort', abort, { once: true });
      let last = '';
      let seq = 0;
      const timer = setInterval(() => {
        const text = run.projector.text;
        if (text === last) return;
        const delta = text.startsWith(last) ? text.slice(last.length) : text;
        last = text;
        call.onEvent({ stream: 'assistant', data: { text, delta }, runId: run.runId, sessionKey, seq: ++seq, ts: Date.now() } satisfies AgentRunEvent);
      }, pollMs);
      timer.unref();
      try {
        const outcome = await run.done;
        return { runId: outcome.runId, status: outcome.status, text: outcome.text, ...(outcome.error === undefined ? {} : { error: outcome.error }) };
      } finally {
        clearInterval(timer);
        call.signal.removeEventListener('abort', abort);
      }
    },
  };
}
