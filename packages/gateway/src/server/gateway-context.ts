import type { RustyClawConfig } from '@rusty-claw/core';
import type { Logger } from '@rusty-claw/plugin-sdk';
import type { StateVersion } from '@rusty-claw/protocol';
import type { AgentRuntime } from '../agent/agent-runtime.js';
import type { AuthRateLimiter } from '../auth/auth-rate-limiter.js';
import type { ChannelManager } from '../channels/channel-manager.js';
import type { ChannelRouter } from '../router/channel-router.js';
import type { ConnectionRegistry } from '../events/connection-registry.js';
import type { GatewayPolicy, ResolvedAuth } from '../gateway-options.js';
import type { HealthMonitor } from '../health/health-monitor.js';
import type { DeviceStore } from '../pairing/device-store.js';
import type { RequestTracker } from '../methods/request-tracker.js';
import type { ControlPlaneRateLimiter } from '../policy/control-plane-rate-limiter.js';
import type { PresenceStore } from '../presence/presence-store.js';
import type { HttpRouteTable } from '../http/http-route-table.js';
import type { WebchatAccess } from '../webchat/webchat-access.js';

/**
 * What the handshake and the method handlers share about one running gateway. One instance per
 * `createGateway`, no module-level state: two gateways in one process never see each other.
 */
export interface GatewayContext {
  readonly auth: ResolvedAuth;
  readonly policy: GatewayPolicy;
  readonly version: string;
  readonly configPath: string;
  readonly stateDir: string;
  readonly logger: Logger;
  readonly now: () => number;
  readonly startedAtMs: number;
  /** Bind host, used to decide whether `auth.mode: none` is acceptable (loopback only). */
  readonly host: string;
  readonly devices: DeviceStore;
  readonly rateLimiter: AuthRateLimiter;
  readonly presence: PresenceStore;
  readonly connections: ConnectionRegistry;
  readonly health: HealthMonitor;
  readonly controlPlane: ControlPlaneRateLimiter;
  /** Requests being handled on any socket (drained by `close()`). */
  readonly requests: RequestTracker;
  /** The config in force; replaced after a successful `config.set`/`config.patch`. */
  config: RustyClawConfig;
  /** Method names answered by this gateway (hello-ok `features.methods`). */
  readonly methodNames: readonly string[];
  /** Sessions, models and agent runs (chat.*, agent, sessions.*, models.list). */
  readonly agents: AgentRuntime;
  /** Event names this gateway emits (hello-ok `features.events`). */
  readonly eventNames: readonly string[];
  /** HTTP routes mounted on the gateway port (web chat, channel webhooks). */
  readonly httpRoutes: HttpRouteTable;
  /** The web chat's scoped token and settings; undefined unless `options.webchat` was given. */
  readonly webchat: WebchatAccess | undefined;
  /** Chat channel accounts (start/stop/status). */
  readonly channels: ChannelManager;
  /** Inbound channel messages → access control → agent → reply; also owns DM pairing. */
  readonly router: ChannelRouter;
  /** Serialises config writes, so two clients holding the same `baseHash` cannot both write. */
  withConfigWrite<T>(task: () => Promise<T>): Promise<T>;
  isReady(): boolean;
  /** True once `close()` started: new requests are refused while in-flight ones drain. */
  isClosing(): boolean;
  stateVersion(): StateVersion;
  /** Bumps `stateVersion.presence` and broadcasts the presence list (`presence` event, drop if slow). */
  publishPresence(): void;
}
