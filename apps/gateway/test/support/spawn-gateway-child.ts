import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const hooks = fileURLToPath(new URL('./ts-source-hooks.mjs', import.meta.url));
const child = fileURLToPath(new URL('./channels-gateway-child.ts', import.meta.url));

export interface GatewayChild {
  process: ChildProcessByStdio<null, Readable, Readable>;
  port: number;
  url: string;
  stderr(): string;
  /** SIGKILL (kill -9): no shutdown code runs. */
  kill9(): Promise<void>;
}

/** Spawns the gateway child on the sources and resolves once it printed its listening line. */
export async function spawnGatewayChild(stateDir: string, token: string, timeoutMs = 15_000): Promise<GatewayChild> {
  const proc = spawn(process.execPath, ['--no-warnings', '--experimental-transform-types', '--conditions=@rusty-claw/source', '--import', hooks, child, stateDir, token], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', HOME: stateDir },
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway child did not listen in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    const check = (): void => {
      const match = /listening on ws:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    };
    proc.stdout.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway child exited (${String(code)}): ${stderr}`));
    });
  });
  return {
    process: proc,
    port,
    url: `ws://127.0.0.1:${port}`,
    stderr: () => stderr,
    async kill9() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await exited;
    },
  };
}
