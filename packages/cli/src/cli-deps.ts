import type { Logger } from '@rusty-claw/plugin-sdk';

/** Where a command writes: anything with `write(string)` (process.stdout, a test buffer). */
export interface OutputStream {
  write(chunk: string): unknown;
}

/** The flags of `gateway run`, as `runGateway` (from `@rusty-claw/gateway`) receives them. */
export interface GatewayRunFlags {
  port?: number;
  bind?: 'loopback' | 'lan' | 'custom';
  customBindHost?: string;
  token?: string;
  password?: string;
  config?: string;
  stateDir?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  stdout?: OutputStream;
  stderr?: OutputStream;
  /** Reported by the gateway in hello-ok and status. */
  version?: string;
}

/** What `runGateway` resolves to once the gateway listens. `closed` settles after a signal or `close()`. */
export interface RunningGatewayHandle {
  readonly url: string;
  readonly closed: Promise<void>;
  close(reason?: string): Promise<void>;
}

/**
 * Starts a gateway. Injected by the apps (the cli package must not import the gateway package:
 * layers), so `rusty-claw health` never loads the server.
 */
export type RunGateway = (flags: GatewayRunFlags) => Promise<RunningGatewayHandle>;

/** Everything a command needs from the outside world; the apps pass process.* and tests pass buffers. */
export interface CliDeps {
  runGateway: RunGateway;
  /** Printed by `--version` and sent as `client.version` on connect. */
  version: string;
  stdout?: OutputStream;
  stderr?: OutputStream;
  env?: NodeJS.ProcessEnv;
}

/** The resolved form commands receive. */
export interface CommandContext {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  version: string;
}

export function resolveCommandContext(deps: CliDeps): CommandContext {
  return {
    stdout: deps.stdout ?? process.stdout,
    stderr: deps.stderr ?? process.stderr,
    env: deps.env ?? process.env,
    version: deps.version,
  };
}
