// Start our gateway the way an operator does: the built `rusty-claw gateway run` bin, in a child process.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayProcess, type GatewayExit } from './gateway-process.ts';
import { assertBuilt, rustyClawCliMain } from './paths.ts';

/** The one line `runGateway` prints once it is listening (foundation-contracts.md). */
export const LISTENING_LINE = /^rusty-claw gateway listening on (ws:\/\/(\[[^\]]+\]|[^\s:/]+):(\d+))\s*$/;

export interface RunningGateway {
  url: string;
  host: string;
  port: number;
  token: string;
  stateDir: string;
  /** `<stateDir>/rusty-claw.json`, the default config path (it exists only when `config` was given). */
  configPath: string;
  process: GatewayProcess;
  /** SIGTERM, wait for exit, remove the temp state dir. */
  stop(): Promise<GatewayExit>;
}

export interface StartRustyClawOptions {
  token: string;
  /** Defaults to 0 (any free port); the bench passes a fixed port to poll-connect before the line appears. */
  port?: number;
  extraArgs?: readonly string[];
  env?: Record<string, string>;
  /** Time to wait for the listening line (default 15 s). */
  timeoutMs?: number;
  /** Written to `<stateDir>/rusty-claw.json` (mode 0600) before the gateway starts. */
  config?: Record<string, unknown>;
  /** Resolve right after spawn, without waiting for the listening line (for the bench). */
  waitForListening?: boolean;
}

export async function startRustyClawGateway(options: StartRustyClawOptions): Promise<RunningGateway> {
  assertBuilt();
  const root = await mkdtemp(join(tmpdir(), 'rc-compat-gateway-'));
  const stateDir = join(root, 'state');
  const configPath = join(stateDir, 'rusty-claw.json');
  if (options.config) {
    await mkdir(stateDir, { mode: 0o700 });
    await writeFile(configPath, `${JSON.stringify(options.config, null, 2)}\n`, { mode: 0o600 });
  }
  const port = options.port ?? 0;
  const child = new GatewayProcess(
    'rusty-claw gateway',
    process.execPath,
    [rustyClawCliMain, 'gateway', 'run', '--port', String(port), '--token', options.token, '--state-dir', stateDir, ...(options.extraArgs ?? [])],
    {
      cwd: root,
      // A clean environment: no inherited RUSTY_CLAW_* / OPENCLAW_* token or config path.
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: root, TMPDIR: root, LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env },
    },
  );
  const cleanup = async (): Promise<GatewayExit> => {
    const exit = await child.stop();
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
    return exit;
  };
  if (options.waitForListening === false) {
    return { url: `ws://127.0.0.1:${port}`, host: '127.0.0.1', port, token: options.token, stateDir, configPath, process: child, stop: cleanup };
  }
  try {
    const match = await child.waitForLine(LISTENING_LINE, options.timeoutMs ?? 15_000);
    const [, url = '', host = '', portText = ''] = match;
    return { url, host, port: Number(portText), token: options.token, stateDir, configPath, process: child, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
