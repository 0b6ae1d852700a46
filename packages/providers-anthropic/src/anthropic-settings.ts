/** Settings of `createAnthropic`. Every field is optional; secrets fall back to the environment lazily. */
export interface AnthropicProviderSettings {
  /**
   * API key (`sk-ant-api…`). Default: `ANTHROPIC_API_KEY`, read at the first call, not at creation. Mutually
   * exclusive with `authToken`.
   */
  apiKey?: string;
  /** OAuth-style bearer token, sent as `Authorization: Bearer`. Default: `ANTHROPIC_AUTH_TOKEN` when no key is set. */
  authToken?: string;
  /** API root without `/v1`. Default: `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`. */
  baseURL?: string;
  /** Extra headers on every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /** Custom fetch (proxies, tests). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /**
   * Timeout in ms until the response starts (the SDK arms it around `fetch` only). Default: 600 000, the SDK's.
   * The whole streamed answer is bounded by the caller's `abortSignal`, which the agent runtime owns.
   */
  timeoutMs?: number;
  /** SDK-level retries. Default 0: failover between candidates is the agent runtime's job, not the SDK's. */
  maxRetries?: number;
  /** Provider id used in `LanguageModel.provider` and errors. Default `anthropic`. */
  id?: string;
  /** Environment to read fallbacks from. Default `process.env` (injectable for tests). */
  env?: Record<string, string | undefined>;
}
