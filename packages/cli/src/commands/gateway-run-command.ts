import type { CommandContext, GatewayRunFlags, RunGateway } from '../cli-deps.js';
import { ExitCodes } from '../exit-codes.js';
import { reportError } from '../report-error.js';

/** `gateway run` as commander parses it (also the root options of `rusty-claw-gateway`). */
export interface GatewayRunOptions {
  port?: number;
  bind?: 'loopback' | 'lan' | 'custom';
  host?: string;
  token?: string;
  password?: string;
  config?: string;
  stateDir?: string;
}

/**
 * Starts the gateway through the injected `runGateway` and resolves when it has stopped (after
 * SIGTERM/SIGINT): exit 0 then; exit 1 when it refused to start (invalid config, insecure bind).
 */
export async function gatewayRunCommand(options: GatewayRunOptions, context: CommandContext, runGateway: RunGateway): Promise<number> {
  const flags: GatewayRunFlags = { env: context.env, stdout: context.stdout, stderr: context.stderr, version: context.version };
  if (options.port !== undefined) flags.port = options.port;
  // `--host` alone means "bind to this address", i.e. `--bind custom`.
  const bind = options.bind ?? (options.host !== undefined ? 'custom' : undefined);
  if (bind !== undefined) flags.bind = bind;
  if (options.host !== undefined) flags.customBindHost = options.host;
  if (options.token !== undefined) flags.token = options.token;
  if (options.password !== undefined) flags.password = options.password;
  if (options.config !== undefined) flags.config = options.config;
  if (options.stateDir !== undefined) flags.stateDir = options.stateDir;
  try {
    const running = await runGateway(flags);
    await running.closed;
    return ExitCodes.ok;
  } catch (error) {
    return reportError(error, context);
  }
}
