// Spawn → hello-ok and idle RSS for one gateway start: spawn the process, poll-connect a client that
// does the handshake as soon as the port accepts, time to hello-ok; then stay connected and idle for
// a while and sum VmRSS over the gateway's process tree.
import { freePort } from '../free-port.ts';
import type { GatewayExit, GatewayProcess } from '../gateway-process.ts';
import { startOpenClawGateway } from '../openclaw-gateway.ts';
import { processTreeRss } from '../process-tree.ts';
import { startRustyClawGateway } from '../rusty-claw-gateway.ts';
import { waitForHello } from '../wait-for-hello.ts';

export type GatewayKind = 'rusty-claw' | 'openclaw-v4';

export interface StartSample {
  helloMs: number;
  idleRssBytes: number;
  processes: number;
  exit: GatewayExit;
}

export interface StartOptions {
  idleMs: number;
  helloTimeoutMs: number;
  /**
   * OpenClaw's compile cache for this bench: fresh per bench, shared by its runs, so run 1 is cold and the
   * later ones are warm, as on a real host whose /tmp persists.
   */
  openClawCompileCacheDir: string;
}

const TOKEN = 'bench-token-0123456789abcdef';

export async function measureStart(kind: GatewayKind, options: StartOptions): Promise<StartSample> {
  const port = await freePort();
  // Both are started the same way: a fixed free port, no waiting for log lines; the clock starts at spawn.
  const started =
    kind === 'rusty-claw'
      ? await startRustyClawGateway({ token: TOKEN, port, waitForListening: false })
      : await startOpenClawGateway({
          token: TOKEN,
          port,
          waitForReady: false,
          compileCacheDir: options.openClawCompileCacheDir,
        });
  const gateway: GatewayProcess = started.process;
  try {
    const { session, helloAt } = await waitForHello(
      { url: `ws://127.0.0.1:${port}`, token: TOKEN, minProtocol: 4, maxProtocol: 4, scopes: ['operator.read'] },
      { timeoutMs: options.helloTimeoutMs, intervalMs: 5, isAlive: () => gateway.running },
    );
    const helloMs = helloAt - gateway.spawnedAt;
    await new Promise((resolve) => setTimeout(resolve, options.idleMs));
    const memory = processTreeRss(gateway.pid);
    await session.close();
    const exit = await started.stop();
    return { helloMs, idleRssBytes: memory.rssBytes, processes: memory.pids.length, exit };
  } catch (error) {
    await started.stop();
    throw error;
  }
}
