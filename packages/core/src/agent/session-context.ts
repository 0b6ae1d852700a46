import type { AgentMessage, TranscriptCompactionEntry, TranscriptEntry, UserMessage } from '@rusty-claw/plugin-sdk';

// pi-coding-agent's wording, so a summary reads the same whichever runtime wrote it.
export const COMPACTION_SUMMARY_PREFIX = 'The conversation history before this point was compacted into the following summary:\n\n<summary>\n';
export const COMPACTION_SUMMARY_SUFFIX = '\n</summary>';
const BRANCH_SUMMARY_PREFIX = 'The following is a summary of a branch that this conversation came back from:\n\n<summary>\n';
const BRANCH_SUMMARY_SUFFIX = '</summary>';

/** The entries on the path from the root to the last entry (transcripts are trees through `parentId`). */
export function activePath(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  const leaf = entries.at(-1);
  if (!leaf) return [];
  // The usual transcript is one unbranched chain (each entry's parent is the one before it): then the path is the
  // whole array, found without building an id map of every entry (this runs on every model call).
  let linear = true;
  for (let i = 1; linear && i < entries.length; i++) linear = entries[i]?.parentId === entries[i - 1]?.id;
  // The first entry's parent, if any, must be outside the array (e.g. summarized away by a compaction).
  const rootParent = entries[0]?.parentId;
  if (linear && rootParent) linear = !entries.some((entry) => entry.id === rootParent);
  if (linear) return entries.slice();
  const byId = new Map<string, TranscriptEntry>();
  for (const entry of entries) byId.set(entry.id, entry);
  const path: TranscriptEntry[] = [];
  const seen = new Set<string>();
  for (let current: TranscriptEntry | undefined = leaf; current && !seen.has(current.id); current = current.parentId ? byId.get(current.parentId) : undefined) {
    seen.add(current.id);
    path.push(current);
  }
  return path.reverse();
}

/** The active path split at its latest compaction: the summary, and the entries the model still sees verbatim. */
export interface SessionContextEntries {
  compaction: TranscriptCompactionEntry | undefined;
  /** Entries sent verbatim: from `firstKeptEntryId` up to the compaction, then everything after it. */
  entries: TranscriptEntry[];
}

export function sessionContextEntries(entries: readonly TranscriptEntry[]): SessionContextEntries {
  const path = activePath(entries);
  let index = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i]?.type === 'compaction') {
      index = i;
      break;
    }
  }
  if (index === -1) return { compaction: undefined, entries: path };
  const compaction = path[index] as TranscriptCompactionEntry;
  const firstKept = path.findIndex((entry, i) => i < index && entry.id === compaction.firstKeptEntryId);
  const kept = firstKept === -1 ? [] : path.slice(firstKept, index);
  return { compaction, entries: [...kept, ...path.slice(index + 1)] };
}

/**
 * The conversation as the model sees it, following pi-coding-agent's `buildSessionContext`: the latest compaction
 * summary first (as a user message), then the kept and later messages; `custom_message` and `branch_summary`
 * entries become user messages; state entries (`model_change`, `label`, …) are not sent.
 */
export function buildSessionContext(entries: readonly TranscriptEntry[]): AgentMessage[] {
  const context = sessionContextEntries(entries);
  const messages: AgentMessage[] = [];
  if (context.compaction) messages.push(userText(COMPACTION_SUMMARY_PREFIX + context.compaction.summary + COMPACTION_SUMMARY_SUFFIX, context.compaction.timestamp));
  for (const entry of context.entries) {
    const message = entryMessage(entry);
    if (message) messages.push(message);
  }
  return messages;
}

/** The message an entry contributes to the model's context, if any. */
export function entryMessage(entry: TranscriptEntry): AgentMessage | undefined {
  if (entry.type === 'message') return entry.message;
  if (entry.type === 'custom_message') {
    const content = entry['content'];
    if (typeof content === 'string') return userText(content, entry.timestamp);
    if (Array.isArray(content)) return { role: 'user', content: content as UserMessage['content'], timestamp: Date.parse(entry.timestamp) || 0 };
    return undefined;
  }
  if (entry.type === 'branch_summary' && typeof entry['summary'] === 'string' && entry['summary'] !== '') {
    return userText(BRANCH_SUMMARY_PREFIX + entry['summary'] + BRANCH_SUMMARY_SUFFIX, entry.timestamp);
  }
  return undefined;
}

function userText(text: string, timestamp: string): UserMessage {
  return { role: 'user', content: [{ type: 'text', text }], timestamp: Date.parse(timestamp) || 0 };
}
