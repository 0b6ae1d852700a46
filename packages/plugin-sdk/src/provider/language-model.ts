import type { LanguageModelPrompt } from './language-model-prompt.js';
import type { LanguageModelStreamPart } from './language-model-stream-part.js';

export type ThinkingLevel = 'off' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export interface LanguageModelToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the tool input (from the tool's zod schema, `io: 'input'`). */
  inputSchema: Record<string, unknown>;
}

export interface LanguageModelCallOptions {
  prompt: LanguageModelPrompt;
  tools?: LanguageModelToolDefinition[];
  toolChoice?: 'auto' | 'none' | 'required' | { type: 'tool'; toolName: string };
  maxOutputTokens?: number;
  temperature?: number;
  thinking?: ThinkingLevel;
  abortSignal?: AbortSignal;
  /** Provider-specific switches, keyed by provider id (e.g. `{ anthropic: { … } }`). */
  providerOptions?: Record<string, Record<string, unknown>>;
  headers?: Record<string, string>;
}

export interface LanguageModelStreamResult {
  stream: ReadableStream<LanguageModelStreamPart>;
  request?: { body?: unknown };
  response?: { headers?: Record<string, string> };
}

/**
 * One model of one provider. There is a single `stream` method: a non-streaming call is a helper that collects.
 * Failures before the stream starts reject with `ProviderError`; failures mid-stream arrive as an `error` part
 * whose `error` is a `ProviderError`.
 */
export interface LanguageModel {
  readonly specificationVersion: 'v1';
  /** Provider id, e.g. `anthropic`, `openai`, `openrouter`. */
  readonly provider: string;
  readonly modelId: string;
  stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult>;
}
