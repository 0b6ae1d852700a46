// Public surface of @rusty-claw/gateway. Every export is deliberate.

export { createGateway } from './create-gateway.js';
export type { Gateway, GatewayOptions, GatewayPolicy, ResolvedAuth, AuthRateLimitPolicy } from './gateway-options.js';
export { DEFAULT_GATEWAY_POLICY } from './policy/default-gateway-policy.js';
export { GatewayOptionsError, type GatewayOptionsErrorCode } from './errors/gateway-options-error.js';
export { DeviceStoreError } from './errors/device-store-error.js';
export { PACKAGE_VERSION as VERSION } from './package-version.js';

// The composition behind `rusty-claw gateway run` / `rusty-claw-gateway` (src/run/, owned by the CLI work).
export { runGateway, type RunGatewayFlags, type RunningGateway, type RunOutput } from './run/run-gateway.js';
export { gatewayTokenFile } from './run/gateway-token-file.js';
export { lazyProviderFactory } from './run/lazy-provider-factory.js';
export type { AgentRuntimePolicy } from './agent/agent-runtime-policy.js';
export { DEFAULT_AGENT_RUNTIME_POLICY } from './agent/agent-runtime-policy.js';
export { GatewayListenError, type GatewayListenErrorCode } from './run/gateway-listen-error.js';

// HTTP routes on the gateway port and the web chat's scoped access (src/http/, src/webchat/).
export { HttpRouteError, type HttpRouteErrorCode } from './http/http-route-error.js';
export type { HttpRoute, HttpRouteHandler, HttpRouteMethod } from './http/http-route-table.js';
export type { GatewayWebchatOptions } from './webchat/webchat-options.js';
export { readOrCreateWebchatToken, webchatTokenFile } from './webchat/webchat-token-file.js';

// Chat channels (issue 5): factories injected by the apps, the agent-runner seam of the router, typed errors.
export type { ChannelFactories, ChannelFactoryLoader } from './channels/channel-factory-loader.js';
export type { AgentRunner, AgentRunnerCallOptions, AgentRunOutcome, RoutedInbound } from './router/agent-runner.js';
export { createCoreAgentRunner, type CoreAgentRunnerOptions } from './router/create-core-agent-runner.js';
export { ChannelPairingError, type ChannelPairingErrorCode } from './router/pairing/channel-pairing-error.js';
