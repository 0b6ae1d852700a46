// Loopback fake HTTP server (point real SDKs at it)
export { createFakeServer } from './fake-server/create-fake-server.js';
export { formatSseEvent } from './fake-server/format-sse-event.js';
export type {
  FakeServer,
  FakeServerCall,
  FakeRoutes,
  FakeRouteHandler,
  FakeRouteContext,
  FakeResponse,
  FakeJsonResponse,
  FakeSseResponse,
  FakeErrorResponse,
  FakeHangResponse,
  FakeMalformedResponse,
  FakeHeaders,
} from './fake-server/fake-server-types.js';

// Stream helpers
export { collectStreamParts } from './stream/collect-stream-parts.js';
export { findStreamPartProblems } from './stream/find-stream-part-problems.js';

// LanguageModel conformance suite
export { describeLanguageModelContract } from './language-model-contract/describe-language-model-contract.js';
export { runModelCall, withHangGuard, HANG_GUARD_MS, type ModelCallOutcome } from './language-model-contract/run-model-call.js';
export type {
  ContractUsage,
  LanguageModelContractFake,
  LanguageModelContractCapabilities,
  LanguageModelContractContext,
  LanguageModelContractOptions,
} from './language-model-contract/language-model-contract-types.js';

// MockLanguageModel: a scripted fake of the LanguageModel contract (for runtime tests)
export {
  MockLanguageModel,
  type MockLanguageModelOptions,
  type MockStreamScript,
  type MockStreamHandler,
} from './mock-language-model/mock-language-model.js';
export { textStreamParts, toolCallStreamParts, mockResponses } from './mock-language-model/mock-stream-parts.js';

// SessionStore conformance suite + in-memory reference store
export {
  describeSessionStoreContract,
  type SessionStoreFixture,
  type SessionStoreContractContext,
  type SessionStoreContractOptions,
} from './session-store/describe-session-store-contract.js';
export {
  createMemorySessionStore,
  createMemorySessionState,
  type MemorySessionStore,
  type MemorySessionState,
  type MemorySessionStoreOptions,
} from './session-store/memory-session-store.js';
export { sampleTranscriptEntry, variedTranscriptEntries } from './session-store/session-store-fixtures.js';

// Provider fakes: Anthropic
export {
  anthropicStreamChunks,
  anthropicMessageStart,
  anthropicBlockChunks,
  anthropicStreamErrorChunk,
  type AnthropicFakeBlock,
  type AnthropicFakeTurn,
  type AnthropicFakeUsage,
} from './fakes/anthropic-stream-chunks.js';
export { anthropicErrorResponse, anthropicErrors } from './fakes/anthropic-error-response.js';
export { anthropicContractFake } from './fakes/anthropic-contract-fake.js';
export { createAnthropicFakeServer, type AnthropicFakeServer, type AnthropicFakeServerOptions } from './fakes/anthropic-fake-server.js';

// Provider fakes: OpenAI and Gemini (src/fakes/openai-*.ts, src/fakes/gemini-*.ts) are exported below by their author.

export { TestkitError } from './testkit-error.js';

export const VERSION = '0.1.0';

// Provider fakes: OpenAI Chat Completions + Responses (also the shape of OpenRouter and Ollama)
export {
  openaiChatStreamChunks,
  openaiChatChunk,
  openaiChatUsage,
  openaiChatToolCallChunks,
  type OpenAIChatFakeTurn,
  type OpenAIChatFakeToolCall,
  type OpenAIChatFakeUsage,
} from './fakes/openai-chat-stream-chunks.js';
export {
  openaiResponsesStreamEvents,
  openaiResponsesItemEvents,
  openaiResponsesOpening,
  openaiResponseObject,
  openaiResponsesFailedEvent,
  openaiResponsesErrorEvent,
  OpenAIResponsesEventWriter,
  type OpenAIResponsesFakeTurn,
  type OpenAIResponsesFakeItem,
  type OpenAIResponsesFakeUsage,
} from './fakes/openai-responses-stream-events.js';
export { openaiErrorResponse, openaiErrors } from './fakes/openai-error-response.js';
export { openaiChatContractFake, openaiResponsesContractFake } from './fakes/openai-contract-fake.js';
export { createOpenAIFakeServer, type OpenAIFakeServer, type OpenAIFakeServerOptions } from './fakes/openai-fake-server.js';

// Provider fakes: Gemini (streamGenerateContent?alt=sse)
export {
  geminiStreamChunks,
  geminiChunk,
  geminiWireParts,
  geminiUsageMetadata,
  type GeminiFakeTurn,
  type GeminiFakePart,
  type GeminiFakeUsage,
} from './fakes/gemini-stream-chunks.js';
export { geminiErrorResponse, geminiErrors, geminiStreamErrorChunk } from './fakes/gemini-error-response.js';
export { geminiContractFake, geminiStreamRoute } from './fakes/gemini-contract-fake.js';
export { createGeminiFakeServer, type GeminiFakeServer, type GeminiFakeServerOptions } from './fakes/gemini-fake-server.js';

// Channel conformance suite (platform-neutral; each channel package supplies a driver over its fake server)
export { describeChannelContract } from './channel-contract/describe-channel-contract.js';
export { waitUntil } from './channel-contract/wait-until.js';
export type {
  ChannelContractDriver,
  ChannelContractContext,
  ChannelContractOptions,
  ContractChannelOptions,
  ContractFaultKind,
  ContractIds,
  ContractRunningChannel,
  ContractSentMessage,
} from './channel-contract/channel-contract-types.js';
