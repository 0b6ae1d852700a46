import type { ModelApi, ProviderFactory, RustyClawConfig } from '@rusty-claw/core';
import type { Logger, Tool } from '@rusty-claw/plugin-sdk';
import type { AgentRuntimePolicy } from './agent/agent-runtime-policy.js';
import type { HttpRoute, HttpRouteHandler, HttpRouteMethod } from './http/http-route-table.js';
import type { GatewayWebchatOptions } from './webchat/webchat-options.js';
import type { ChannelFactories } from './channels/channel-factory-loader.js';
import type { AgentRunner } from './router/agent-runner.js';

/** How clients prove they may use the gateway. `none` is only accepted on a loopback bind. */
export interface ResolvedAuth {
  mode: 'none' | 'token' | 'password';
  token?: string;
  password?: string;
}

/** Per-IP limits for failed shared-secret / device-token attempts (OpenClaw's `gateway.auth.rateLimit`). */
export interface AuthRateLimitPolicy {
  /** Failures allowed inside `windowMs` before the IP is locked out. */
  maxAttempts: number;
  windowMs: number;
  /** How long a locked-out IP is refused with `AUTH_RATE_LIMITED`. */
  lockoutMs: number;
  /**
   * Never throttle 127.0.0.1 / ::1, so a local CLI is never locked out. The config's
   * `gateway.auth.rateLimit.exemptLoopback` defaults to true (as in OpenClaw); without a config value it is off.
   */
  exemptLoopback?: boolean;
}

/** Limits and timers of one gateway. Every field has a default (see `DEFAULT_GATEWAY_POLICY`). */
export interface GatewayPolicy {
  /** Largest inbound frame after `hello-ok` (advertised as `policy.maxPayload`). */
  maxPayload: number;
  /** Outbound bytes a socket may have queued before it counts as a slow consumer. */
  maxBufferedBytes: number;
  /** Interval of the `tick` event (advertised as `policy.tickIntervalMs`). */
  tickIntervalMs: number;
  /** Time a socket has to complete `connect` before it is closed (1000). */
  handshakeTimeoutMs: number;
  /** Largest inbound frame before `hello-ok`; bigger frames close the socket with 1009 unread. */
  preauthMaxPayload: number;
  /** Requests one socket may have in flight; more are answered `UNAVAILABLE` (retryable). */
  maxInFlightPerSocket: number;
  authRateLimit: AuthRateLimitPolicy;
  /** WebSocket-level ping interval after `hello-ok` (OpenClaw: 25 s). An addition to the contract for tests. */
  pingIntervalMs: number;
  /** Longest `close()` waits for in-flight requests before closing sockets. */
  drainTimeoutMs: number;
}

/** Options of `createGateway`. */
export interface GatewayOptions {
  /** The validated config (defaults applied). Methods re-read the file at `configPath` when they need the raw text. */
  config: RustyClawConfig;
  /** Absolute path of the config file (it may not exist yet). */
  configPath: string;
  /** State directory: `devices/`, `agents/`, … live under it. */
  stateDir: string;
  /** Bind address; default `127.0.0.1`. */
  host?: string;
  /** Port; default `gateway.port` from the config or 18789. `0` picks a free port. */
  port?: number;
  auth: ResolvedAuth;
  /** Version reported in `hello-ok.server.version`, presence and `status`. */
  version?: string;
  logger?: Logger;
  /** Wins over the config's `gateway.auth.rateLimit` / `gateway.handshakeTimeoutMs`, which win over the defaults. */
  policy?: Partial<GatewayPolicy>;
  /** Clock (ms since epoch); injectable for tests of signature expiry and rate limits. */
  now?: () => number;
  /** HTTP routes to mount on the gateway port from the start (e.g. the web chat page and widget). */
  httpRoutes?: readonly HttpRoute[];
  /** Enables web chat sockets: a scoped token bound to one visitor session (see README "Web chat"). */
  webchat?: GatewayWebchatOptions;
  /**
   * Provider factories keyed by `models.providers.<id>.api` (`anthropic-messages`, `openai-completions`, …). The
   * composition root (apps) injects them, so this package never imports a provider SDK. Without a factory for a
   * model's api, runs on that model are refused with a message naming the missing api.
   */
  providers?: Partial<Record<ModelApi, ProviderFactory>>;
  /** Tools every agent run may call. */
  tools?: readonly Tool[];
  /** Agent runtime limits and timers (run timeout, queue depth, delta throttle, dedupe TTL, …). */
  agentRuntime?: Partial<AgentRuntimePolicy>;
  /**
   * Channel implementations by name (`telegram`, `discord`, …), injected by the composition root so the gateway
   * never depends on a channel package; each is loaded the first time a configured account of it starts.
   */
  channels?: ChannelFactories;
  /**
   * Runs the agent for routed channel messages. Default: the gateway's own agent runtime (the one `chat.send`
   * uses), so channel turns show up to operator clients like any other run.
   */
  agentRunner?: AgentRunner;
  /** Timing of channel replies (streamed draft edits, typing refresh, send retries); for tests. */
  channelReplies?: { draftIntervalMs?: number; typingIntervalMs?: number; sendRetryDelayMs?: number };
}

/** A created gateway. `listen()` binds the port; `close()` drains and stops it. */
export interface Gateway {
  listen(): Promise<{ host: string; port: number; url: string }>;
  close(reason?: string): Promise<void>;
  /** True once start-up finished (what `/readyz` reports). */
  readonly ready: boolean;
  /**
   * Mounts an exact-path HTTP route on the gateway port (what a channel's `registerHttpRoute` maps to).
   * Throws `HttpRouteError` for an invalid, reserved or taken path. Returns the function that unmounts it.
   */
  registerHttpRoute(method: HttpRouteMethod, path: string, handler: HttpRouteHandler): () => void;
}
