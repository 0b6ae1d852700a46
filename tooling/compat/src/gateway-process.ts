// A long-running gateway child (ours or OpenClaw's) with captured output and a clean, bounded stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { signalGroup } from './run-process.ts';

export interface GatewayExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when SIGTERM was not enough and the group had to be SIGKILLed. */
  killed: boolean;
  /** Time from SIGTERM to exit. */
  stopMs: number;
}

export class GatewayProcess {
  readonly label: string;
  readonly child: ChildProcess;
  readonly spawnedAt: number;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly lineListeners = new Set<(line: string) => void>();
  private pending = '';

  constructor(label: string, command: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string }) {
    this.label = label;
    this.spawnedAt = performance.now();
    // Own process group, so stop() can also reach helpers the gateway forks.
    this.child = spawn(command, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8');
    this.child.stderr?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => {
      this.stdout += chunk;
      this.pending += chunk;
      let newline: number;
      while ((newline = this.pending.indexOf('\n')) >= 0) {
        const line = this.pending.slice(0, newline).replace(/\r$/, '');
        this.pending = this.pending.slice(newline + 1);
        for (const listener of this.lineListeners) listener(line);
      }
    });
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.label} has no pid (spawn failed)`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolve with the first stdout line matching `pattern`; reject if the process exits or the deadline passes. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const seen = this.stdout.split('\n').map((line) => pattern.exec(line)).find((m) => m !== null);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const finish = (error?: Error, match?: RegExpExecArray) => {
        clearTimeout(timer);
        this.lineListeners.delete(listener);
        if (match) resolve(match);
        else reject(error);
      };
      const listener = (line: string) => {
        const match = pattern.exec(line);
        if (match) finish(undefined, match);
      };
      const timer = setTimeout(
        () => finish(new Error(`${this.label}: no line matching ${pattern} within ${timeoutMs} ms\n${this.describeOutput()}`)),
        timeoutMs,
      );
      this.lineListeners.add(listener);
      void this.exited.then(({ code, signal }) =>
        finish(new Error(`${this.label} exited (code ${String(code)}, signal ${String(signal)}) before ready\n${this.describeOutput()}`)),
      );
    });
  }

  /** SIGTERM the gateway (the process itself, as a supervisor would), then SIGKILL its group after `graceMs`. */
  async stop(graceMs = 10_000): Promise<GatewayExit> {
    const started = performance.now();
    if (!this.running) {
      const { code, signal } = await this.exited;
      return { code, signal, killed: false, stopMs: 0 };
    }
    this.child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      signalGroup(this.child, 'SIGKILL');
    }, graceMs);
    const { code, signal } = await this.exited;
    clearTimeout(timer);
    // Anything still in the group (a forked helper) goes too: nothing may outlive the test.
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // the group is empty
    }
    return { code, signal, killed, stopMs: performance.now() - started };
  }

  describeOutput(): string {
    return `--- ${this.label} stdout ---\n${this.stdout.slice(-4000)}\n--- ${this.label} stderr ---\n${this.stderr.slice(-4000)}`;
  }
}
