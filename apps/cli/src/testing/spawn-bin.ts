import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Runs a built bin (`dist/main.js`) to completion and collects its output. */
export function runBin(bin: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[] } = {}) {
  assertBuilt(bin);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], { env: options.env ?? {}, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartedBin {
  child: ChildProcess;
  /** Everything printed so far. */
  output: { stdout: string; stderr: string };
  port: number;
  /** Milliseconds from spawn to the `listening on` line. */
  startupMs: number;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string | null>;
}

/** Spawns a gateway bin and resolves once it printed both start-up lines (listening + Control UI). */
export function startBin(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<StartedBin> {
  assertBuilt(bin);
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line within 8 s; stdout: ${output.stdout} stderr: ${output.stderr}`));
    }, 8000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output.stdout += chunk;
      const match = /rusty-claw gateway listening on ws:\/\/[^\s]+:(\d+)\nControl UI: [^\n]+\n/.exec(output.stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output, port: Number(match[1]), startupMs: performance.now() - started, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${String(code)}) before listening; stderr: ${output.stderr}`));
    });
  });
}

function assertBuilt(bin: string): void {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (pnpm build, or ./dev test)`);
}

export function binPath(appRelative: string, base: string): string {
  return fileURLToPath(new URL(appRelative, base));
}
