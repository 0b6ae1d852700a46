import type { LanguageModel } from '@rusty-claw/plugin-sdk';
import type { FakeResponse, FakeServer } from '../fake-server/fake-server-types.js';

/**
 * Usage in the normalized form the suite expects back on `finish`. Convention (OpenClaw's `usage.input`):
 * `inputTokens` counts the *uncached* prompt tokens only; cache reads and writes are reported apart, and
 * `totalTokens` (when given) is input + output + cacheRead + cacheWrite. A provider whose wire format counts cached
 * tokens inside its prompt total (OpenAI `prompt_tokens`, Gemini `promptTokenCount`) adds them when it encodes the
 * scenario, and its model subtracts them when it maps the response.
 */
export interface ContractUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Builders of the provider's wire-format responses, one per scenario. They live with the provider's fake. */
export interface LanguageModelContractFake {
  /** The route key the model calls, e.g. `"POST /v1/messages"`. */
  route: string;
  /** A complete text answer streamed as these deltas, stop reason "end of turn", with this usage. */
  text(input: { deltas: string[]; usage: ContractUsage }): FakeResponse;
  /** A tool call whose JSON arguments arrive as `inputChunks` (concatenated they are valid JSON). */
  toolCall(input: { toolCallId: string; toolName: string; inputChunks: string[]; usage: ContractUsage }): FakeResponse;
  /** Thinking (with `signature` where the wire has one), then a text answer. Omit when the provider has none. */
  reasoning?(input: { reasoningDeltas: string[]; signature: string; text: string; usage: ContractUsage }): FakeResponse;
  /** The start of a text answer, then the response stays open (`holdOpen: true`): the suite aborts it. */
  partialText(input: { deltas: string[] }): FakeResponse;
  /** The start of a text answer, then the connection is cut (`cutAfter`). */
  cutStream(input: { deltas: string[] }): FakeResponse;
  /** A 200 event stream whose data cannot be parsed. */
  malformed(): FakeResponse;
  /** An error reported inside a 200 stream meaning "overloaded" (Anthropic `event: error`). Omit if none. */
  streamError?(): FakeResponse;
  /** HTTP 400: the prompt is longer than the context window. */
  contextLength(): FakeResponse;
  /** HTTP 401: bad credentials. */
  auth(): FakeResponse;
  /** HTTP 429 with a `retry-after` header of this many seconds. */
  rateLimit(input: { retryAfterSeconds: number }): FakeResponse;
  /** HTTP 500. */
  serverError(): FakeResponse;
  /** The provider's overload signal (Anthropic 529 `overloaded_error`, OpenAI/Gemini 503). */
  overloaded(): FakeResponse;
}

export interface LanguageModelContractCapabilities {
  /** Streams reasoning/thinking blocks (needs `fake.reasoning`). Default: `fake.reasoning !== undefined`. */
  reasoning?: boolean;
  /** Reasoning blocks end with a signature to replay (Anthropic). Default false. */
  reasoningSignature?: boolean;
  /** Reports cache-read tokens. Default true. */
  cacheReadTokens?: boolean;
  /** Reports cache-write tokens (Anthropic `cache_creation_input_tokens`). Default false. */
  cacheWriteTokens?: boolean;
  /** Tool call ids come from the wire (false for Gemini, which the model then invents). Default true. */
  toolCallIds?: boolean;
}

export interface LanguageModelContractContext {
  /** The suite's fake server (started in `beforeAll`, reset before each test). */
  readonly server: FakeServer;
  readonly baseUrl: string;
  /** A model pointed at the fake server. */
  makeModel(): LanguageModel;
}

export interface LanguageModelContractOptions {
  /** Shown in the suite title, e.g. `anthropic`. */
  name: string;
  /** Builds the model under test with its SDK pointed at `baseUrl` (and SDK retries off). */
  makeModel(baseUrl: string): LanguageModel;
  fake: LanguageModelContractFake;
  capabilities?: LanguageModelContractCapabilities;
  /** Extra provider-specific tests, registered inside the suite's `describe` with access to its server. */
  additionalTests?(context: LanguageModelContractContext): void;
}
