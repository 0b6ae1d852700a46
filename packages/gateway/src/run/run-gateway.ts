import { resolve } from 'node:path';
import { loadConfig, resolveConfigPath, resolveStateDir } from '@rusty-claw/core';
import type { ModelApi, ProviderFactory } from '@rusty-claw/core';
import type { Logger, Tool } from '@rusty-claw/plugin-sdk';
import { createGateway } from '../create-gateway.js';
import type { GatewayOptions, GatewayPolicy } from '../gateway-options.js';
import type { ChannelFactories } from '../channels/channel-factory-loader.js';
import type { AgentRunner } from '../router/agent-runner.js';
import type { HttpRoute } from '../http/http-route-table.js';
import type { GatewayWebchatOptions } from '../webchat/webchat-options.js';
import { readOrCreateWebchatToken } from '../webchat/webchat-token-file.js';
import { createStreamLogger, parseLogLevel } from './create-stream-logger.js';
import { formatListenLines, formatWebchatLine, urlHost } from './format-listen-lines.js';
import { GatewayListenError } from './gateway-listen-error.js';
import { resolveBindHost, type GatewayBindMode } from './resolve-bind-host.js';
import { resolveRunAuth, type SecretSource } from './resolve-run-auth.js';

/** Anything with `write(string)`: process.stdout, a test buffer. */
export interface RunOutput {
  write(chunk: string): unknown;
}

/** The flags of `rusty-claw gateway run` / `rusty-claw-gateway`. */
export interface RunGatewayFlags {
  port?: number;
  bind?: GatewayBindMode;
  /** `--host`: the address for `--bind custom` (implies it when `bind` is absent). */
  customBindHost?: string;
  token?: string;
  password?: string;
  /** `--config`: the config file (default RUSTY_CLAW_CONFIG_PATH or `<stateDir>/rusty-claw.json`). */
  config?: string;
  /** `--state-dir` (default RUSTY_CLAW_STATE_DIR or `~/.rusty-claw`). */
  stateDir?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The two listening lines go here (default process.stdout). */
  stdout?: RunOutput;
  /** Config warnings and shutdown notes go here (default process.stderr). */
  stderr?: RunOutput;
  /** Reported in hello-ok and status. */
  version?: string;
  /** Install SIGTERM/SIGINT handlers (default true). In-process tests pass false and call close(). */
  handleSignals?: boolean;
  /** Limits and timers, for tests (the config does not carry them yet). */
  policy?: Partial<GatewayPolicy>;
  /**
   * Provider factories keyed by `models.providers.<id>.api`, injected by the apps (`lazyProviderFactory` keeps each
   * provider package off the start path). The model registry is built from the config with them.
   */
  providers?: Partial<Record<ModelApi, ProviderFactory>>;
  /** Tools every agent run may call. */
  tools?: readonly Tool[];
  /** Channel implementations by name, injected by the apps (see `GatewayOptions.channels`). */
  channels?: ChannelFactories;
  /** The runner of channel turns (default: the gateway's agent runtime); for compositions and tests. */
  agentRunner?: AgentRunner;
  /** Channel reply timing (draft edits, typing); for tests. */
  channelReplies?: GatewayOptions['channelReplies'];
  /** Extra HTTP routes on the gateway's port (the apps mount the web chat page here). */
  httpRoutes?: readonly HttpRoute[];
  /**
   * The web chat's scoped access (see the gateway README "Web chat"). On by default: its token is read from, or
   * generated once into, `<stateDir>/credentials/webchat-token` and the page link is printed at start. `false`
   * turns the scoped web chat token off.
   */
  webchat?: GatewayWebchatOptions | false;
  /**
   * The embedded default web chat page: the apps pass the routes of `@rusty-claw/channels-webchat` here. They are
   * mounted unless the config has a `channels.webchat` block, whose channel mounts them itself.
   */
  webchatPage?: { path: string; routes: () => Promise<readonly HttpRoute[]> };
  /**
   * Registers the config schemas of the named (configured) channels with core before the config is validated
   * for good; the apps pass the channel packages' `register…Config`.
   */
  registerChannelConfigs?: (channelNames: readonly string[]) => Promise<void>;
}

/** A gateway started by `runGateway`. */
export interface RunningGateway {
  host: string;
  port: number;
  /** `ws://HOST:PORT` */
  url: string;
  stateDir: string;
  configPath: string;
  authMode: 'none' | 'token' | 'password';
  /** Where the secret came from (`generated` on the first start without any configured secret). */
  secretSource: SecretSource | 'none';
  /** Settles once the gateway has stopped (after a signal or `close()`). */
  readonly closed: Promise<void>;
  /** Stops accepting, drains in-flight requests, closes sockets. Idempotent. */
  close(reason?: string): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
// After a signal-triggered drain the process should end by itself; this only catches a leaked handle.
const FORCE_EXIT_AFTER_CLOSE_MS = 2000;

/**
 * The composition behind `rusty-claw gateway run` and `rusty-claw-gateway`: state dir and config
 * path, config (a ConfigError is thrown before anything is written), bind address, auth (flag > env
 * > config > a token generated once), listen, print the URL lines, and stop cleanly on SIGTERM/SIGINT.
 * Errors are typed (ConfigError, GatewayOptionsError, GatewayListenError); the caller turns them into messages.
 */
export async function runGateway(flags: RunGatewayFlags = {}): Promise<RunningGateway> {
  const env = flags.env ?? process.env;
  const stdout = flags.stdout ?? process.stdout;
  const stderr = flags.stderr ?? process.stderr;
  const stateDir = flags.stateDir !== undefined ? resolve(flags.stateDir) : resolveStateDir(env);
  const configPath = resolveConfigPath({ stateDir, env, explicit: flags.config });

  let loaded = await loadConfig({ path: configPath, env });
  const configuredChannels = Object.keys((loaded.config as { channels?: Record<string, unknown> }).channels ?? {});
  if (flags.registerChannelConfigs !== undefined && configuredChannels.length > 0) {
    // Now that we know which channels are configured, load their schemas and validate once more with them.
    await flags.registerChannelConfigs(configuredChannels);
    loaded = await loadConfig({ path: configPath, env });
  }
  for (const key of loaded.unsupported) {
    stderr.write(`warning: config key ${key} is an OpenClaw setting Rusty Claw does not support yet; it is ignored\n`);
  }
  for (const warning of loaded.warnings) stderr.write(`warning: ${warning}\n`);

  const gatewayConfig = loaded.config.gateway;
  const bind = resolveBindHost({ bind: flags.bind, customBindHost: flags.customBindHost, config: gatewayConfig });
  const parsedAuth = (loaded.parsed['gateway'] as { auth?: { mode?: unknown } } | undefined)?.auth;
  const runAuth = await resolveRunAuth({
    flags: { token: flags.token, password: flags.password },
    env,
    config: gatewayConfig.auth,
    modeExplicit: parsedAuth?.mode !== undefined,
    stateDir,
    host: bind.host,
  });
  if (runAuth.tokenFileTightened !== undefined) {
    stderr.write(`warning: ${runAuth.tokenFileTightened} was readable by other users; its mode is now 0600\n`);
  }

  const logger = flags.logger ?? createStreamLogger(stderr, parseLogLevel(env['RUSTY_CLAW_LOG_LEVEL']));
  const channelsConfig = (loaded.config as { channels?: Record<string, unknown> }).channels;
  const mountWebchatPage = flags.webchatPage !== undefined && channelsConfig?.['webchat'] === undefined;
  const httpRoutes = [...(flags.httpRoutes ?? []), ...(mountWebchatPage && flags.webchatPage ? await flags.webchatPage.routes() : [])];
  // The web chat token is settled here (not lazily inside the gateway) so the page link can be printed with it.
  const webchat =
    flags.webchat === false ? undefined : { ...flags.webchat, token: flags.webchat?.token ?? (await readOrCreateWebchatToken(stateDir)).token };
  const port = flags.port ?? gatewayConfig.port;
  const gateway = createGateway({
    config: loaded.config,
    configPath,
    stateDir,
    host: bind.host,
    port,
    auth: runAuth.auth,
    logger,
    ...(flags.version !== undefined ? { version: flags.version } : {}),
    ...(flags.policy !== undefined ? { policy: flags.policy } : {}),
    ...(flags.providers !== undefined ? { providers: flags.providers } : {}),
    ...(flags.tools !== undefined ? { tools: flags.tools } : {}),
    ...(flags.channels !== undefined ? { channels: flags.channels } : {}),
    ...(flags.agentRunner !== undefined ? { agentRunner: flags.agentRunner } : {}),
    ...(flags.channelReplies !== undefined ? { channelReplies: flags.channelReplies } : {}),
    ...(httpRoutes.length > 0 ? { httpRoutes } : {}),
    ...(webchat !== undefined ? { webchat } : {}),
  });
  let address: { host: string; port: number };
  try {
    address = await gateway.listen();
  } catch (error) {
    await gateway.close('failed to start').catch(() => undefined);
    throw new GatewayListenError(bind.host, port, error);
  }

  const showToken = runAuth.source === 'generated' || runAuth.source === 'token-file' || runAuth.source === 'flag' ? runAuth.auth.token : undefined;
  // One write, so a reader never sees the first line without the second.
  const lines = formatListenLines({ host: address.host, port: address.port, token: showToken });
  if (webchat !== undefined && flags.webchatPage !== undefined) {
    lines.push(formatWebchatLine({ host: address.host, port: address.port, path: flags.webchatPage.path, token: webchat.token }));
  }
  stdout.write(`${lines.join('\n')}\n`);

  let resolveClosed!: () => void;
  const closed = new Promise<void>((done) => {
    resolveClosed = done;
  });
  let closing: Promise<void> | undefined;
  const removeHandlers = (): void => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  const close = (reason = 'shutdown'): Promise<void> => {
    closing ??= gateway
      .close(reason)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'gateway close failed');
      })
      .finally(() => {
        removeHandlers();
        resolveClosed();
      });
    return closing;
  };
  function onSignal(signal: NodeJS.Signals): void {
    if (closing !== undefined) {
      stderr.write(`received ${signal} again: exiting without waiting for the drain\n`);
      process.exit(1);
    }
    stderr.write(`received ${signal}: draining and stopping the gateway\n`);
    void close(`received ${signal}`).then(() => {
      process.exitCode ??= 0;
      setTimeout(() => process.exit(), FORCE_EXIT_AFTER_CLOSE_MS).unref();
    });
  }
  if (flags.handleSignals !== false) for (const signal of SIGNALS) process.on(signal, onSignal);

  return {
    host: address.host,
    port: address.port,
    url: `ws://${urlHost(address.host)}:${address.port}`,
    stateDir,
    configPath,
    authMode: runAuth.auth.mode,
    secretSource: runAuth.source,
    closed,
    close,
  };
}
