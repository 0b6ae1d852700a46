import type { Logger } from '@rusty-claw/plugin-sdk';

/** Where a command writes: anything with `write(string)` (process.stdout, a test buffer). */
export interface OutputStream {
  write(chunk: string): unknown;
}

/** Where interactive commands read (process.stdin, or a stream in tests). `isTTY` picks REPL vs. piped input. */
export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/**
 * Where Ctrl-C comes from while `agent` streams a reply (process by default; an EventEmitter in tests).
 * A listener replaces Node's default exit, so the command can send `chat.abort` first.
 */
export interface SignalSource {
  on(signal: 'SIGINT', listener: () => void): unknown;
  off(signal: 'SIGINT', listener: () => void): unknown;
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
  /** Default process.stdin (read lazily: only `agent` touches it). */
  stdin?: InputStream;
  /** Default process. */
  signals?: SignalSource;
}

/** The resolved form commands receive. */
export interface CommandContext {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Unset means process.stdin, resolved only by the commands that read it (touching it has side effects). */
  stdin?: InputStream;
  /** Unset means process. */
  signals?: SignalSource;
}

export function resolveCommandContext(deps: CliDeps): CommandContext {
  return {
    stdout: deps.stdout ?? process.stdout,
    stderr: deps.stderr ?? process.stderr,
    env: deps.env ?? process.env,
    version: deps.version,
    ...(deps.stdin !== undefined ? { stdin: deps.stdin } : {}),
    ...(deps.signals !== undefined ? { signals: deps.signals } : {}),
  };
}
