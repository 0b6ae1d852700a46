import { randomUUID } from 'node:crypto';
import {
  SessionConflictError,
  silentLogger,
  type AgentMessage,
  type AssistantMessage,
  type LanguageModelCallOptions,
  type Logger,
  type SessionStore,
  type ThinkingLevel,
  type Tool,
  type TranscriptEntry,
} from '@rusty-claw/plugin-sdk';
import { ModelHealth } from '../models/model-health.js';
import { DEFAULT_CONTEXT_WINDOW } from '../models/model-registry.js';
import { AgentError } from './agent-error.js';
import { AgentRunEmitter, emptyUsage, type AgentRunEvent, type AgentRunUsage } from './agent-run-event.js';
import type { AssistantDraft } from './assistant-draft.js';
import { buildUserMessage, DEFAULT_AGENT_INPUT_LIMITS, type AgentInputLimits, type AgentUserInput } from './build-user-message.js';
import { compactSession, DEFAULT_COMPACTION_SETTINGS } from './compact-session.js';
import { estimatePromptTokens } from './estimate-tokens.js';
import { runToolCalls } from './run-tool-calls.js';
import { buildSessionContext } from './session-context.js';
import { streamWithFailover, type ModelCandidate } from './stream-with-failover.js';
import { summarizeWithModels } from './summarize-with-models.js';
import { toLanguageModelPrompt } from './to-language-model-prompt.js';
import { toolDefinitions } from './tool-definitions.js';

export interface RunAgentOptions {
  sessionStore: SessionStore;
  sessionKey: string;
  message: AgentUserInput;
  /** Failover order: the session override or primary first, then the fallbacks. */
  models: readonly ModelCandidate[];
  /** Cooldowns and bad profiles shared between runs (the registry's). Default: a fresh one (no memory). */
  health?: ModelHealth;
  systemPrompt?: string | (() => string | Promise<string>);
  tools?: readonly Tool[];
  runId?: string;
  /**
   * The session's transcript and version as the caller last saw them (e.g. the previous run's `history`), to skip
   * reading the transcript. If it is stale the first append conflicts and the transcript is read after all.
   */
  history?: RunHistory;
  /**
   * The caller hands `history.entries` over (it keeps no other reference): the run appends to that array instead of
   * copying it, so a turn costs nothing per entry already in the transcript. Default false (the array is copied).
   */
  historyOwned?: boolean;
  /**
   * The user message entry is already in the transcript (a re-run after a crash, same run and entry id): the run
   * continues from it instead of appending it again. Checked against the transcript, so a wrong guess is harmless.
   */
  resume?: boolean;
  /** Appended to the system prompt (after a blank line), for this run only. */
  extraSystemPrompt?: string;
  /** Id for the user message entry (the inbox pre-assigns it, so recovery can tell whether it was written). */
  userEntryId?: string;
  signal?: AbortSignal;
  /** Whole-run limit. Default 600,000 ms (OpenClaw's `agents.defaults.timeoutSeconds` default). */
  timeoutMs?: number;
  /** A model silent for this long counts as hung: timeout, then failover. Default 120,000 ms. */
  modelIdleTimeoutMs?: number;
  /** Model calls per run. Default 32. */
  maxIterations?: number;
  thinking?: ThinkingLevel;
  maxOutputTokens?: number;
  temperature?: number;
  providerOptions?: LanguageModelCallOptions['providerOptions'];
  compaction?: { enabled?: boolean; reserveTokens?: number; keepRecentTokens?: number };
  limits?: Partial<AgentInputLimits> & { maxToolResultChars?: number };
  onEvent?: (event: AgentRunEvent) => void;
  logger?: Logger;
  now?: () => number;
  generateId?: () => string;
}

export type AgentRunStatus = 'ok' | 'aborted' | 'timeout' | 'error';

export interface AgentRunResult {
  runId: string;
  sessionKey: string;
  status: AgentRunStatus;
  /** Text of the last assistant message (what a chat shows as the reply). */
  text: string;
  stopReason: string;
  error?: AgentError;
  usage: AgentRunUsage;
  model?: { ref: string; provider: string; modelId: string };
  /** Model calls made. */
  iterations: number;
  /** Messages this run appended (user first). */
  messages: AgentMessage[];
  sessionVersion: number;
  /** The session's transcript and version after the run (pass as `history` to the next run; do not mutate). */
  history: RunHistory;
}

/** A session's transcript and version; `bytes` (serialized size) when known, for callers that bound a cache. */
export interface RunHistory {
  entries: readonly TranscriptEntry[];
  version: number;
  bytes?: number;
}

/**
 * One agent run on one session: appends the user message durably before any model call, then loops model turn →
 * tool calls → model turn until the model answers without tools. Assistant and tool entries are appended as they
 * complete; events stream to `onEvent`. Rejects only when nothing was accepted (bad input, or the user message
 * could not be stored); every later failure resolves with `status` and `error`. Callers serialize runs per session
 * (`SessionRunQueue`).
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentRunResult> {
  const now = options.now ?? Date.now;
  const generateId = options.generateId ?? randomUUID;
  const logger = options.logger ?? silentLogger;
  const runId = options.runId ?? randomUUID();
  const { sessionStore: store, sessionKey } = options;
  const health = options.health ?? new ModelHealth({ now });
  const userMessage = buildUserMessage(options.message, { ...DEFAULT_AGENT_INPUT_LIMITS, ...options.limits }, now());
  if (options.models.length === 0) throw new AgentError('AGENT_NO_MODEL', 'no model is configured: set agents.defaults.model.primary');
  const tools = options.tools ?? [];
  const definitions = toolDefinitions(tools);
  if (options.signal?.aborted) throw new AgentError('AGENT_ABORTED', 'the run was aborted before it started');
  const base = typeof options.systemPrompt === 'function' ? await options.systemPrompt() : (options.systemPrompt ?? '');
  const system = options.extraSystemPrompt ? (base ? `${base}\n\n${options.extraSystemPrompt}` : options.extraSystemPrompt) : base;

  // Owned history is used in place: copying a 20,000-entry transcript on every turn was most of a turn's CPU.
  const entries: TranscriptEntry[] = options.history ? (options.historyOwned ? (options.history.entries as TranscriptEntry[]) : [...options.history.entries]) : [];
  let version = options.history?.version ?? 0;
  let bytes = options.history?.bytes;
  const load = async (): Promise<void> => {
    const record = await store.get(sessionKey);
    entries.length = 0;
    for await (const entry of store.read(sessionKey)) entries.push(entry);
    version = record?.version ?? 0;
    bytes = undefined;
  };
  if (!options.history) await load();
  const appended: AgentMessage[] = [];
  const append = async (message: AgentMessage, meta?: Record<string, unknown>, id = generateId()): Promise<void> => {
    const entry: TranscriptEntry = { type: 'message', id, parentId: entries.at(-1)?.id ?? null, timestamp: new Date(now()).toISOString(), message };
    version = (await store.append(sessionKey, [entry], { expectedVersion: version, ...(meta ? { meta } : {}) })).version;
    entries.push(entry);
    if (bytes !== undefined) bytes += JSON.stringify(entry).length + 1;
    appended.push(message);
  };
  const resumed = (): TranscriptEntry | undefined => {
    if (!options.resume || options.userEntryId === undefined) return undefined;
    // The user entry is normally the last one (the crash came before the model answered), so search from the end.
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]?.id === options.userEntryId) return entries[i];
    return undefined;
  };
  // Durable before anything else: from here on the message is accepted, whatever happens to the run.
  let userEntry = resumed();
  if (userEntry) {
    // A re-run of a message already in the transcript (a crash after the append): do not store it twice; the model
    // answers from the current leaf, which has the message (and whatever tool turns followed it) in context.
    appended.push(userEntry.type === 'message' ? userEntry.message : userMessage);
  } else {
    try {
      await append(userMessage, undefined, options.userEntryId);
    } catch (error) {
      // A cached history went stale (another writer): read the transcript and try once more.
      if (!options.history || !SessionConflictError.isInstance(error)) throw error;
      await load();
      userEntry = resumed();
      if (userEntry) appended.push(userEntry.type === 'message' ? userEntry.message : userMessage);
      else await append(userMessage, undefined, options.userEntryId);
    }
    userEntry ??= entries.at(-1) as TranscriptEntry;
  }
  const userEntryId = userEntry.id;

  const emitter = new AgentRunEmitter({ runId, sessionKey, listener: options.onEvent, logger, now });
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(new AgentError('AGENT_ABORTED', 'the run was aborted'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timeoutMs = options.timeoutMs ?? 600_000;
  const timer = setTimeout(() => controller.abort(new AgentError('AGENT_TIMEOUT', `the run timed out after ${timeoutMs} ms`, { kind: 'timeout' })), timeoutMs);
  const signal = controller.signal;
  emitter.emit({ stream: 'lifecycle', data: { phase: 'start', startedAt: now(), userEntryId, sessionVersion: version } });

  const usage = emptyUsage();
  let iterations = 0;
  let text = '';
  let used: ModelCandidate | undefined;
  const finish = (status: AgentRunStatus, stopReason: string, error?: AgentError): AgentRunResult => {
    if (status === 'ok' || status === 'aborted') {
      emitter.emit({ stream: 'lifecycle', data: { phase: 'end', endedAt: now(), stopReason, ...(status === 'aborted' ? { aborted: true } : {}), usage: { ...usage } } });
    } else {
      const failure = error as AgentError;
      emitter.emit({ stream: 'lifecycle', data: { phase: 'error', endedAt: now(), error: failure.message, errorKind: failure.kind, code: failure.code, usage: { ...usage } } });
      logger.warn({ runId, sessionKey, code: failure.code, error: failure.message }, 'agent run failed');
    }
    return {
      runId,
      sessionKey,
      status,
      text,
      stopReason,
      ...(error ? { error } : {}),
      usage,
      ...(used ? { model: { ref: used.ref, provider: used.model.provider, modelId: used.model.modelId } } : {}),
      iterations,
      messages: appended,
      sessionVersion: version,
      history: { entries, version, ...(bytes === undefined ? {} : { bytes }) },
    };
  };
  const stopped = (): AgentRunResult => {
    const reason = signal.reason as AgentError;
    return reason.code === 'AGENT_TIMEOUT' ? finish('timeout', 'timeout', reason) : finish('aborted', 'aborted');
  };
  const appendPartial = async (draft: AssistantDraft | undefined, candidate: ModelCandidate | undefined, stopReason: 'aborted' | 'error', errorMessage: string): Promise<void> => {
    if (!draft || !candidate || draft.content.length === 0) return;
    text = draft.text;
    await append(draft.toMessage({ provider: candidate.model.provider, model: candidate.model.modelId, ...apiOf(candidate), timestamp: now(), stopReason, errorMessage }));
  };
  const compaction = { enabled: true, ...DEFAULT_COMPACTION_SETTINGS, ...options.compaction };
  const compact = async (reason: string, tokensBefore: number): Promise<boolean> => {
    emitter.emit({ stream: 'compaction', data: { phase: 'start', tokensBefore, reason } });
    try {
      const window = options.models[0]?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
      const result = await compactSession({
        store,
        sessionKey,
        entries: [...entries],
        version,
        keepRecentTokens: compaction.keepRecentTokens,
        maxChunkChars: Math.max(4_000, Math.floor(window / 2) * 4),
        summarize: (request) => summarizeWithModels(request, { models: options.models, health, emitter, logger, idleTimeoutMs: options.modelIdleTimeoutMs ?? 120_000 }),
        signal,
        now,
        generateId,
        logger,
      });
      if (!result.compacted || !result.record) {
        emitter.emit({ stream: 'compaction', data: { phase: 'error', error: result.reason ?? 'nothing to compact' } });
        return false;
      }
      entries.length = 0;
      for (const entry of result.entries) entries.push(entry);
      version = result.record.version;
      bytes = undefined;
      emitter.emit({ stream: 'compaction', data: { phase: 'end', tokensBefore, firstKeptEntryId: result.firstKeptEntryId as string, summarizedEntries: result.summarizedEntries } });
      return true;
    } catch (error) {
      if (signal.aborted) throw error;
      emitter.emit({ stream: 'compaction', data: { phase: 'error', error: (error as Error).message } });
      logger.warn({ runId, sessionKey, error: (error as Error).message }, 'compaction failed; the transcript is unchanged');
      return false;
    }
  };

  try {
    const maxIterations = options.maxIterations ?? 32;
    let compactedForOverflow = false;
    for (;;) {
      const first = options.models[0] as ModelCandidate;
      const window = first.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
      // Built once per model call and reused for the first candidate when it matches (the usual case): building it
      // walks the whole transcript, and doing that twice per turn was a visible share of a turn's CPU.
      let context = buildSessionContext(entries);
      let prompt = toLanguageModelPrompt(context, { system, provider: first.model.provider, images: first.input?.includes('image') ?? true });
      const estimate = estimatePromptTokens(prompt, definitions);
      if (compaction.enabled && estimate > window - compaction.reserveTokens && (await compact('the estimated prompt is near the context window', estimate))) {
        context = buildSessionContext(entries);
        prompt = toLanguageModelPrompt(context, { system, provider: first.model.provider, images: first.input?.includes('image') ?? true });
      }

      iterations++;
      const outcome = await streamWithFailover({
        candidates: options.models,
        health,
        signal,
        emitter,
        logger,
        idleTimeoutMs: options.modelIdleTimeoutMs ?? 120_000,
        buildCall: (candidate) => ({
          prompt:
            candidate.model.provider === first.model.provider && (candidate.input?.includes('image') ?? true) === (first.input?.includes('image') ?? true)
              ? prompt
              : toLanguageModelPrompt(context, { system, provider: candidate.model.provider, images: candidate.input?.includes('image') ?? true }),
          ...(definitions.length > 0 ? { tools: definitions } : {}),
          ...(options.thinking === undefined ? {} : { thinking: options.thinking }),
          ...maxTokens(options.maxOutputTokens ?? candidate.maxOutputTokens),
          ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
          ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
        }),
        onUpdate: (update) => {
          if (update.text) emitter.emit({ stream: 'assistant', data: update.text });
          if (update.thinking) emitter.emit({ stream: 'thinking', data: update.thinking });
        },
      });

      if (outcome.status === 'aborted') {
        await appendPartial(outcome.draft, outcome.candidate, (signal.reason as AgentError).code === 'AGENT_TIMEOUT' ? 'error' : 'aborted', (signal.reason as AgentError).message);
        return stopped();
      }
      if (outcome.status === 'failed') {
        await appendPartial(outcome.draft, outcome.candidate, 'error', outcome.error.message);
        return finish('error', 'error', outcome.error);
      }
      if (outcome.status === 'context_length') {
        const error = new AgentError('AGENT_MODEL_FAILED', `the conversation does not fit the context window of ${outcome.candidate.ref}, even after compaction`, { kind: 'context_length', attempts: outcome.attempts, cause: outcome.error });
        iterations--;
        if (compactedForOverflow || !(await compact('the provider reported a context overflow', estimate))) return finish('error', 'error', error);
        compactedForOverflow = true;
        continue;
      }

      used = outcome.candidate;
      const { draft, candidate } = outcome;
      const message = draft.toMessage({ provider: candidate.model.provider, model: candidate.model.modelId, ...apiOf(candidate), timestamp: now() });
      addUsage(usage, message);
      text = draft.text;
      await append(message, sessionUsageMeta(usage, message, candidate));
      if (draft.toolCalls.length === 0) return finish('ok', message.stopReason ?? 'stop');
      if (iterations >= maxIterations) {
        const note = `Not run: the run reached its limit of ${maxIterations} model calls.`;
        for (const call of draft.toolCalls) {
          await append({ role: 'toolResult', toolCallId: call.toolCallId, toolName: call.toolName, content: [{ type: 'text', text: note }], isError: true, timestamp: now() });
        }
        return finish('error', 'max_iterations', new AgentError('AGENT_MAX_ITERATIONS', `stopped after ${maxIterations} model calls (the model kept calling tools)`));
      }
      await runToolCalls(draft.toolCalls, {
        tools,
        signal,
        sessionKey,
        logger,
        emitter,
        now,
        maxResultChars: options.limits?.maxToolResultChars ?? 100_000,
        append: (toolResult) => append(toolResult),
      });
      if (signal.aborted) return stopped();
      compactedForOverflow = false;
    }
  } catch (error) {
    if (signal.aborted && !AgentError.isInstance(error)) return stopped();
    const failure = AgentError.isInstance(error) ? error : new AgentError('AGENT_RUN_FAILED', `the run failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    return failure.code === 'AGENT_ABORTED' || failure.code === 'AGENT_TIMEOUT' ? stopped() : finish('error', 'error', failure);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function apiOf(candidate: ModelCandidate): { api?: string } {
  return candidate.api === undefined ? {} : { api: candidate.api };
}

function maxTokens(value: number | undefined): { maxOutputTokens?: number } {
  return value === undefined ? {} : { maxOutputTokens: value };
}

function addUsage(usage: AgentRunUsage, message: AssistantMessage): void {
  const call = message.usage;
  if (!call) return;
  usage.input += call.input;
  usage.output += call.output;
  usage.cacheRead += call.cacheRead;
  usage.cacheWrite += call.cacheWrite;
  usage.totalTokens += call.totalTokens;
  usage.contextTokens = call.input + call.cacheRead + call.cacheWrite;
  usage.calls++;
}

/**
 * The token counters OpenClaw keeps on a session entry, from provider-reported usage: this run's input/output,
 * the last call's cache tokens, `totalTokens` = the last call's prompt size (how full the context is, fresh), and
 * `contextTokens` = the model's context window.
 */
function sessionUsageMeta(usage: AgentRunUsage, message: AssistantMessage, candidate: ModelCandidate): Record<string, unknown> {
  return {
    modelProvider: candidate.model.provider,
    model: candidate.model.modelId,
    contextTokens: candidate.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    inputTokens: usage.input,
    outputTokens: usage.output,
    cacheRead: message.usage?.cacheRead ?? 0,
    cacheWrite: message.usage?.cacheWrite ?? 0,
    ...(usage.contextTokens > 0 ? { totalTokens: usage.contextTokens, totalTokensFresh: true } : { totalTokensFresh: false }),
  };
}
