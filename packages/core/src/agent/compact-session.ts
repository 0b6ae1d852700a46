import { randomUUID } from 'node:crypto';
import {
  silentLogger,
  type AgentMessage,
  type Logger,
  type SessionRecord,
  type SessionStore,
  type TranscriptCompactionEntry,
  type TranscriptEntry,
} from '@rusty-claw/plugin-sdk';
import { AgentError } from './agent-error.js';
import { estimateMessageTokens } from './estimate-tokens.js';
import { activePath, entryMessage, sessionContextEntries } from './session-context.js';
import { toolOutputText } from './to-language-model-prompt.js';

/** pi-coding-agent's defaults (`reserveTokens` 16,384, `keepRecentTokens` 20,000). */
export const DEFAULT_COMPACTION_SETTINGS = { reserveTokens: 16_384, keepRecentTokens: 20_000 } as const;

/** Turns a conversation excerpt (and instructions) into a summary, typically with the session's model. */
export type Summarize = (request: { system: string; prompt: string; signal: AbortSignal }) => Promise<string>;

export interface CompactSessionOptions {
  store: SessionStore;
  sessionKey: string;
  summarize: Summarize;
  /** The transcript and its version, when the caller has them (the run does); read from the store otherwise. */
  entries?: TranscriptEntry[];
  version?: number;
  keepRecentTokens?: number;
  /** Largest excerpt per summarization call; longer histories are summarized in rolling chunks. Default 200,000. */
  maxChunkChars?: number;
  /** Extra focus for the summary (`/compact <instructions>`). */
  instructions?: string;
  signal?: AbortSignal;
  now?: () => number;
  generateId?: () => string;
  logger?: Logger;
}

export interface CompactSessionResult {
  compacted: boolean;
  /** Why nothing was compacted. */
  reason?: string;
  /** The transcript after compaction (unchanged when `compacted` is false). */
  entries: TranscriptEntry[];
  record?: SessionRecord;
  summary?: string;
  tokensBefore: number;
  firstKeptEntryId?: string;
  summarizedEntries: number;
}

const SYSTEM = [
  'You summarize conversations between a user and their AI assistant so the assistant can continue the conversation with less context.',
  'Write a faithful, dense summary in the language of the conversation. Keep: the user\'s goals and preferences, decisions made, facts and',
  'numbers learned, names, file paths, commands, tool results that matter, open questions and what the assistant was about to do next.',
  'Drop pleasantries and anything superseded. Do not invent anything. Output only the summary.',
].join(' ');

/**
 * Compacts a session: summarizes the older turns with the model, keeps the recent ones verbatim (at least
 * `keepRecentTokens`, cut at a user turn so a tool call never loses its result), and swaps the transcript for
 * `[latest state entries, kept entries, compaction entry]` — OpenClaw's shape, so its UI and pi's
 * `buildSessionContext` read it. The swap is one `store.replace`, which archives the full transcript: no turn is
 * ever deleted, and a failure or crash before the swap leaves the old transcript untouched (retry is safe).
 */
export async function compactSession(options: CompactSessionOptions): Promise<CompactSessionResult> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  let entries = options.entries;
  let version = options.version;
  if (entries === undefined || version === undefined) {
    const record = await options.store.get(options.sessionKey);
    entries = [];
    for await (const entry of options.store.read(options.sessionKey)) entries.push(entry);
    version = record?.version ?? 0;
  }
  const path = activePath(entries);
  const context = sessionContextEntries(entries);
  const messages = context.entries.map((entry) => ({ entry, message: entryMessage(entry) }));
  const tokensBefore = messages.reduce((sum, item) => sum + (item.message ? estimateMessageTokens(item.message) : 0), 0) + (context.compaction ? Math.ceil(context.compaction.summary.length / 4) : 0);

  const cut = findCut(messages, options.keepRecentTokens ?? DEFAULT_COMPACTION_SETTINGS.keepRecentTokens);
  const older = messages.slice(0, cut ?? 0).flatMap((item) => (item.message ? [item.message] : []));
  if (cut === undefined || older.length === 0) {
    return { compacted: false, reason: 'nothing to summarize: only the current turn is left', entries, tokensBefore, summarizedEntries: 0 };
  }
  const previous = context.compaction?.summary;
  let summary: string;
  try {
    summary = await summarizeInChunks(older, previous, options, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AgentError('AGENT_COMPACTION_FAILED', `compaction failed while summarizing: ${(error as Error)?.message ?? String(error)}; the transcript is unchanged`, { cause: error });
  }
  if (summary.trim() === '') throw new AgentError('AGENT_COMPACTION_FAILED', 'compaction failed: the model returned an empty summary; the transcript is unchanged');

  const kept = context.entries.slice(cut);
  const firstKept = kept[0] as TranscriptEntry;
  const keptSet = new Set(kept);
  const state = latestStateEntries(path.filter((entry) => !keptSet.has(entry)));
  const stateSet = new Set(state);
  const summarizedIds = new Set(context.entries.slice(0, cut).filter((entry) => !stateSet.has(entry)).map((entry) => entry.id));
  const chained = chain([...state, ...kept]);
  const compaction: TranscriptCompactionEntry = {
    type: 'compaction',
    id: (options.generateId ?? randomUUID)(),
    parentId: chained.at(-1)?.id ?? null,
    timestamp: new Date(now()).toISOString(),
    summary: summary.trim(),
    firstKeptEntryId: firstKept.id,
    tokensBefore,
    details: { rustyClaw: { summarizedEntries: summarizedIds.size, keptEntries: kept.length } },
  };
  const next = [...chained, compaction];
  const replaced = await options.store.replace(options.sessionKey, next, { expectedVersion: version });
  const count = typeof replaced.meta['compactionCount'] === 'number' ? replaced.meta['compactionCount'] : 0;
  const record = await options.store.patch(options.sessionKey, { compactionCount: count + 1 });
  logger.info({ sessionKey: options.sessionKey, tokensBefore, summarized: summarizedIds.size, kept: kept.length }, 'session compacted');
  return { compacted: true, entries: next, record, summary: compaction.summary, tokensBefore, firstKeptEntryId: firstKept.id, summarizedEntries: summarizedIds.size };
}

/**
 * Index of the first kept message: the latest user turn whose suffix holds at least `keepRecentTokens`, else the
 * last user turn (always kept: it is the turn being answered). Undefined when there is no user turn.
 */
function findCut(messages: Array<{ message: AgentMessage | undefined }>, keepRecentTokens: number): number | undefined {
  let suffix = 0;
  let lastUser: number | undefined;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]?.message;
    if (message) suffix += estimateMessageTokens(message);
    if (message?.role !== 'user') continue;
    lastUser ??= index;
    if (suffix >= keepRecentTokens) return index;
  }
  return lastUser;
}

async function summarizeInChunks(messages: AgentMessage[], previous: string | undefined, options: CompactSessionOptions, signal: AbortSignal): Promise<string> {
  const maxChars = options.maxChunkChars ?? 200_000;
  const chunks: string[] = [];
  let current = '';
  for (const message of messages) {
    const line = `${serializeMessage(message, Math.floor(maxChars / 4))}\n\n`;
    if (current !== '' && current.length + line.length > maxChars) {
      chunks.push(current);
      current = '';
    }
    current += line.length > maxChars ? `${line.slice(0, maxChars - 20)}…[cut]\n\n` : line;
  }
  if (current !== '') chunks.push(current);
  let summary = previous;
  for (const chunk of chunks) {
    signal.throwIfAborted();
    const prompt = [
      summary ? `Summary of the conversation so far:\n<summary>\n${summary}\n</summary>\n` : '',
      `Conversation to summarize${summary ? ' (it continues the summary above)' : ''}:\n<conversation>\n${chunk}</conversation>\n`,
      options.instructions ? `Focus: ${options.instructions}\n` : '',
      summary ? 'Write one updated summary that covers both.' : 'Write the summary.',
    ].join('\n');
    summary = await options.summarize({ system: SYSTEM, prompt, signal });
  }
  return summary ?? '';
}

function serializeMessage(message: AgentMessage, maxToolChars: number): string {
  if (message.role === 'toolResult') {
    const text = toolOutputText(message.content);
    return `[Tool result ${message.toolName}${message.isError ? ' (error)' : ''}]: ${text.length > maxToolChars ? `${text.slice(0, maxToolChars)}…` : text}`;
  }
  if (message.role === 'user') {
    const content = typeof message.content === 'string' ? message.content : message.content.map((item) => (item.type === 'text' ? item.text : '[image]')).join('\n');
    return `[User]: ${content}`;
  }
  return message.content
    .flatMap((item) => (item.type === 'text' ? [`[Assistant]: ${item.text}`] : item.type === 'toolCall' ? [`[Assistant called ${item.name}]: ${JSON.stringify(item.arguments)}`] : []))
    .join('\n');
}

/** The last `model_change` / `thinking_level_change` / `session_info` of the summarized part (settings survive). */
function latestStateEntries(entries: TranscriptEntry[]): TranscriptEntry[] {
  const latest = new Map<string, TranscriptEntry>();
  for (const entry of entries) {
    if (entry.type === 'model_change' || entry.type === 'thinking_level_change' || entry.type === 'session_info') latest.set(entry.type, entry);
  }
  return entries.filter((entry) => latest.get(entry.type) === entry);
}

/** Re-links a list into one parent chain (the first entry becomes a root). */
function chain(entries: TranscriptEntry[]): TranscriptEntry[] {
  return entries.map((entry, index) => {
    const parentId = index === 0 ? null : (entries[index - 1] as TranscriptEntry).id;
    return entry.parentId === parentId ? entry : { ...entry, parentId };
  });
}
