/** Token usage as the provider reported it: the truth for accounting, never an estimate. */
export interface LanguageModelUsage {
  /** Prompt tokens that were NOT read from the cache (OpenClaw's `usage.input`); providers that count cached
   * tokens inside their prompt total subtract them. `totalTokens` = input + output + cacheRead + cacheWrite. */
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  /** Tokens read from the prompt cache (Anthropic `cache_read_input_tokens`, OpenAI `cached_tokens`). */
  cacheReadTokens?: number | undefined;
  /** Tokens written to the prompt cache (Anthropic `cache_creation_input_tokens`). */
  cacheWriteTokens?: number | undefined;
  reasoningTokens?: number | undefined;
  totalTokens?: number | undefined;
}
