import { runAgent, type ModelCandidate, type ModelHealth } from '@rusty-claw/core';
import { silentLogger, type Logger, type SessionStore } from '@rusty-claw/plugin-sdk';
import type { AgentRunner } from './agent-runner.js';

export interface CoreAgentRunnerOptions {
  /** The session store of an agent (core's FileSessionStore per agent directory). */
  sessionStore(agentId: string): SessionStore;
  /** Failover order for an agent's runs (e.g. `ModelRegistry.resolve` of its primary and fallbacks). */
  models(agentId: string): readonly ModelCandidate[] | Promise<readonly ModelCandidate[]>;
  systemPrompt?(agentId: string): string | Promise<string>;
  /** Cooldowns shared between runs. */
  health?: ModelHealth;
  /** Whole-run limit (default: runAgent's 600 s). */
  timeoutMs?: number;
  logger?: Logger;
}

/**
 * An `AgentRunner` straight over core's `runAgent`: the user message is appended durably first, then the model
 * streams and the reply text comes back. The gateway's agent run service implements the same interface (with
 * events to operator sockets); this adapter is what a composition without it, and the channel tests, use.
 */
export function createCoreAgentRunner(options: CoreAgentRunnerOptions): AgentRunner {
  const logger = options.logger ?? silentLogger;
  return {
    async enqueue(sessionKey, inbound, call) {
      const models = await options.models(inbound.agentId);
      const result = await runAgent({
        sessionStore: options.sessionStore(inbound.agentId),
        sessionKey,
        message: inbound.images.length > 0 ? { text: inbound.text, images: inbound.images } : inbound.text,
        models,
        // The entry may be in the transcript already (a crash mid-run): runAgent checks and continues from it.
        userEntryId: inbound.entryId,
        resume: true,
        signal: call.signal,
        onEvent: call.onEvent,
        logger,
        ...(options.health === undefined ? {} : { health: options.health }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.systemPrompt === undefined ? {} : { systemPrompt: () => options.systemPrompt?.(inbound.agentId) ?? '' }),
      });
      return {
        runId: result.runId,
        status: result.status,
        text: result.text,
        ...(result.error === undefined ? {} : { error: result.error.message }),
      };
    },
  };
}
