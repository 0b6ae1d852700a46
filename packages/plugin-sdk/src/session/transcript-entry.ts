/**
 * One line of a session transcript, in OpenClaw's JSONL format (pi-coding-agent `SessionManager`, version 3):
 * every entry has `type`, `id`, `parentId` (a tree) and an ISO `timestamp`, plus type-specific fields. Keeping the
 * format lets OpenClaw's Control UI render our history and OpenClaw sessions load in ours.
 */
export type TranscriptEntry = TranscriptMessageEntry | TranscriptCompactionEntry | TranscriptOtherEntry;

interface TranscriptEntryBase {
  id: string;
  parentId: string | null;
  timestamp: string;
}

export interface TranscriptMessageEntry extends TranscriptEntryBase {
  type: 'message';
  message: AgentMessage;
}

export interface TranscriptCompactionEntry extends TranscriptEntryBase {
  type: 'compaction';
  summary: string;
  firstKeptEntryId: string;
  tokensBefore: number;
  details?: unknown;
}

/** `thinking_level_change`, `model_change`, `custom`, `label`, `session_info`, …: kept verbatim. */
export interface TranscriptOtherEntry extends TranscriptEntryBase {
  type: 'thinking_level_change' | 'model_change' | 'custom' | 'custom_message' | 'label' | 'session_info' | 'branch_summary';
  [field: string]: unknown;
}

export type AgentMessage = UserMessage | AssistantMessage | ToolResultMessage;

export type MessageContent =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'thinking'; thinking: string; thinkingSignature?: string }
  | { type: 'toolCall'; id: string; name: string; arguments: unknown };

export interface UserMessage {
  role: 'user';
  content: string | Array<Extract<MessageContent, { type: 'text' | 'image' }>>;
  timestamp: number;
}

export interface AssistantMessage {
  role: 'assistant';
  content: Array<Extract<MessageContent, { type: 'text' | 'thinking' | 'toolCall' }>>;
  api?: string;
  provider?: string;
  model?: string;
  usage?: {
    input: number;
    output: number;
    cacheRead: number;
    cacheWrite: number;
    totalTokens: number;
    cost?: { input: number; output: number; cacheRead: number; cacheWrite: number; total: number };
  };
  stopReason?: 'stop' | 'length' | 'toolUse' | 'error' | 'aborted';
  errorMessage?: string;
  timestamp: number;
}

export interface ToolResultMessage {
  role: 'toolResult';
  toolCallId: string;
  toolName: string;
  content: Array<Extract<MessageContent, { type: 'text' | 'image' }>>;
  details?: unknown;
  isError: boolean;
  timestamp: number;
}
