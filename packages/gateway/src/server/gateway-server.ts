import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { silentLogger } from '@rusty-claw/plugin-sdk';
import { WebSocketServer } from 'ws';
import { AgentRuntime } from '../agent/agent-runtime.js';
import { DEFAULT_AGENT_RUNTIME_POLICY } from '../agent/agent-runtime-policy.js';
import { join } from 'node:path';
import { AuthRateLimiter } from '../auth/auth-rate-limiter.js';
import { buildChannelsStatus, healthChannels } from '../channels/build-channels-status.js';
import { ChannelManager } from '../channels/channel-manager.js';
import { createAgentRuntimeRunner } from '../router/agent-runtime-runner.js';
import { ChannelRouter } from '../router/channel-router.js';
import { InboundJournal } from '../router/inbound-journal.js';
import { ChannelPairingStore } from '../router/pairing/channel-pairing-store.js';
import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import { ConnectionRegistry } from '../events/connection-registry.js';
import { EMITTED_EVENTS } from '../events/gateway-events.js';
import type { Gateway, GatewayOptions } from '../gateway-options.js';
import { buildHealthSummary } from '../health/build-health-summary.js';
import { HealthMonitor } from '../health/health-monitor.js';
import type { MethodDefinition } from '../methods/method-definition.js';
import { GATEWAY_METHODS, advertisedMethodNames } from '../methods/method-table.js';
import { RequestTracker } from '../methods/request-tracker.js';
import { createAsyncLock } from '../pairing/async-lock.js';
import { DeviceStore } from '../pairing/device-store.js';
import { ControlPlaneRateLimiter } from '../policy/control-plane-rate-limiter.js';
import { resolveGatewayPolicy } from '../policy/resolve-gateway-policy.js';
import { PresenceStore } from '../presence/presence-store.js';
import { attachConnection } from './attach-connection.js';
import type { GatewayContext } from './gateway-context.js';
import { createHttpHandler } from './http-handler.js';
import { isLoopbackHost } from './network-locality.js';
import { PACKAGE_VERSION } from '../package-version.js';
import { HttpRouteTable, type HttpRouteHandler, type HttpRouteMethod } from '../http/http-route-table.js';
import { WebchatAccess } from '../webchat/webchat-access.js';

/** How often the cached HealthSummary is rebuilt and published as a `health` event (OpenClaw: 60 s). */
const HEALTH_REFRESH_INTERVAL_MS = 60_000;
/** After `shutdown` and the 1012 close frames, sockets that have not closed within this are cut. */
const SOCKET_CLOSE_GRACE_MS = 1_000;

function checkAuth(options: GatewayOptions, host: string): void {
  const { auth } = options;
  if (auth.mode === 'none') {
    if (!isLoopbackHost(host)) {
      throw new GatewayOptionsError(
        'GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK',
        `auth.mode "none" is only allowed on a loopback address, not ${host}; set a token or password (gateway.auth) to bind elsewhere`,
      );
    }
    return;
  }
  if (auth.mode === 'token' || auth.mode === 'password') {
    const secret = auth.mode === 'token' ? auth.token : auth.password;
    if (!secret?.trim()) {
      throw new GatewayOptionsError('GATEWAY_AUTH_SECRET_MISSING', `auth.mode "${auth.mode}" needs a non-empty auth.${auth.mode}`);
    }
    return;
  }
  throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', `unknown auth.mode ${JSON.stringify((auth as { mode: unknown }).mode)}`);
}

function formatUrl(host: string, port: number): string {
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * One gateway: an HTTP server whose upgrades (any path) become protocol sockets, plus the shared state the
 * handshake and methods use. `bind()` and `startServices()` are separate so tests can observe the window in
 * which the port is open but start-up has not finished (`/readyz` 503, connects answered "gateway starting").
 */
export class GatewayServer implements Gateway {
  readonly ctx: GatewayContext;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly methods: ReadonlyMap<string, MethodDefinition>;
  private readonly host: string;
  private readonly port: number;
  private readyFlag = false;
  private closingFlag = false;
  private closePromise: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private presenceVersion = 0;
  /** Settles once every configured channel account has started or failed (tests wait on it). */
  channelsStarted: Promise<void> = Promise.resolve();

  constructor(options: GatewayOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? options.config.gateway?.port ?? 18_789;
    checkAuth(options, this.host);
    const policy = resolveGatewayPolicy(options.policy, options.config);
    const now = options.now ?? Date.now;
    const logger = options.logger ?? silentLogger;
    const version = options.version ?? PACKAGE_VERSION;
    const connections = new ConnectionRegistry();
    this.methods = new Map(GATEWAY_METHODS.map((method) => [method.name, method]));
    const writeLock = createAsyncLock();
    const httpRoutes = new HttpRouteTable(logger);
    for (const route of options.httpRoutes ?? []) httpRoutes.register(route.method, route.path, route.handler);
    // Channels (issue 5): the router and the channel manager refer to each other (inbound → router, replies →
    // running channels), so the manager is bound after both exist.
    let channels!: ChannelManager;
    const router = new ChannelRouter({
      config: () => ctx.config,
      journal: new InboundJournal({ file: join(options.stateDir, 'channels', 'inbound-journal.jsonl'), now }),
      pairing: new ChannelPairingStore({ stateDir: options.stateDir, now }),
      channels: { get: (channel, accountId) => channels.get(channel, accountId), accountConfig: (channel, accountId) => channels.accountConfig(channel, accountId) },
      logger,
      now,
      ...(options.agentRunner === undefined ? {} : { runner: options.agentRunner }),
      sessionStore: (agentId) => ctx.agents.store(agentId),
      ...options.channelReplies,
    });
    channels = new ChannelManager({
      factories: options.channels ?? {},
      config: () => ctx.config,
      stateDir: options.stateDir,
      registerHttpRoute: (method, path, handler) => httpRoutes.register(method, path, handler),
      onInbound: (message) => router.onInbound(message),
      onAccountStarted: (channel, accountId) => router.accountStarted(channel, accountId),
      logger,
      now,
    });
    const ctx: GatewayContext = {
      auth: { ...options.auth },
      policy,
      version,
      configPath: options.configPath,
      stateDir: options.stateDir,
      logger,
      now,
      startedAtMs: now(),
      host: this.host,
      devices: new DeviceStore({ stateDir: options.stateDir, now }),
      rateLimiter: new AuthRateLimiter(policy.authRateLimit, now),
      presence: new PresenceStore({ version, now }),
      connections,
      health: new HealthMonitor({
        build: () =>
          buildHealthSummary({
            config: ctx.config,
            stateDir: ctx.stateDir,
            now,
            channels: async () => healthChannels(buildChannelsStatus(await channels.views(), { now: now(), activeRuns: (c, a) => router.activeRuns(c, a) })),
          }),
        publish: (summary) => connections.broadcast('health', summary, { stateVersion: ctx.stateVersion() }),
        now,
      }),
      controlPlane: new ControlPlaneRateLimiter(now),
      requests: new RequestTracker(),
      agents: new AgentRuntime({
        stateDir: options.stateDir,
        config: () => ctx.config,
        providers: options.providers ?? {},
        tools: options.tools ?? [],
        policy: { ...DEFAULT_AGENT_RUNTIME_POLICY, ...options.agentRuntime },
        connections,
        logger,
        now,
      }),
      config: options.config,
      methodNames: advertisedMethodNames(GATEWAY_METHODS),
      eventNames: EMITTED_EVENTS,
      withConfigWrite: writeLock,
      httpRoutes,
      channels,
      router,
      webchat: options.webchat ? new WebchatAccess(options.webchat, options.stateDir, options.auth) : undefined,
      isReady: () => this.readyFlag,
      isClosing: () => this.closingFlag,
      stateVersion: () => ({ presence: this.presenceVersion, health: ctx.health.version }),
      publishPresence: () => {
        this.presenceVersion += 1;
        connections.broadcast('presence', { presence: ctx.presence.list() }, { dropIfSlow: true, stateVersion: ctx.stateVersion() });
      },
    };
    this.ctx = ctx;
    // Channel turns run on the same agent runtime as chat.send unless the composition injected another runner.
    if (options.agentRunner === undefined) router.setRunner(createAgentRuntimeRunner(ctx.agents));
    this.wss = new WebSocketServer({
      noServer: true,
      // Before hello-ok only small frames are read; ws refuses a bigger one from its length header (1009)
      // without buffering it. handleConnect raises the limit to policy.maxPayload per socket.
      maxPayload: policy.preauthMaxPayload,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.http = createServer(createHttpHandler({ isReady: () => this.readyFlag, routes: httpRoutes }));
    this.http.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
  }

  get ready(): boolean {
    return this.readyFlag;
  }

  registerHttpRoute(method: HttpRouteMethod, path: string, handler: HttpRouteHandler): () => void {
    return this.ctx.httpRoutes.register(method, path, handler);
  }

  async listen(): Promise<{ host: string; port: number; url: string }> {
    const address = await this.bind();
    await this.startServices();
    return address;
  }

  /** Opens the port. Connects are answered "gateway starting" until `startServices()` finished. */
  async bind(): Promise<{ host: string; port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.http.once('error', onError);
      this.http.listen(this.port, this.host, () => {
        this.http.off('error', onError);
        resolve();
      });
    });
    const { port } = this.http.address() as AddressInfo;
    return { host: this.host, port, url: formatUrl(this.host, port) };
  }

  /** Builds the first health snapshot, checks the device files, starts the timers; then the gateway is ready. */
  async startServices(): Promise<void> {
    if (this.closingFlag) return;
    await this.ctx.health.get();
    // The web chat token is read (or generated once) before the gateway reports ready.
    await this.ctx.webchat?.load();
    await this.ctx.agents.start().catch((error: unknown) => {
      // Reported, not fatal: the journal stays, and the next start tries again.
      this.ctx.logger.error({ error: String(error) }, 'could not restore acknowledged messages');
    });
    await this.ctx.devices.list().catch((error: unknown) => {
      // Reported, not fatal: pairing answers UNAVAILABLE until the file is fixed; shared-secret clients still work.
      this.ctx.logger.error({ error: String(error) }, 'device pairing files are unreadable');
    });
    // Before any channel runs: the journal's seen-set must be loaded to deduplicate redeliveries.
    await this.ctx.router.open();
    const tick = setInterval(() => this.ctx.connections.broadcast('tick', { ts: this.ctx.now() }), this.ctx.policy.tickIntervalMs);
    const health = setInterval(() => {
      this.ctx.health.refresh().catch((error: unknown) => this.ctx.logger.warn({ error: String(error) }, 'health refresh failed'));
    }, HEALTH_REFRESH_INTERVAL_MS);
    for (const timer of [tick, health]) timer.unref();
    this.timers.push(tick, health);
    this.readyFlag = true;
    this.ctx.logger.info({ host: this.host }, 'gateway ready');
    // In the background: a channel SDK loads and connects after the gateway answers, never on its start path.
    this.channelsStarted = this.ctx.channels.startAll().catch((error: unknown) => {
      this.ctx.logger.error({ error: String(error) }, 'starting channels failed');
    });
  }

  /**
   * Stops accepting, tells every client (`shutdown {reason}`), waits for in-flight requests (bounded by
   * `policy.drainTimeoutMs`), closes the sockets with 1012 "service restart" and then the server. Idempotent.
   */
  close(reason = 'gateway stopping'): Promise<void> {
    this.closePromise ??= this.shutdown(reason);
    return this.closePromise;
  }

  private async shutdown(reason: string): Promise<void> {
    this.closingFlag = true;
    this.readyFlag = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    // Channels first, so nothing new comes in; then the turns in progress finish (or resume on the next start).
    await this.channelsStarted;
    await this.ctx.channels.stopAll();
    await this.ctx.router.close(this.ctx.policy.drainTimeoutMs);
    const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.ctx.connections.broadcast('shutdown', { reason: reason.trim() || 'gateway stopping' });
    const drained = await this.ctx.requests.drain(this.ctx.policy.drainTimeoutMs);
    if (!drained) this.ctx.logger.warn({ inFlight: this.ctx.requests.size }, 'closing with requests still in flight');
    // Runs end as aborted (partial replies are kept) while their sockets can still see the chat events.
    await this.ctx.agents.close(this.ctx.policy.drainTimeoutMs);
    const sockets = this.ctx.connections.all();
    await Promise.all(
      sockets.map(
        (connection) =>
          new Promise<void>((resolve) => {
            if (connection.socket.readyState === connection.socket.CLOSED) {
              resolve();
              return;
            }
            const timer = setTimeout(() => connection.socket.terminate(), SOCKET_CLOSE_GRACE_MS);
            connection.socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            connection.close(1012, 'service restart');
          }),
      ),
    );
    this.http.closeAllConnections();
    await httpClosed;
    this.ctx.logger.info({ reason }, 'gateway closed');
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.closingFlag) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      if (this.closingFlag) {
        ws.close(1012, 'service restart');
        return;
      }
      attachConnection({ ctx: this.ctx, socket: ws, request, methods: this.methods });
    });
  }
}
