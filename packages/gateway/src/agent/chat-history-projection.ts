import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';

/** OpenClaw's per-text-block cap for `chat.history` (`DEFAULT_CHAT_HISTORY_TEXT_MAX_CHARS`). */
export const CHAT_HISTORY_TEXT_MAX_CHARS = 8_000;
/** One message larger than this (JSON bytes) is replaced by a placeholder (OpenClaw: 128 KiB). */
export const CHAT_HISTORY_MAX_MESSAGE_BYTES = 128 * 1024;
/** The whole `messages` array is kept under this many JSON bytes, oldest dropped first (OpenClaw: 6 MiB). */
export const CHAT_HISTORY_MAX_BYTES = 6 * 1024 * 1024;
export const CHAT_HISTORY_PLACEHOLDER = '[chat.history omitted: message too large]';

type DisplayMessage = Record<string, unknown> & { role: string };

const USAGE_KEYS = ['input', 'output', 'totalTokens', 'cacheRead', 'cacheWrite'] as const;

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}\n...(truncated)...`;
}

/** A content block as the UI shows it: long text cut, image bytes left out, thinking signatures dropped. */
function displayBlock(block: unknown, maxChars: number, exact: boolean): unknown {
  if (typeof block !== 'object' || block === null) return block;
  const entry = { ...(block as Record<string, unknown>) };
  if (typeof entry['text'] === 'string' && !exact) entry['text'] = truncate(entry['text'], maxChars);
  if (typeof entry['thinking'] === 'string') entry['thinking'] = truncate(entry['thinking'], maxChars);
  delete entry['thinkingSignature'];
  if (entry['type'] === 'image' && typeof entry['data'] === 'string') {
    const bytes = Buffer.byteLength(entry['data']);
    delete entry['data'];
    entry['omitted'] = true;
    entry['bytes'] = bytes;
  }
  return entry;
}

/** OpenClaw's `sanitizeChatHistoryMessage`: no `details`, usage reduced to counters, text capped per block. */
function displayMessage(message: Record<string, unknown>, maxChars: number): DisplayMessage {
  const out: Record<string, unknown> = { ...message };
  const role = String(out['role'] ?? '');
  const exact = role === 'toolResult';
  delete out['details'];
  if (role === 'assistant' && typeof out['usage'] === 'object' && out['usage'] !== null) {
    const usage = out['usage'] as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    for (const key of USAGE_KEYS) if (typeof usage[key] === 'number') kept[key] = usage[key];
    const total = (usage['cost'] as { total?: unknown } | undefined)?.total;
    if (typeof total === 'number') kept['cost'] = { total };
    out['usage'] = kept;
  } else delete out['usage'];
  if (typeof out['content'] === 'string') out['content'] = exact ? out['content'] : truncate(out['content'], maxChars);
  else if (Array.isArray(out['content'])) out['content'] = out['content'].map((block) => displayBlock(block, maxChars, exact));
  return out as DisplayMessage;
}

function isEmptyUserMessage(message: DisplayMessage): boolean {
  if (message.role !== 'user') return false;
  const content = message['content'];
  if (typeof content === 'string') return content.trim() === '';
  return Array.isArray(content) && content.every((block) => (block as { type?: unknown }).type === 'text' && String((block as { text?: unknown }).text ?? '').trim() === '');
}

function placeholder(message: DisplayMessage): DisplayMessage {
  return {
    role: message.role,
    timestamp: typeof message['timestamp'] === 'number' ? message['timestamp'] : Date.now(),
    content: [{ type: 'text', text: CHAT_HISTORY_PLACEHOLDER }],
    __openclaw: { truncated: true, reason: 'oversized' },
  };
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * `chat.history` messages from a session's active transcript path, shaped like OpenClaw's
 * `projectRecentChatDisplayMessages`: each message gets `__openclaw: {id, seq}` (its transcript entry id, and its
 * 1-based position in the transcript file — the message ordinal, since the agent loop writes only message entries),
 * a compaction shows as a `system` "Compaction" message, empty user messages are hidden; then the last `limit` are
 * kept, any single message over 128 KiB becomes a placeholder, and the oldest are dropped until the list fits 6 MiB.
 * `seqOf` gives each entry's position (the caller may have read only the transcript's tail).
 */
export function projectChatHistory(path: readonly TranscriptEntry[], options: { limit: number; maxChars: number; seqOf: (entry: TranscriptEntry) => number }): DisplayMessage[] {
  // Project only from the end: a 100,000-entry path costs `limit` projections.
  const recent: DisplayMessage[] = [];
  for (let index = path.length - 1; index >= 0 && recent.length < options.limit; index--) {
    const entry = path[index] as TranscriptEntry;
    const seq = options.seqOf(entry);
    if (entry.type === 'message') {
      const message = displayMessage(entry.message as unknown as Record<string, unknown>, options.maxChars);
      if (!isEmptyUserMessage(message)) recent.push({ ...message, __openclaw: { id: entry.id, seq } });
    } else if (entry.type === 'compaction') {
      const ts = Date.parse(entry.timestamp);
      recent.push({ role: 'system', content: [{ type: 'text', text: 'Compaction' }], timestamp: Number.isFinite(ts) ? ts : Date.now(), __openclaw: { kind: 'compaction', id: entry.id, seq } });
    }
  }
  recent.reverse();
  const bounded = recent.map((message) => (jsonBytes(message) > CHAT_HISTORY_MAX_MESSAGE_BYTES ? placeholder(message) : message));
  let total = 2 + bounded.reduce((sum, message) => sum + jsonBytes(message) + 1, 0);
  let start = 0;
  while (total > CHAT_HISTORY_MAX_BYTES && start < bounded.length - 1) {
    total -= jsonBytes(bounded[start]) + 1;
    start += 1;
  }
  return bounded.slice(start);
}
