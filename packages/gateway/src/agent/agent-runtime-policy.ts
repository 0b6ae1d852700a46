/** Limits and timers of the agent runtime inside one gateway. Every field has a default. */
export interface AgentRuntimePolicy {
  /**
   * Whole-run limit when neither the request (`chat.send timeoutMs`, `agent timeout`) nor the config
   * (`agents.defaults.timeoutSeconds`) sets one. OpenClaw's default: 600 s.
   */
  runTimeoutMs: number;
  /** A model that sends nothing for this long counts as hung: timeout, then the next failover candidate. */
  modelIdleTimeoutMs: number;
  /** Model calls per run before the run stops with `max_iterations`. */
  maxIterations: number;
  /** Longest accepted user message (characters). Bigger ones are refused before anything is stored. */
  maxMessageChars: number;
  /** Runs (running + queued) one session may hold; more are refused with UNAVAILABLE (retryable). */
  maxQueuedRunsPerSession: number;
  /** At most one `chat` delta per run this often (OpenClaw: 150 ms); the last one is flushed before `final`. */
  deltaThrottleMs: number;
  /** How long a finished `chat.send`/`agent` idempotency key answers with its cached response (OpenClaw: 5 min). */
  dedupeTtlMs: number;
  /** Cached idempotency keys kept at most (OpenClaw: 1000); the oldest go first. */
  dedupeMaxEntries: number;
  /** How long `agent.wait` can still read a finished run's outcome (OpenClaw: 10 min). */
  runSnapshotTtlMs: number;
}

export const DEFAULT_AGENT_RUNTIME_POLICY: Readonly<AgentRuntimePolicy> = Object.freeze({
  runTimeoutMs: 600_000,
  modelIdleTimeoutMs: 120_000,
  maxIterations: 32,
  maxMessageChars: 1_000_000,
  maxQueuedRunsPerSession: 100,
  deltaThrottleMs: 150,
  dedupeTtlMs: 5 * 60_000,
  dedupeMaxEntries: 1_000,
  runSnapshotTtlMs: 10 * 60_000,
});
