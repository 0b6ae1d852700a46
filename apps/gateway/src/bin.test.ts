// The built `rusty-claw-gateway` bin: same flags, messages and exit codes as `rusty-claw gateway run`.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let stateDir: string;
let env: NodeJS.ProcessEnv;
const children: Array<ReturnType<typeof spawn>> = [];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-gateway-bin-'));
  env = { HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir, RUSTY_CLAW_LOG_LEVEL: 'warn' };
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  await rm(stateDir, { recursive: true, force: true });
});

function launch(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output, exited, started: performance.now() };
}

async function waitForListening(run: ReturnType<typeof launch>): Promise<number> {
  for (;;) {
    const match = /listening on ws:\/\/127\.0\.0\.1:(\d+)\n/.exec(run.output.stdout);
    if (match) return Number(match[1]);
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('rusty-claw-gateway (built bin)', () => {
  test('--help shows the gateway run flags and the exit codes; a bad flag is exit 2', async () => {
    const help = launch(['--help']);
    expect(await help.exited).toBe(0);
    for (const flag of ['--port <port>', '--bind <mode>', '--host <address>', '--token <token>', '--password <password>', '--config <path>', '--state-dir <dir>', 'Exit codes:']) {
      expect(help.output.stdout).toContain(flag);
    }
    const bad = launch(['--bind', 'moon']);
    expect(await bad.exited).toBe(2);
  });

  test('starts with the embedded default, serves /healthz, exits 0 on SIGTERM', async () => {
    const run = launch(['--port', '0']);
    const port = await waitForListening(run);
    console.info(`rusty-claw-gateway: spawn → listening line in ${Math.round(performance.now() - run.started)} ms`);
    const token = (await readFile(join(stateDir, 'credentials', 'gateway-token'), 'utf8')).trim();
    expect(run.output.stdout).toContain(`Control UI: http://127.0.0.1:${port}/#token=${token}`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  test('an invalid config: exit 1, every issue printed, nothing written', async () => {
    const file = join(stateDir, 'rusty-claw.json');
    await writeFile(file, '{ gateway: { bind: "moon" } }');
    const before = (await stat(file)).mtimeMs;
    const run = launch([]);
    expect(await run.exited).toBe(1);
    expect(run.output.stderr).toContain('gateway.bind');
    expect((await stat(file)).mtimeMs).toBe(before);
    await expect(stat(join(stateDir, 'credentials'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('--bind lan without auth (auth.mode none) is refused with exit 1', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { mode: "none" } } }');
    const run = launch(['--bind', 'lan', '--port', '0']);
    expect(await run.exited).toBe(1);
    expect(run.output.stderr).toContain('GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK');
  });
});
