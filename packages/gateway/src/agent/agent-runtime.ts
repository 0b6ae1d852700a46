import { randomUUID } from 'node:crypto';
import type { AgentRunEvent, AgentRunResult, AgentRuntime as CoreAgentRuntime, ModelApi, ModelRegistry, ProviderFactory, RustyClawConfig } from '@rusty-claw/core';
import { ProtocolError, type Logger, type SessionStore, type Tool, type UserMessage } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';
import type { ConnectionRegistry } from '../events/connection-registry.js';
import type { AgentRuntimePolicy } from './agent-runtime-policy.js';
import { ChatRunProjector } from './chat-run-projector.js';
import { DedupeCache } from './dedupe-cache.js';
import { deliverRunEvent } from './run-event-fanout.js';
import { buildRunUserMessage, checkRunInput, normalizeThinkingLevel, type RunImage } from './run-input.js';
import { RunRegistry, type ActiveRun, type RunOutcome, type RunSnapshot } from './run-registry.js';
import { toProtocolError } from './to-protocol-error.js';
import type { Core } from './core-module.js';

export interface AgentRuntimeOptions {
  stateDir: string;
  /** The config in force (it changes after `config.set`/`config.patch`). */
  config: () => RustyClawConfig;
  providers: Partial<Record<ModelApi, ProviderFactory>>;
  tools: readonly Tool[];
  policy: AgentRuntimePolicy;
  connections: ConnectionRegistry;
  logger: Logger;
  now: () => number;
}

/** One message to run through an agent. */
export interface RunRequest {
  /** The client's idempotency key: the run id on the wire. */
  runId: string;
  kind: 'chat' | 'agent';
  /** Canonical key (`agent:<agentId>:…`). */
  sessionKey: string;
  agentId: string;
  text: string;
  images: readonly RunImage[];
  thinking?: string | undefined;
  timeoutMs?: number | undefined;
  /** `provider/model` chosen by an admin caller for this run only. */
  modelOverride?: string | undefined;
  owner: { connId?: string | undefined; deviceId?: string | undefined; toolEvents: boolean };
  /** Appended to the agent's system prompt for this run only (OpenClaw's `agent` `extraSystemPrompt`). */
  extraSystemPrompt?: string | undefined;
  /**
   * A stable id for the user entry (a channel message's derived id): when the transcript already has it (a re-run
   * after a crash), core continues from it instead of storing the message twice.
   */
  entryId?: string | undefined;
  /** Every runtime event of this run, as it happens (the channel router streams drafts from it). */
  onEvent?: ((event: AgentRunEvent) => void) | undefined;
}

/**
 * The gateway side of the agent runtime. Core's `AgentRuntime` does the work — durable inbox of accepted messages,
 * one run at a time per session, the agent loop, recovery after a crash — and this class adds what only a gateway
 * has: the model registry built from the config with the injected provider factories (rebuilt when the config
 * changes), the runs' event streams to the sockets (per protocol version, tool events to their recipients), who may
 * abort a run, OpenClaw's idempotency cache and `agent.wait` snapshots. `@rusty-claw/core` is imported on first
 * use, so creating a gateway stays cheap.
 */
export class AgentRuntime {
  readonly runs: RunRegistry;
  readonly dedupe: DedupeCache;
  #core: Promise<Core> | undefined;
  #current: { config: RustyClawConfig; registry: ModelRegistry; runtime: CoreAgentRuntime } | undefined;
  readonly #retired = new Set<CoreAgentRuntime>();
  readonly #stores = new Map<string, SessionStore>();
  readonly #starting = new Set<string>();
  #closing = false;

  constructor(private readonly options: AgentRuntimeOptions) {
    this.runs = new RunRegistry({ ttlMs: options.policy.runSnapshotTtlMs, maxSnapshots: options.policy.dedupeMaxEntries, now: options.now });
    this.dedupe = new DedupeCache({ ttlMs: options.policy.dedupeTtlMs, maxEntries: options.policy.dedupeMaxEntries, now: options.now });
  }

  get policy(): AgentRuntimePolicy {
    return this.options.policy;
  }

  get config(): RustyClawConfig {
    return this.options.config();
  }

  core(): Promise<Core> {
    this.#core ??= import('@rusty-claw/core');
    return this.#core;
  }

  /**
   * Core's runtime for the config in force. After a config change a new one is built (new registry, fresh cooldowns);
   * the old one finishes its runs. The session stores are shared, so one process keeps one writer per directory.
   */
  async runtime(): Promise<CoreAgentRuntime> {
    const config = this.options.config();
    if (this.#current?.config !== config) {
      const core = await this.core();
      if (this.#current) this.#retired.add(this.#current.runtime);
      const registry = core.ModelRegistry.fromConfig(config, { factories: this.options.providers });
      const runtime = new core.AgentRuntime({
        config,
        stateDir: this.options.stateDir,
        models: registry,
        tools: this.options.tools,
        openSessionStore: (agentId) => this.#openStore(core, config, agentId),
        run: {
          modelIdleTimeoutMs: this.options.policy.modelIdleTimeoutMs,
          maxIterations: this.options.policy.maxIterations,
          limits: { maxMessageChars: this.options.policy.maxMessageChars },
        },
        maxQueuedPerSession: this.options.policy.maxQueuedRunsPerSession,
        logger: this.options.logger,
        now: this.options.now,
      });
      this.#current = { config, registry, runtime };
    }
    return this.#current.runtime;
  }

  async registry(): Promise<ModelRegistry> {
    await this.runtime();
    return (this.#current as { registry: ModelRegistry }).registry;
  }

  /** The session store of an agent (one per agent directory for the whole gateway). */
  async store(agentId: string): Promise<SessionStore> {
    return (await this.runtime()).sessionStore(agentId);
  }

  /** Runs the messages a crash kept from their transcripts (core's inbox recovery); call once when serving. */
  async start(): Promise<void> {
    const recovered = await (await this.runtime()).recover();
    if (recovered.length > 0) this.options.logger.warn({ runs: recovered.length }, 'running messages that were accepted before a restart');
  }

  /**
   * Accepts a run: checks the input, the queue depth and that a model is configured, makes the message durable
   * (core's inbox, fsync), registers the run (from here a duplicate is `in_flight`) and queues it behind the
   * session's current run. Resolves once the message may be acknowledged; the run's end is `run.done`.
   */
  async startRun(request: RunRequest): Promise<ActiveRun | 'in_flight'> {
    if (this.#closing) throw new ProtocolError(ErrorCodes.UNAVAILABLE, 'gateway is shutting down', { retryable: true });
    // A duplicate that arrives while the first is still being accepted is in flight too.
    if (this.#starting.has(request.runId) || this.runs.get(request.runId)) return 'in_flight';
    this.#starting.add(request.runId);
    try {
      return await this.#accept(request);
    } finally {
      this.#starting.delete(request.runId);
    }
  }

  async #accept(request: RunRequest): Promise<ActiveRun> {
    checkRunInput(request.text, request.images, this.options.policy.maxMessageChars);
    const thinking = normalizeThinkingLevel(request.thinking, 'request');
    const runtime = await this.runtime();
    const pending = runtime.queue.pending(request.sessionKey);
    // Checked before accepting: a message refused by a full queue after its acknowledgement would be lost.
    if (pending >= this.options.policy.maxQueuedRunsPerSession) {
      throw new ProtocolError(ErrorCodes.UNAVAILABLE, `session ${request.sessionKey} already has ${pending} messages waiting; try again when it catches up`, { retryable: true });
    }
    const record = await runtime.sessionStore(request.agentId).get(request.sessionKey);
    try {
      // Checked now so a missing model is the caller's error, not a run that fails later.
      runtime.modelCandidates(request.agentId, record?.meta ?? {}, request.modelOverride);
    } catch (error) {
      throw toProtocolError(error);
    }
    const toolRecipients = new Set<string>(request.owner.toolEvents && request.owner.connId ? [request.owner.connId] : []);
    const projector = new ChatRunProjector({
      runId: request.runId,
      sessionKey: request.sessionKey,
      now: this.options.now,
      throttleMs: this.options.policy.deltaThrottleMs,
      send: (outbound) => deliverRunEvent(this.options.connections, outbound, toolRecipients),
    });
    const acceptedAt = this.options.now();
    const handle = runtime.send({
      runId: request.runId,
      sessionKey: request.sessionKey,
      agentId: request.agentId,
      message: { text: request.text, images: request.images },
      ...(request.thinking === undefined || thinking === undefined ? {} : { thinking: request.thinking }),
      ...(request.modelOverride === undefined ? {} : { model: request.modelOverride }),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.extraSystemPrompt ? { extraSystemPrompt: request.extraSystemPrompt } : {}),
      ...(request.entryId === undefined ? {} : { entryId: request.entryId }),
      onEvent: (event) => {
        projector.onEvent(event);
        request.onEvent?.(event);
      },
    });
    try {
      await handle.accepted;
    } catch (error) {
      throw toProtocolError(error);
    }
    const run: ActiveRun = {
      runId: request.runId,
      kind: request.kind,
      sessionKey: request.sessionKey,
      agentId: request.agentId,
      abort: () => runtime.abort(request.runId),
      ownerConnId: request.owner.connId,
      ownerDeviceId: request.owner.deviceId,
      toolRecipients,
      acceptedAt,
      projector,
      done: handle.result.then(
        (result) => this.#outcome(runtime, run, result),
        (error: unknown) => this.#failedBeforeRun(runtime, run, buildRunUserMessage(request.text, request.images, acceptedAt), error),
      ),
    };
    this.runs.add(run);
    void run.done.then((outcome) => this.#finish(run, outcome));
    return run;
  }

  /**
   * Aborts the session's runs (or one of them). A caller without `operator.admin` may abort only runs started by its
   * own connection or device (OpenClaw's rule). `unauthorized` is set when a matching run belonged to someone else.
   */
  abort(params: { sessionKey: string; runId?: string | undefined; requester: { connId: string; deviceId?: string | undefined; admin: boolean } }): {
    aborted: boolean;
    runIds: string[];
    unauthorized: boolean;
  } {
    const candidates = params.runId === undefined ? this.runs.forSession(params.sessionKey) : [this.runs.get(params.runId)].filter((run) => run !== undefined);
    const runIds: string[] = [];
    let unauthorized = false;
    for (const run of candidates) {
      if (run.sessionKey !== params.sessionKey || run.projector.finished) continue;
      const owned =
        params.requester.admin ||
        (run.ownerConnId === undefined && run.ownerDeviceId === undefined) ||
        run.ownerConnId === params.requester.connId ||
        (run.ownerDeviceId !== undefined && run.ownerDeviceId === params.requester.deviceId);
      if (!owned) {
        unauthorized = true;
        continue;
      }
      if (run.abort()) runIds.push(run.runId);
    }
    return { aborted: runIds.length > 0, runIds, unauthorized };
  }

  /** Runs `task` when the session is idle (after its running and queued runs). */
  async withSession<T>(sessionKey: string, task: () => Promise<T>): Promise<T> {
    return (await this.runtime()).queue.run(sessionKey, task);
  }

  /** Stops accepting, aborts every run and waits for them (bounded), then closes the stores. */
  async close(timeoutMs: number): Promise<void> {
    this.#closing = true;
    const runtimes = [...this.#retired, ...(this.#current ? [this.#current.runtime] : [])];
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      Promise.allSettled([...runtimes.map((runtime) => runtime.close()), ...this.runs.active().map((run) => run.done)]).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!settled) this.options.logger.warn({ runs: this.runs.active().length }, 'closing with agent runs still finishing');
    this.runs.close();
    await Promise.allSettled([...this.#stores.values()].map((store) => store.close()));
  }

  #openStore(core: Core, config: RustyClawConfig, agentId: string): SessionStore {
    let store = this.#stores.get(agentId);
    if (!store) {
      const cwd = core.resolveAgentWorkspaceDir({ config, agentId, stateDir: this.options.stateDir });
      store = new core.FileSessionStore({ stateDir: this.options.stateDir, agentId, cwd, now: this.options.now, logger: this.options.logger });
      this.#stores.set(agentId, store);
    }
    return store;
  }

  async #outcome(runtime: CoreAgentRuntime, run: ActiveRun, result: AgentRunResult): Promise<RunOutcome> {
    const sessionId = (await runtime.sessionStore(run.agentId).get(run.sessionKey).catch(() => undefined))?.sessionId;
    return {
      runId: run.runId,
      sessionKey: run.sessionKey,
      status: result.status,
      text: result.text,
      stopReason: result.stopReason,
      ...(result.error ? { error: result.error.message } : {}),
      startedAt: run.acceptedAt,
      endedAt: this.options.now(),
      ...(sessionId === undefined ? {} : { sessionId }),
      ...(result.model ? { model: { provider: result.model.provider, modelId: result.model.modelId } } : {}),
      usage: { ...result.usage },
    };
  }

  /**
   * The run ended without reaching the agent loop (aborted while it waited, no usable model any more, the transcript
   * could not be written). Core's inbox then forgets the message, so it is stored here — in the session's turn, so
   * it cannot interleave with a running turn — and the run ends visibly for its clients.
   */
  async #failedBeforeRun(runtime: CoreAgentRuntime, run: ActiveRun, message: UserMessage, error: unknown): Promise<RunOutcome> {
    const aborted = (error as { code?: unknown })?.code === 'AGENT_ABORTED';
    const text = error instanceof Error ? error.message : String(error);
    if (!aborted) this.options.logger.warn({ runId: run.runId, sessionKey: run.sessionKey, error: text }, 'agent run could not start');
    if (!run.projector.finished) {
      try {
        await runtime.queue.run(run.sessionKey, async () => {
          const store = runtime.sessionStore(run.agentId);
          let last: string | null = null;
          for await (const entry of store.read(run.sessionKey)) last = entry.id;
          await store.append(run.sessionKey, [{ type: 'message', id: randomUUID(), parentId: last, timestamp: new Date(message.timestamp).toISOString(), message }]);
        });
      } catch (storeError) {
        this.options.logger.error({ runId: run.runId, error: String(storeError) }, 'could not store the message of a run that did not start');
      }
      run.projector.synthesizeEnd(aborted ? { aborted: true } : { error: text });
    }
    const base = { runId: run.runId, sessionKey: run.sessionKey, text: '', startedAt: run.acceptedAt, endedAt: this.options.now() };
    return aborted ? { ...base, status: 'aborted', stopReason: 'aborted' } : { ...base, status: 'error', stopReason: 'error', error: text };
  }

  #finish(run: ActiveRun, outcome: RunOutcome): void {
    const snapshot: RunSnapshot = {
      runId: run.runId,
      status: outcome.status === 'ok' ? 'ok' : outcome.status === 'error' ? 'error' : 'timeout',
      endedAt: outcome.endedAt,
      stopReason: outcome.stopReason,
      ...(outcome.startedAt === undefined ? {} : { startedAt: outcome.startedAt }),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    };
    if (run.kind === 'chat' && outcome.status !== 'aborted') {
      this.dedupe.set(
        `chat:${run.runId}`,
        outcome.status === 'error'
          ? { ok: false, payload: { runId: run.runId, status: 'error', summary: outcome.error ?? 'the run failed' }, error: { code: ErrorCodes.UNAVAILABLE, message: outcome.error ?? 'the run failed' } }
          : { ok: true, payload: { runId: run.runId, status: 'ok' } },
      );
    }
    this.runs.finish(run.runId, snapshot);
  }
}
