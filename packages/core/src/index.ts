export { resolveStateDir, resolveConfigPath, CONFIG_FILE_NAME, type Env, type ResolveConfigPathOptions } from './state-paths.js';
export {
  RustyClawConfigSchema,
  buildConfigSchema,
  MODEL_APIS,
  type RustyClawConfig,
  type RustyClawConfigInput,
} from './config-schema.js';
export { SecretInputSchema, SecretRefSchema, type SecretRef } from './secret-input.js';
export { BindingSchema, BindingsSchema, DmScopeSchema, type Binding, type RouteBinding, type AcpBinding, type BindingMatch } from './bindings-schema.js';
export { registerChannelConfigSchema, registeredChannelNames, type ChannelConfigSchemaOptions } from './channel-config-registry.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './load-config.js';
export { validateConfig, type ValidateConfigOptions, type ValidatedConfig } from './validate-config.js';
export { writeConfigFile, type WriteConfigOptions, type WrittenConfig } from './write-config-file.js';
export { resolveIncludes, INCLUDE_KEY } from './resolve-includes.js';
export { substituteEnv, envReferences, type EnvSubstitution, type MissingEnvVar } from './env-substitution.js';
export {
  REDACTED_SENTINEL,
  redactConfig,
  redactConfigRaw,
  restoreRedacted,
  isSensitiveKey,
  isSensitivePath,
} from './redact-config.js';
export { applyMergePatch, type MergePatchOptions } from './merge-patch.js';
export { getAtPath, setAtPath, unsetAtPath, parsePath, formatPath, type PathSegment } from './object-path.js';
export { hashConfigRaw } from './hash-config-raw.js';
export { configJsonSchema } from './config-json-schema.js';
export { configUiHints, type ConfigUiHint } from './config-ui-hints.js';
export { OPENCLAW_KNOWN_KEYS } from './openclaw-known-keys.js';

export const VERSION = '0.1.0';

// Agent runtime (issue 4): sessions, models, workspace, agent loop. Node built-ins only at module level, no work at
// import time, so loading config does not pay for any of it.
export { FileSessionStore, type FileSessionStoreOptions } from './session/file-session-store.js';
export { SessionStoreError, type SessionStoreErrorCode } from './session/session-store-error.js';
export { TRANSCRIPT_FORMAT_VERSION, type TranscriptHeader } from './session/transcript-file.js';
export {
  DEFAULT_AGENT_ID,
  DEFAULT_MAIN_KEY,
  DEFAULT_ACCOUNT_ID,
  resolveSessionKey,
  parseSessionKey,
  buildMainSessionKey,
  normalizeAgentId,
  normalizeAccountId,
  isValidAgentId,
  assertAgentId,
  type DmScope,
  type PeerKind,
  type SessionKeyRequest,
  type PeerSessionKeyInput,
  type ParsedSessionKey,
  type SessionKeyKind,
} from './session/session-key.js';
export { parseModelRef, formatModelRef, DEFAULT_MODEL_PROVIDER, type ModelRef } from './models/model-ref.js';
export { ModelError, type ModelErrorCode } from './models/model-error.js';
export { ModelHealth, defaultCooldownMs, type ModelCooldown, type BadProfile } from './models/model-health.js';
export {
  ModelRegistry,
  BUILTIN_PROVIDER_APIS,
  DEFAULT_CONTEXT_WINDOW,
  type ModelApi,
  type ConfiguredModel,
  type ProviderConfig,
  type ProviderFactory,
  type ProviderFactorySettings,
  type ResolvedModel,
  type ModelListEntry,
  type ModelRegistryOptions,
} from './models/model-registry.js';
export {
  BOOTSTRAP_FILE_NAMES,
  DEFAULT_BOOTSTRAP_MAX_CHARS,
  DEFAULT_BOOTSTRAP_TOTAL_MAX_CHARS,
  loadWorkspaceBootstrapFiles,
  buildBootstrapContextFiles,
  type WorkspaceBootstrapFile,
  type BootstrapContextFile,
} from './workspace/bootstrap-files.js';
export { buildAgentSystemPrompt, type AgentSystemPromptOptions } from './workspace/build-agent-system-prompt.js';
export { resolveAgentWorkspaceDir, resolveDefaultAgentId } from './workspace/resolve-agent-workspace.js';
export { runAgent, type RunAgentOptions, type AgentRunResult, type AgentRunStatus } from './agent/run-agent.js';
export { AgentError, chatErrorKind, type AgentErrorCode, type AgentErrorKind, type AgentAttempt } from './agent/agent-error.js';
export type { AgentRunEvent, AgentRunEventBody, AgentRunUsage, FailoverDecision } from './agent/agent-run-event.js';
export { streamWithFailover, type ModelCandidate, type FailoverOutcome } from './agent/stream-with-failover.js';
export { compactSession, DEFAULT_COMPACTION_SETTINGS, type CompactSessionOptions, type CompactSessionResult, type Summarize } from './agent/compact-session.js';
export { SessionRunQueue, type SessionRunQueueOptions } from './agent/session-run-queue.js';
export { buildSessionContext, activePath } from './agent/session-context.js';
export { toLanguageModelPrompt, type ToPromptOptions } from './agent/to-language-model-prompt.js';
export { toolDefinitions } from './agent/tool-definitions.js';
export { estimatePromptTokens, estimateMessageTokens, CHARS_PER_TOKEN } from './agent/estimate-tokens.js';
export { DEFAULT_AGENT_INPUT_LIMITS, type AgentUserInput, type AgentInputLimits } from './agent/build-user-message.js';
export { AgentRuntime, type AgentRuntimeOptions, type AgentSendRequest, type AgentRunHandle } from './agent/agent-runtime.js';
export { SessionInbox, type InboxItem } from './session/session-inbox.js';
export { resolveAgentModelRefs, sessionModelOverride, modelOverridePatch, normalizeThinkingLevel } from './agent/resolve-agent-settings.js';
export { summarizeWithModels } from './agent/summarize-with-models.js';
export { type AgentRuntimeStats } from './agent/agent-runtime.js';
export { FinishedRuns, summarizeRun, type AgentRunSummary, type FinishedRunsLimits } from './agent/finished-runs.js';
export { HistoryCache, type HistoryCacheLimits } from './agent/history-cache.js';
export { type RunHistory } from './agent/run-agent.js';
