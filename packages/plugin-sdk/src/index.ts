// Errors
export { RustyClawError, hasErrorName, type RustyClawErrorOptions } from './errors/rusty-claw-error.js';
export { ConfigError, type ConfigIssue } from './errors/config-error.js';
export { ProtocolError } from './errors/protocol-error.js';
export { LoadSecretError } from './errors/load-secret-error.js';
export { ProviderError, type ProviderErrorKind, type ProviderErrorOptions } from './errors/provider-error.js';
export { ToolError } from './errors/tool-error.js';
export { SessionConflictError } from './errors/session-conflict-error.js';
export { ChannelError } from './errors/channel-error.js';

// Logging
export { type Logger, silentLogger } from './logger/logger.js';

// Providers and models
export type {
  LanguageModel,
  LanguageModelCallOptions,
  LanguageModelStreamResult,
  LanguageModelToolDefinition,
  ThinkingLevel,
} from './provider/language-model.js';
export type {
  LanguageModelPrompt,
  LanguageModelMessage,
  TextPart,
  ImagePart,
  ReasoningPart,
  ToolCallPart,
  ToolResultPart,
} from './provider/language-model-prompt.js';
export type { LanguageModelStreamPart, FinishReason } from './provider/language-model-stream-part.js';
export type { LanguageModelUsage } from './provider/language-model-usage.js';
export type { Provider, ModelInfo } from './provider/provider.js';

// Tools
export { defineTool, type Tool, type ToolContext, type ToolResult } from './tool/tool.js';

// Sessions
export type { SessionStore, SessionRecord, SessionListFilter, SessionStoreCapabilities } from './session/session-store.js';
export type {
  TranscriptEntry,
  TranscriptMessageEntry,
  TranscriptCompactionEntry,
  TranscriptOtherEntry,
  AgentMessage,
  UserMessage,
  AssistantMessage,
  ToolResultMessage,
  MessageContent,
} from './session/transcript-entry.js';

// Channels
export type {
  Channel,
  ChannelCapabilities,
  ChannelContext,
  ChannelFactory,
  ChannelHttpHandler,
  ChannelStatus,
} from './channel/channel.js';
export type { InboundMessage, InboundAttachment } from './channel/inbound-message.js';
export type { OutboundTarget, OutboundMessage, OutboundAttachment, SentMessage } from './channel/outbound-message.js';

export const VERSION = '0.1.0';
