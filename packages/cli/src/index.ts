// Public surface of @rusty-claw/cli: the `rusty-claw` commands as functions, the commander program,
// and `main`. The apps inject `runGateway`; this package never imports the gateway (layers).

export { main, gatewayMain } from './main.js';
export { buildProgram, createProgram, createGatewayProgram, type ProgramState } from './build-program.js';
export {
  resolveCommandContext,
  type CliDeps,
  type CommandContext,
  type OutputStream,
  type InputStream,
  type SignalSource,
  type RunGateway,
  type GatewayRunFlags,
  type RunningGatewayHandle,
} from './cli-deps.js';
export { ExitCodes, EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';
export { CliUsageError } from './cli-usage-error.js';
export { reportError, describeError, type ReportErrorOptions } from './report-error.js';

// Commands as functions (each resolves to an exit code and reports its own errors).
export { gatewayRunCommand, type GatewayRunOptions } from './commands/gateway-run-command.js';
export { gatewayCallCommand, type GatewayCallOptions } from './commands/gateway-call-command.js';
export { healthCommand } from './commands/health-command.js';
export { statusCommand } from './commands/status-command.js';
export { configGetCommand, type ConfigGetOptions } from './commands/config-get-command.js';
export { configSetCommand, type ConfigSetOptions } from './commands/config-set-command.js';
export { configValidateCommand, type ConfigValidateOptions } from './commands/config-validate-command.js';
export { configSchemaCommand } from './commands/config-schema-command.js';
export {
  devicesListCommand,
  devicesResolveCommand,
  devicesRevokeCommand,
  devicesRemoveCommand,
  type DevicesResolveOptions,
  type DevicesRevokeOptions,
  type DevicesRemoveOptions,
} from './commands/devices-commands.js';

// Issue 4: talking to the assistant, sessions and models.
export { agentCommand, THINKING_LEVELS, type AgentOptions } from './commands/agent-command.js';
export { runAgentRepl, REPL_HELP, type AgentReplOptions } from './commands/agent-repl.js';
export { EXIT_INTERRUPTED, InterruptSource, runTurn, reportTurn, turnJson, type TurnResult } from './commands/agent-turn.js';
export { ChatConnection, FALLBACK_MAIN_SESSION_KEY, type ChatTurn, type ChatTurnOptions, type ChatTurnOutcome } from './commands/chat-connection.js';
export {
  sessionsListCommand,
  sessionsShowCommand,
  sessionsResetCommand,
  sessionsDeleteCommand,
  type SessionsListOptions,
  type SessionsShowOptions,
  type SessionsResetOptions,
  type SessionsDeleteOptions,
} from './commands/sessions-commands.js';
export { modelsListCommand, type ModelsListOptions } from './commands/models-command.js';
export { ChatStreamRenderer, type ChatRunOutcome, type ChatStreamRendererOptions } from './render/chat-stream-renderer.js';
export { chatMessageText } from './render/chat-message-text.js';
export { formatSessionList } from './render/format-session-list.js';
export { formatTranscript } from './render/format-transcript.js';
export { formatModelList } from './render/format-model-list.js';
export { formatAgentEvent } from './render/format-agent-event.js';

// Connection and rendering building blocks (used by the compat harness too).
export {
  resolveGatewayConnection,
  DEFAULT_GATEWAY_PORT,
  DEFAULT_TIMEOUT_MS,
  type ConnectionOptions,
  type GatewayConnection,
  type CredentialSource,
} from './connection/resolve-gateway-connection.js';
export { callGateway, type CallGatewayOptions, type GatewayCallResult } from './connection/call-gateway.js';
export { scopesForMethod } from './connection/scopes-for-method.js';
export { isLoopbackUrl } from './connection/is-loopback-url.js';
export { formatHealth, type FormatHealthOptions } from './render/format-health.js';
export { formatStatus, type FormatStatusOptions } from './render/format-status.js';
export { formatDeviceList } from './render/format-devices.js';
export { formatConfigError } from './render/format-config-issues.js';

export const VERSION = '0.1.0';

// Channels and DM pairing (issue 5).
export {
  channelsStatusCommand,
  channelsLoginCommand,
  channelsLogoutCommand,
  type ChannelsStatusOptions,
  type ChannelAccountCommandOptions,
} from './commands/channels-commands.js';
export { pairingListCommand, pairingApproveCommand, type PairingListOptions, type PairingApproveOptions } from './commands/pairing-commands.js';
export { formatChannelsStatus, formatPairingList } from './commands/format-channels-status.js';
