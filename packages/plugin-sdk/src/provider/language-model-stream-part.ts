import type { LanguageModelUsage } from './language-model-usage.js';

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/**
 * What `LanguageModel.stream()` yields, named noun-verb as in the AI SDK. Blocks open with `*-start`, grow by
 * `*-delta` and close with `*-end`; a complete `tool-call` follows its `tool-input-*` parts; `finish` comes last.
 */
export type LanguageModelStreamPart =
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  /** `signature` / `redactedData` must be kept and replayed in the next prompt (extended thinking). */
  | { type: 'reasoning-end'; id: string; signature?: string; redactedData?: string }
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }
  | { type: 'response-metadata'; id?: string; modelId?: string }
  | { type: 'finish'; finishReason: FinishReason; usage: LanguageModelUsage }
  | { type: 'error'; error: unknown };
