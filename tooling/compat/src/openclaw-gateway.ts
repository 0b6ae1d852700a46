// Start a reference OpenClaw gateway (2026.9.6 by default) on loopback with an isolated home, for the
// reverse test (our CLI against their gateway) and the side-by-side benchmark.
import { freePort } from './free-port.ts';
import { GatewayProcess, type GatewayExit } from './gateway-process.ts';
import { createIsolatedHome } from './isolated-home.ts';
import { openClawEntry, type OpenClawVersion } from './paths.ts';
import { waitForHello } from './wait-for-hello.ts';

export interface RunningOpenClawGateway {
  version: OpenClawVersion;
  url: string;
  port: number;
  token: string;
  process: GatewayProcess;
  /** SIGTERM, wait (it drains for a while), remove the temp home. */
  stop(): Promise<GatewayExit>;
}

export interface StartOpenClawOptions {
  token: string;
  version?: OpenClawVersion;
  port?: number;
  /** Wait for a successful handshake (default true); it takes seconds to tens of seconds. */
  waitForReady?: boolean;
  timeoutMs?: number;
  /** Extra environment, applied last. */
  env?: Record<string, string>;
  /** Target of `$TMPDIR/node-compile-cache` (see createIsolatedHome); the bench passes its own to see a cold first start. */
  compileCacheDir?: string | false;
}

/**
 * `openclaw gateway run --port P --token T --bind loopback --allow-unconfigured`, with the embedding
 * switches OpenClaw documents (docs/gateway/embedding.md): no channels, no mDNS, no respawn, no
 * update check. `--port 0` is not supported by it, so a free port is picked first.
 */
export async function startOpenClawGateway(options: StartOpenClawOptions): Promise<RunningOpenClawGateway> {
  const version = options.version ?? 'v4';
  const port = options.port ?? (await freePort());
  const isolated = await createIsolatedHome({
    prefix: `rc-openclaw-gateway-${version}-`,
    env: { OPENCLAW_SKIP_CHANNELS: '1', OPENCLAW_EXEC_SHELL_SNAPSHOT: '0', ...options.env },
    ...(options.compileCacheDir === undefined ? {} : { compileCacheDir: options.compileCacheDir }),
  });
  const child = new GatewayProcess(
    `openclaw ${version} gateway`,
    process.execPath,
    [openClawEntry(version), 'gateway', 'run', '--port', String(port), '--token', options.token, '--bind', 'loopback', '--allow-unconfigured'],
    { env: isolated.env, cwd: isolated.home },
  );
  const url = `ws://127.0.0.1:${port}`;
  const stop = async (): Promise<GatewayExit> => {
    const exit = await child.stop(20_000);
    await isolated.cleanup();
    return exit;
  };
  const running = { version, url, port, token: options.token, process: child, stop };
  if (options.waitForReady === false) return running;
  try {
    const { session } = await waitForHello(
      { url, token: options.token, minProtocol: 4, maxProtocol: 4 },
      { timeoutMs: options.timeoutMs ?? 120_000, intervalMs: 250, isAlive: () => child.running },
    );
    await session.close();
    return running;
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\n${child.describeOutput()}`);
  }
}
