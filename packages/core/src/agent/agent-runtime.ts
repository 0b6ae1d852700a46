import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { silentLogger, type Logger, type SessionRecord, type SessionStore, type Tool } from '@rusty-claw/plugin-sdk';
import type { RustyClawConfig } from '../config-schema.js';
import type { ModelListEntry, ModelRegistry } from '../models/model-registry.js';
import { FileSessionStore } from '../session/file-session-store.js';
import { SessionInbox } from '../session/session-inbox.js';
import { assertAgentId, parseSessionKey, resolveSessionKey } from '../session/session-key.js';
import { buildBootstrapContextFiles, loadWorkspaceBootstrapFiles } from '../workspace/bootstrap-files.js';
import { buildAgentSystemPrompt } from '../workspace/build-agent-system-prompt.js';
import { resolveAgentWorkspaceDir, resolveDefaultAgentId } from '../workspace/resolve-agent-workspace.js';
import { AgentError } from './agent-error.js';
import { AgentRunEmitter, type AgentRunEvent } from './agent-run-event.js';
import { buildUserMessage, DEFAULT_AGENT_INPUT_LIMITS, type AgentUserInput } from './build-user-message.js';
import { compactSession, type CompactSessionResult } from './compact-session.js';
import { FinishedRuns, summarizeRun, type AgentRunSummary, type FinishedRunsLimits } from './finished-runs.js';
import { HistoryCache, type HistoryCacheLimits } from './history-cache.js';
import { normalizeThinkingLevel, resolveAgentModelRefs, sessionModelOverride } from './resolve-agent-settings.js';
import { runAgent, type AgentRunResult, type RunAgentOptions } from './run-agent.js';
import { SessionRunQueue } from './session-run-queue.js';
import type { ModelCandidate } from './stream-with-failover.js';
import { summarizeWithModels } from './summarize-with-models.js';

export interface AgentRuntimeOptions {
  config: Pick<RustyClawConfig, 'agents' | 'session'>;
  stateDir: string;
  models: ModelRegistry;
  tools?: readonly Tool[] | ((agentId: string) => readonly Tool[]);
  /** Default: a `FileSessionStore` per agent under `<stateDir>/agents/<agentId>/sessions`. */
  openSessionStore?: (agentId: string) => SessionStore;
  run?: Pick<RunAgentOptions, 'modelIdleTimeoutMs' | 'maxIterations' | 'compaction' | 'limits'>;
  maxQueuedPerSession?: number;
  /** Bounds of the finished-run summaries `wait` answers from (count, age, reply characters). */
  finishedRuns?: FinishedRunsLimits;
  /**
   * How long a built system prompt (workspace files read from disk) is reused, in ms. Default 1,000: an edit to
   * SOUL.md shows up within a second, and a busy session does not re-read six files per turn. 0 disables it.
   */
  systemPromptCacheMs?: number;
  /** Bounds of the in-memory transcripts of recent sessions (sessions, entries, bytes). */
  historyCache?: HistoryCacheLimits;
  logger?: Logger;
  now?: () => number;
}

export interface AgentSendRequest {
  /** As a client sends it: `main`, empty, a bare key or `agent:<id>:<rest>`. */
  sessionKey?: string;
  agentId?: string;
  message: AgentUserInput;
  runId?: string;
  thinking?: string;
  /** `provider/model` for this run only (before the session override and the configured models). */
  model?: string;
  timeoutMs?: number;
  /** Appended to the agent's system prompt for this run (OpenClaw's `agent` `extraSystemPrompt`). Stored with the message. */
  extraSystemPrompt?: string;
  /**
   * A stable id for the user message entry (e.g. derived from a channel's inbound message id). When a message with
   * this entry id is already in the transcript (a re-send after a crash), the run continues from it instead of
   * storing the message a second time. Default: a fresh id.
   */
  entryId?: string;
  signal?: AbortSignal;
  /** This run's events as they happen (assistant deltas, tools, lifecycle), e.g. to stream a draft to a channel. */
  onEvent?: (event: AgentRunEvent) => void;
}

/** What the runtime holds in memory, for tests and diagnostics (every figure is bounded). */
export interface AgentRuntimeStats {
  running: number;
  finished: number;
  finishedTextChars: number;
  historySessions: number;
  historyBytes: number;
}

interface QueuedRun {
  runId: string;
  agentId: string;
  sessionKey: string;
  entryId: string;
  /** The user entry may already be in the transcript (a crash re-run or a caller-supplied entry id). */
  resume: boolean;
  request: AgentSendRequest;
}

export interface AgentRunHandle {
  runId: string;
  agentId: string;
  sessionKey: string;
  /** Resolves once the message is durable (acknowledge it then); rejects with a typed error when it is refused. */
  accepted: Promise<void>;
  /** The outcome; run failures resolve with `status: 'error'`. Rejects only when the message was refused. */
  result: Promise<AgentRunResult>;
}

/**
 * The agent runtime the gateway drives: resolves agent, session key, models (session override, primary,
 * fallbacks), thinking level, tools and the workspace system prompt; makes each accepted message durable in the
 * agent's inbox, then runs it on the session's queue (one run at a time per session); tracks runs for
 * `chat.abort` / `agent.wait`; and recovers, after a restart, messages that were accepted but never run.
 */
export class AgentRuntime {
  readonly queue: SessionRunQueue;
  readonly #options: AgentRuntimeOptions;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #stores = new Map<string, SessionStore>();
  readonly #inboxes = new Map<string, SessionInbox>();
  readonly #runs = new Map<string, { controller: AbortController; sessionKey: string; result: Promise<AgentRunResult> }>();
  readonly #finished: FinishedRuns;
  readonly #history: HistoryCache;
  readonly #prompts = new Map<string, { at: number; tools: string; value: Promise<string> }>();

  constructor(options: AgentRuntimeOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#finished = new FinishedRuns({ ...options.finishedRuns, now: this.#now });
    this.#history = new HistoryCache(options.historyCache);
    this.queue = new SessionRunQueue(options.maxQueuedPerSession === undefined ? {} : { maxPending: options.maxQueuedPerSession });
  }

  get defaultAgentId(): string {
    return resolveDefaultAgentId(this.#options.config);
  }

  /** The store key and agent of a request key (OpenClaw's aliases and prefixing; the key's agent wins). */
  resolveSession(request: { sessionKey?: string | undefined; agentId?: string | undefined }): { agentId: string; sessionKey: string } {
    const agentId = request.agentId === undefined ? this.defaultAgentId : assertAgentId(request.agentId);
    const sessionKey = resolveSessionKey({ key: request.sessionKey, agentId, mainKey: this.#options.config.session?.mainKey });
    return { agentId: parseSessionKey(sessionKey)?.agentId ?? agentId, sessionKey };
  }

  sessionStore(agentId: string): SessionStore {
    const id = assertAgentId(agentId);
    let store = this.#stores.get(id);
    if (!store) {
      store = this.#options.openSessionStore?.(id) ?? new FileSessionStore({ stateDir: this.#options.stateDir, agentId: id, cwd: this.workspaceDir(id), logger: this.#logger });
      this.#stores.set(id, store);
    }
    return store;
  }

  workspaceDir(agentId: string): string {
    return resolveAgentWorkspaceDir({ config: this.#options.config, agentId, stateDir: this.#options.stateDir });
  }

  listModels(): ModelListEntry[] {
    return this.#options.models.listModels();
  }

  /** The failover candidates for a session: request override, session override, agent primary, fallbacks. */
  modelCandidates(agentId: string, meta: Record<string, unknown> = {}, override?: string): ModelCandidate[] {
    const refs = resolveAgentModelRefs(this.#options.config, agentId, override ?? sessionModelOverride(meta));
    const candidates: ModelCandidate[] = [];
    const problems: string[] = [];
    for (const ref of refs) {
      try {
        const resolved = this.#options.models.resolve(ref);
        candidates.push({
          ref: resolved.ref,
          model: resolved.model,
          api: resolved.api,
          contextWindow: resolved.contextWindow,
          input: resolved.input,
          ...(resolved.maxOutputTokens === undefined ? {} : { maxOutputTokens: resolved.maxOutputTokens }),
        });
      } catch (error) {
        problems.push(`${ref}: ${(error as Error).message}`);
        this.#logger.warn({ ref, error: (error as Error).message }, 'model candidate skipped');
      }
    }
    if (candidates.length === 0) {
      throw new AgentError('AGENT_NO_MODEL', problems.length > 0 ? `no usable model: ${problems.join('; ')}` : 'no model is configured: set agents.defaults.model.primary');
    }
    return candidates;
  }

  /** Accepts a message (durably) and queues its run on the session. */
  send(request: AgentSendRequest): AgentRunHandle {
    const runId = request.runId ?? randomUUID();
    let resolved: { agentId: string; sessionKey: string };
    try {
      resolved = this.resolveSession(request);
      buildUserMessage(request.message, { ...DEFAULT_AGENT_INPUT_LIMITS, ...this.#options.run?.limits }, this.#now());
      if (this.#runs.has(runId)) throw new AgentError('AGENT_INPUT_INVALID', `run ${runId} is already in progress`);
    } catch (error) {
      const refused = Promise.reject(error);
      refused.catch(() => undefined);
      return { runId, agentId: request.agentId ?? this.defaultAgentId, sessionKey: request.sessionKey ?? '', accepted: refused, result: refused };
    }
    const { agentId, sessionKey } = resolved;
    const entryId = request.entryId ?? randomUUID();
    const inbox = this.#inbox(agentId);
    const stored = {
      message: request.message,
      ...(request.thinking ? { thinking: request.thinking } : {}),
      ...(request.model ? { model: request.model } : {}),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.extraSystemPrompt ? { extraSystemPrompt: request.extraSystemPrompt } : {}),
    };
    const accepted = inbox.accept({ runId, sessionKey, entryId, request: stored, acceptedAt: this.#now() });
    return this.#enqueue({ runId, agentId, sessionKey, entryId, resume: request.entryId !== undefined, request, accepted });
  }

  /** Aborts a running or queued run. */
  abort(runId: string): boolean {
    const run = this.#runs.get(runId);
    run?.controller.abort();
    return run !== undefined;
  }

  /** Aborts every run of a session (running and queued); returns their ids. */
  abortSession(sessionKey: string): string[] {
    const ids = [...this.#runs].filter(([, run]) => run.sessionKey === sessionKey).map(([id]) => id);
    for (const id of ids) this.abort(id);
    return ids;
  }

  /**
   * The outcome of a run, waiting up to `timeoutMs` if it is still going; undefined when unknown (never run, refused,
   * or forgotten: summaries are kept for a bounded count and age) or still running at the timeout.
   */
  async wait(runId: string, timeoutMs = 30_000): Promise<AgentRunSummary | undefined> {
    const done = this.#finished.get(runId);
    if (done) return done;
    const run = this.#runs.get(runId);
    if (!run) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    try {
      const ended = await Promise.race([run.result.then(() => true, () => false), timeout]);
      return ended ? this.#finished.get(runId) : undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  stats(): AgentRuntimeStats {
    return { running: this.#runs.size, finished: this.#finished.size, finishedTextChars: this.#finished.textChars, historySessions: this.#history.size, historyBytes: this.#history.bytes };
  }

  /** `sessions.compact`: summarizes older turns now (queued behind any run of the session). */
  compact(request: { sessionKey?: string; agentId?: string; instructions?: string }): Promise<CompactSessionResult> {
    const { agentId, sessionKey } = this.resolveSession(request);
    return this.queue.run(sessionKey, async () => {
      this.#history.delete(sessionKey);
      const store = this.sessionStore(agentId);
      const record = await store.get(sessionKey);
      const models = this.modelCandidates(agentId, record?.meta ?? {});
      const emitter = new AgentRunEmitter({ runId: randomUUID(), sessionKey, listener: undefined, logger: this.#logger, now: this.#now });
      const idleTimeoutMs = this.#options.run?.modelIdleTimeoutMs ?? 120_000;
      return compactSession({
        store,
        sessionKey,
        logger: this.#logger,
        now: this.#now,
        ...(request.instructions === undefined ? {} : { instructions: request.instructions }),
        summarize: (summary) => summarizeWithModels(summary, { models, health: this.#options.models.health, emitter, logger: this.#logger, idleTimeoutMs }),
      });
    });
  }

  /** `sessions.reset`: an empty transcript; the old one is archived as `<id>.jsonl.reset.<ts>`. */
  reset(request: { sessionKey?: string; agentId?: string }): Promise<SessionRecord | undefined> {
    const { agentId, sessionKey } = this.resolveSession(request);
    this.abortSession(sessionKey);
    return this.queue.run(sessionKey, async () => {
      this.#history.delete(sessionKey);
      const store = this.sessionStore(agentId);
      const record = await store.get(sessionKey);
      return record && store.replace(sessionKey, [], { expectedVersion: record.version });
    });
  }

  /** `sessions.delete`: the transcript is archived as `<id>.jsonl.deleted.<ts>`. */
  delete(request: { sessionKey?: string; agentId?: string }): Promise<boolean> {
    const { agentId, sessionKey } = this.resolveSession(request);
    this.abortSession(sessionKey);
    return this.queue.run(sessionKey, () => {
      this.#history.delete(sessionKey);
      return this.sessionStore(agentId).delete(sessionKey);
    });
  }

  /**
   * Runs the messages that were accepted before a crash but never answered (call once at start-up, after the gateway
   * listens): one that never reached its transcript is stored and run; one whose user entry is there but has no
   * answer after it (the crash came mid-run) is run again without storing it twice. Answered ones are marked done.
   * `onEvent` receives the events of every recovered run.
   */
  async recover(agentIds: readonly string[] = this.#knownAgents(), options: { onEvent?: (event: AgentRunEvent) => void } = {}): Promise<AgentRunHandle[]> {
    const handles: AgentRunHandle[] = [];
    for (const agentId of agentIds) {
      const inbox = this.#inbox(agentId);
      for (const item of await inbox.pending()) {
        if (this.#runs.has(item.runId)) continue;
        const state = await this.#entryState(agentId, item.sessionKey, item.entryId);
        if (state === 'answered') {
          await inbox.started(item.runId);
          continue;
        }
        this.#logger.info({ runId: item.runId, sessionKey: item.sessionKey, state }, 'recovering a message accepted before a restart');
        const request = { ...(item.request as Omit<AgentSendRequest, 'sessionKey' | 'agentId'>), sessionKey: item.sessionKey, agentId, ...(options.onEvent ? { onEvent: options.onEvent } : {}) };
        handles.push(this.#enqueue({ runId: item.runId, agentId, sessionKey: item.sessionKey, entryId: item.entryId, resume: state === 'unanswered', request, accepted: Promise.resolve() }));
      }
    }
    return handles;
  }

  /** Whether a user entry is in the transcript, and whether a final assistant answer (no tool calls) follows it. */
  async #entryState(agentId: string, sessionKey: string, entryId: string): Promise<'missing' | 'unanswered' | 'answered'> {
    let state: 'missing' | 'unanswered' | 'answered' = 'missing';
    for await (const entry of this.sessionStore(agentId).read(sessionKey)) {
      if (entry.id === entryId) state = 'unanswered';
      else if (state === 'unanswered' && entry.type === 'message' && entry.message.role === 'assistant' && !entry.message.content.some((part) => part.type === 'toolCall')) state = 'answered';
    }
    return state;
  }

  /** Aborts every run, waits for the queues to drain and closes the stores. */
  async close(): Promise<void> {
    for (const run of this.#runs.values()) run.controller.abort();
    await Promise.allSettled([...this.#runs.values()].map((run) => run.result));
    await this.queue.idle();
    await Promise.all([...this.#inboxes.values()].map((inbox) => inbox.close()));
    await Promise.all([...this.#stores.values()].map((store) => store.close()));
    this.#history.clear();
  }

  #knownAgents(): string[] {
    const ids = new Set([this.defaultAgentId, ...(this.#options.config.agents?.list ?? []).map((agent) => agent.id.toLowerCase())]);
    return [...ids].filter((id) => /^[a-z0-9][a-z0-9_-]{0,63}$/.test(id));
  }

  #inbox(agentId: string): SessionInbox {
    let inbox = this.#inboxes.get(agentId);
    if (!inbox) {
      inbox = new SessionInbox(join(FileSessionStore.sessionsDir(this.#options.stateDir, agentId), 'inbox.jsonl'), { logger: this.#logger });
      this.#inboxes.set(agentId, inbox);
    }
    return inbox;
  }

  #enqueue(run: QueuedRun & { accepted: Promise<void> }): AgentRunHandle {
    const { runId, agentId, sessionKey, request } = run;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    if (request.signal) {
      if (request.signal.aborted) controller.abort();
      else request.signal.addEventListener('abort', onAbort, { once: true });
    }
    const inbox = this.#inbox(agentId);
    const result = run.accepted
      .then(() => this.queue.run(sessionKey, () => this.#execute(run, controller.signal), { signal: controller.signal }))
      .catch(async (error: unknown) => {
        // Refused by the queue (aborted while waiting, queue full) or by runAgent before writing: not pending any more.
        if (AgentError.isInstance(error) || (error as { code?: string })?.code === 'SESSION_KEY_INVALID') await inbox.started(runId);
        throw error;
      });
    result.catch(() => undefined);
    const entry = { controller, sessionKey, result };
    this.#runs.set(runId, entry);
    const startedAt = this.#now();
    void result
      .then(
        (value) => this.#finished.add(summarizeRun(value, startedAt, this.#now())),
        () => undefined,
      )
      .finally(() => {
        // A caller's long-lived signal (a connection's, say) must not collect one listener per run.
        request.signal?.removeEventListener('abort', onAbort);
        if (this.#runs.get(runId) === entry) this.#runs.delete(runId);
      });
    return { runId, agentId, sessionKey, accepted: run.accepted, result };
  }

  async #execute(run: QueuedRun, signal: AbortSignal): Promise<AgentRunResult> {
    const { agentId, sessionKey, request } = run;
    const store = this.sessionStore(agentId);
    const record = await store.get(sessionKey);
    const meta = record?.meta ?? {};
    const models = this.modelCandidates(agentId, meta, request.model);
    const tools = typeof this.#options.tools === 'function' ? this.#options.tools(agentId) : (this.#options.tools ?? []);
    const thinking = normalizeThinkingLevel(request.thinking) ?? normalizeThinkingLevel(meta['thinkingLevel']) ?? normalizeThinkingLevel(this.#options.config.agents?.defaults?.thinkingDefault);
    const timeoutSeconds = this.#options.config.agents?.defaults?.timeoutSeconds;
    const inbox = this.#inbox(agentId);
    // Taken, not copied: the run appends to this array, and it comes back through the result.
    const history = this.#history.take(sessionKey);
    const result = await runAgent({
      ...this.#options.run,
      ...(history ? { history, historyOwned: true } : {}),
      ...(run.resume ? { resume: true } : {}),
      ...(request.extraSystemPrompt ? { extraSystemPrompt: request.extraSystemPrompt } : {}),
      sessionStore: store,
      sessionKey,
      message: request.message,
      models,
      health: this.#options.models.health,
      tools,
      runId: run.runId,
      userEntryId: run.entryId,
      signal,
      logger: this.#logger,
      now: this.#now,
      ...(thinking === undefined ? {} : { thinking }),
      ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : timeoutSeconds !== undefined ? { timeoutMs: timeoutSeconds * 1000 } : {}),
      systemPrompt: () => this.#systemPrompt(agentId, tools),
      onEvent: (event) => {
        if (event.stream === 'lifecycle' && event.data.phase === 'start') void inbox.started(run.runId);
        request.onEvent?.(event);
      },
    });
    this.#history.put(sessionKey, result.history);
    return result;
  }

  #systemPrompt(agentId: string, tools: readonly Tool[]): Promise<string> {
    const ttl = this.#options.systemPromptCacheMs ?? 1_000;
    const now = this.#now();
    // The prompt names the tools; a tools factory may hand out a fresh array per run, so compare the names.
    const names = tools.map((tool) => `${tool.name}\u0000${tool.description}`).join('\u0001');
    const cached = this.#prompts.get(agentId);
    if (cached && cached.tools === names && now - cached.at < ttl) return cached.value;
    const value = this.#buildSystemPrompt(agentId, tools);
    if (ttl > 0) this.#prompts.set(agentId, { at: now, tools: names, value });
    // A failed build is not reused.
    value.catch(() => this.#prompts.get(agentId)?.value === value && this.#prompts.delete(agentId));
    return value;
  }

  async #buildSystemPrompt(agentId: string, tools: readonly Tool[]): Promise<string> {
    const workspaceDir = this.workspaceDir(agentId);
    const files = await loadWorkspaceBootstrapFiles(workspaceDir);
    const contextFiles = buildBootstrapContextFiles(files, { warn: (message) => this.#logger.warn({ agentId }, message) });
    const name = this.#options.config.agents?.list?.find((agent) => agent.id.toLowerCase() === agentId)?.name;
    return buildAgentSystemPrompt({ workspaceDir, contextFiles, tools, ...(name ? { agentName: name } : {}) });
  }

}
