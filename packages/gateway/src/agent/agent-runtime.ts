import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AgentRunResult, ModelApi, ModelRegistry, ProviderFactory, RustyClawConfig, SessionRunQueue } from '@rusty-claw/core';
import { ProtocolError, type Logger, type SessionStore, type Tool, type UserMessage } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';
import type { ConnectionRegistry } from '../events/connection-registry.js';
import type { AgentRuntimePolicy } from './agent-runtime-policy.js';
import { ChatRunProjector } from './chat-run-projector.js';
import { DedupeCache } from './dedupe-cache.js';
import { loadAgentSystemPrompt } from './load-agent-system-prompt.js';
import { PendingTurnJournal } from './pending-turn-journal.js';
import { recoverPendingTurns } from './recover-pending-turns.js';
import { resolveRunModels } from './resolve-run-models.js';
import { deliverRunEvent } from './run-event-fanout.js';
import { buildRunUserMessage, checkRunInput, normalizeThinkingLevel, type RunImage } from './run-input.js';
import { RunRegistry, type ActiveRun, type RunOutcome, type RunSnapshot } from './run-registry.js';

type Core = typeof import('@rusty-claw/core');

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
  extraSystemPrompt?: string | undefined;
  /** `provider/model` chosen by an admin caller for this run only. */
  modelOverride?: string | undefined;
  owner: { connId?: string | undefined; deviceId?: string | undefined; toolEvents: boolean };
}

/**
 * The agent side of one gateway: session stores (OpenClaw's files under `<stateDir>/agents/<id>/sessions`), the
 * model registry built from the config and the injected provider factories, one run at a time per session (later
 * messages queue), the active runs and their event streams, the idempotency cache, and the journal that makes an
 * acknowledged message durable before it reaches its transcript. `@rusty-claw/core` is imported on first use, so
 * creating a gateway stays cheap.
 */
export class AgentRuntime {
  readonly runs: RunRegistry;
  readonly dedupe: DedupeCache;
  readonly journal: PendingTurnJournal;
  #core: Promise<Core> | undefined;
  #queue: SessionRunQueue | undefined;
  readonly #stores = new Map<string, Promise<SessionStore>>();
  #registry: { config: RustyClawConfig; registry: ModelRegistry } | undefined;
  #closing = false;
  readonly #starting = new Set<string>();

  constructor(private readonly options: AgentRuntimeOptions) {
    this.runs = new RunRegistry({ ttlMs: options.policy.runSnapshotTtlMs, maxSnapshots: options.policy.dedupeMaxEntries, now: options.now });
    this.dedupe = new DedupeCache({ ttlMs: options.policy.dedupeTtlMs, maxEntries: options.policy.dedupeMaxEntries, now: options.now });
    this.journal = new PendingTurnJournal(join(options.stateDir, 'gateway', 'pending-turns.jsonl'), options.logger);
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

  async queue(): Promise<SessionRunQueue> {
    const core = await this.core();
    this.#queue ??= new core.SessionRunQueue({ maxPending: this.options.policy.maxQueuedRunsPerSession });
    return this.#queue;
  }

  /** The session store of an agent (one per agent directory, opened once). */
  store(agentId: string): Promise<SessionStore> {
    let store = this.#stores.get(agentId);
    if (!store) {
      store = this.core().then((core) => new core.FileSessionStore({ stateDir: this.options.stateDir, agentId, now: this.options.now, logger: this.options.logger }));
      this.#stores.set(agentId, store);
    }
    return store;
  }

  /** The model registry of the config in force; rebuilt (with fresh cooldowns) when the config changes. */
  async registry(): Promise<ModelRegistry> {
    const config = this.options.config();
    if (this.#registry?.config !== config) {
      const core = await this.core();
      this.#registry = { config, registry: core.ModelRegistry.fromConfig(config, { factories: this.options.providers }) };
    }
    return this.#registry.registry;
  }

  /** Restores acknowledged messages a crash kept from their transcripts (call once before serving). */
  async start(): Promise<void> {
    await recoverPendingTurns({ journal: this.journal, store: (agentId) => this.store(agentId), logger: this.options.logger });
  }

  /**
   * Accepts a run: checks the input and that a model is configured, makes the message durable (journal, fsync),
   * registers the run (from here a duplicate is `in_flight`) and queues it behind the session's current run.
   * Resolves once the message is acknowledged-safe; the run's end is `run.done`.
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
    const queue = await this.queue();
    const pending = queue.pending(request.sessionKey);
    if (pending >= this.options.policy.maxQueuedRunsPerSession) {
      throw new ProtocolError(ErrorCodes.UNAVAILABLE, `session ${request.sessionKey} already has ${pending} messages waiting; try again when it catches up`, { retryable: true });
    }
    const store = await this.store(request.agentId);
    const record = await store.get(request.sessionKey);
    const thinking = normalizeThinkingLevel(request.thinking, 'request');
    // Checked now so a missing model is the caller's error, not a run that fails later.
    resolveRunModels({ registry: await this.registry(), config: this.config, agentId: request.agentId, sessionMeta: record?.meta, override: request.modelOverride, logger: this.options.logger });
    const acceptedAt = this.options.now();
    const message = buildRunUserMessage(request.text, request.images, acceptedAt);
    await this.journal.add({ runId: request.runId, agentId: request.agentId, sessionKey: request.sessionKey, ts: acceptedAt, message });

    const toolRecipients = new Set<string>(request.owner.toolEvents && request.owner.connId ? [request.owner.connId] : []);
    const projector = new ChatRunProjector({
      runId: request.runId,
      sessionKey: request.sessionKey,
      now: this.options.now,
      throttleMs: this.options.policy.deltaThrottleMs,
      send: (outbound) => deliverRunEvent(this.options.connections, outbound, toolRecipients),
    });
    const run: ActiveRun = {
      runId: request.runId,
      kind: request.kind,
      sessionKey: request.sessionKey,
      agentId: request.agentId,
      controller: new AbortController(),
      ownerConnId: request.owner.connId,
      ownerDeviceId: request.owner.deviceId,
      toolRecipients,
      acceptedAt,
      projector,
      done: undefined as unknown as Promise<RunOutcome>,
    };
    run.done = queue
      .run(request.sessionKey, () => this.#execute(run, request, message, thinking))
      .catch((error: unknown) => this.#failedBeforeRun(run, message, error))
      .then((outcome) => this.#finish(run, outcome));
    this.runs.add(run);
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
      if (run.sessionKey !== params.sessionKey) continue;
      const owned =
        params.requester.admin ||
        (run.ownerConnId === undefined && run.ownerDeviceId === undefined) ||
        run.ownerConnId === params.requester.connId ||
        (run.ownerDeviceId !== undefined && run.ownerDeviceId === params.requester.deviceId);
      if (!owned) {
        unauthorized = true;
        continue;
      }
      if (run.controller.signal.aborted) continue;
      run.controller.abort();
      runIds.push(run.runId);
    }
    return { aborted: runIds.length > 0, runIds, unauthorized };
  }

  /** Runs `task` when the session is idle (after its running and queued runs): resets, deletes, compactions. */
  async withSession<T>(sessionKey: string, task: () => Promise<T>): Promise<T> {
    return (await this.queue()).run(sessionKey, task);
  }

  /** Stops accepting, aborts every run and waits for them (bounded), then closes the stores. */
  async close(timeoutMs: number): Promise<void> {
    this.#closing = true;
    const active = this.runs.active();
    for (const run of active) run.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      Promise.allSettled(active.map((run) => run.done)).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!settled) this.options.logger.warn({ runs: this.runs.active().length }, 'closing with agent runs still finishing');
    this.runs.close();
    await this.journal.idle();
    for (const store of this.#stores.values()) await (await store.catch(() => undefined))?.close();
  }

  async #execute(run: ActiveRun, request: RunRequest, message: UserMessage, thinking: ReturnType<typeof normalizeThinkingLevel>): Promise<RunOutcome> {
    run.startedAt = this.options.now();
    if (run.controller.signal.aborted) return this.#storeMessageOnly(run, message, { aborted: true });
    const core = await this.core();
    const config = this.config;
    const store = await this.store(run.agentId);
    const record = await store.get(run.sessionKey);
    const models = resolveRunModels({ registry: await this.registry(), config, agentId: run.agentId, sessionMeta: record?.meta, override: request.modelOverride, logger: this.options.logger });
    const configTimeout = config.agents?.defaults?.timeoutSeconds;
    const level = thinking ?? normalizeThinkingLevel(record?.meta['thinkingLevel'] ?? config.agents?.defaults?.thinkingDefault, 'stored');
    const result = await core.runAgent({
      sessionStore: store,
      sessionKey: run.sessionKey,
      message: { text: request.text, images: request.images },
      models,
      health: (await this.registry()).health,
      systemPrompt: () =>
        loadAgentSystemPrompt({ core, config, stateDir: this.options.stateDir, agentId: run.agentId, tools: this.options.tools, extra: request.extraSystemPrompt, logger: this.options.logger }),
      tools: this.options.tools,
      runId: run.runId,
      signal: run.controller.signal,
      timeoutMs: request.timeoutMs || (configTimeout ? configTimeout * 1000 : this.options.policy.runTimeoutMs),
      modelIdleTimeoutMs: this.options.policy.modelIdleTimeoutMs,
      maxIterations: this.options.policy.maxIterations,
      limits: { maxMessageChars: this.options.policy.maxMessageChars },
      ...(level === undefined ? {} : { thinking: level }),
      onEvent: (event) => {
        // The agent loop stored the user message before it emits `start`: the journal entry has done its job.
        if (event.stream === 'lifecycle' && event.data.phase === 'start') void this.journal.done(run.runId);
        run.projector.onEvent(event);
      },
      logger: this.options.logger,
      now: this.options.now,
    });
    return outcomeOf(run, result, { endedAt: this.options.now(), sessionId: record?.sessionId ?? (await store.get(run.sessionKey))?.sessionId });
  }

  /**
   * The run could not start (no usable model, the transcript could not be written, aborted while queued): the
   * acknowledged message is still stored, so history matches what the client was told, and the run ends visibly.
   */
  async #storeMessageOnly(run: ActiveRun, message: UserMessage, end: { aborted: true } | { error: string }): Promise<RunOutcome> {
    try {
      const store = await this.store(run.agentId);
      const entries = [];
      for await (const entry of store.read(run.sessionKey)) entries.push(entry);
      await store.append(run.sessionKey, [
        { type: 'message', id: randomUUID(), parentId: entries.at(-1)?.id ?? null, timestamp: new Date(message.timestamp).toISOString(), message },
      ]);
      await this.journal.done(run.runId);
    } catch (error) {
      this.options.logger.error({ runId: run.runId, error: String(error) }, 'could not store the message of a run that did not start; it stays in the journal');
    }
    run.projector.synthesizeEnd(end);
    const base = { runId: run.runId, sessionKey: run.sessionKey, text: '', endedAt: this.options.now(), ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }) };
    return 'aborted' in end ? { ...base, status: 'aborted', stopReason: 'aborted' } : { ...base, status: 'error', stopReason: 'error', error: end.error };
  }

  async #failedBeforeRun(run: ActiveRun, message: UserMessage, error: unknown): Promise<RunOutcome> {
    const text = error instanceof Error ? error.message : String(error);
    this.options.logger.warn({ runId: run.runId, sessionKey: run.sessionKey, error: text }, 'agent run could not start');
    if (run.projector.finished) return { runId: run.runId, sessionKey: run.sessionKey, status: 'error', text: '', stopReason: 'error', error: text, endedAt: this.options.now() };
    return this.#storeMessageOnly(run, message, { error: text });
  }

  #finish(run: ActiveRun, outcome: RunOutcome): RunOutcome {
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
    return outcome;
  }
}

function outcomeOf(run: ActiveRun, result: AgentRunResult, end: { endedAt: number; sessionId: string | undefined }): RunOutcome {
  const { endedAt, sessionId } = end;
  return {
    runId: run.runId,
    sessionKey: run.sessionKey,
    status: result.status,
    text: result.text,
    stopReason: result.stopReason,
    ...(result.error ? { error: result.error.message } : {}),
    ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
    endedAt,
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(result.model ? { model: { provider: result.model.provider, modelId: result.model.modelId } } : {}),
    usage: { ...result.usage },
  };
}
