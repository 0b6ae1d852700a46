import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const hooks = fileURLToPath(new URL('./ts-source-hooks.mjs', import.meta.url));

export type TsChild = ChildProcessByStdio<null, Readable, Readable>;

/** Spawns `node <script> ...args` on the TypeScript sources (see ts-source-hooks.mjs). */
export function spawnTsChild(script: string, args: string[]): TsChild {
  return spawn(process.execPath, ['--no-warnings', '--conditions=@rusty-claw/source', '--import', hooks, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects the child's stdout lines; resolves `waitFor` once `predicate` holds for the lines so far. */
export function lineCollector(child: TsChild): { lines: string[]; stderr: () => string; waitFor(predicate: (lines: string[]) => boolean, timeoutMs?: number): Promise<void> } {
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const waiter of waiters) waiter();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return {
    lines,
    stderr: () => stderr,
    waitFor(predicate, timeoutMs = 8000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate(lines)) return;
          cleanup();
          resolve();
        };
        const onExit = (code: number | null): void => {
          cleanup();
          reject(new Error(`child exited (${String(code)}) before the expected output; stderr: ${stderr}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`child output did not arrive in ${timeoutMs} ms; lines: ${lines.length}, stderr: ${stderr}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.on('exit', onExit);
        check();
      });
    },
  };
}

/** SIGKILL (kill -9) and wait for the exit. */
export async function killHard(child: TsChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
