// The built `rusty-claw` bin as a user runs it: spawned with node, real argv, real exit codes and
// signals. Needs `dist/` (pnpm build or ./dev test build first).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { binPath, runBin, startBin, type StartedBin } from './testing/spawn-bin.js';

const bin = binPath('../dist/main.js', import.meta.url);
const trace = binPath('./testing/trace-gateway-loads.mjs', import.meta.url);
const version = (JSON.parse(await readFile(binPath('../../../packages/cli/package.json', import.meta.url), 'utf8')) as { version: string }).version;

let stateDir: string;
let env: NodeJS.ProcessEnv;
let started: StartedBin[] = [];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-bin-'));
  env = { HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir, RUSTY_CLAW_LOG_LEVEL: 'warn' };
});
afterEach(async () => {
  for (const process of started) {
    if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
    await process.exited;
  }
  started = [];
  await rm(stateDir, { recursive: true, force: true });
});

describe('rusty-claw (built bin)', () => {
  test('--help exits 0 and documents commands and exit codes; --version prints the version', async () => {
    const help = await runBin(bin, ['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rusty-claw');
    expect(help.stdout).toContain('Exit codes:');
    const versionRun = await runBin(bin, ['--version'], { env });
    expect(versionRun).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test('an unknown flag is exit 2', async () => {
    const result = await runBin(bin, ['health', '--no-such-flag'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
  });

  test('gateway run with an invalid config refuses to start (exit 1), prints every issue, writes nothing', async () => {
    const file = join(stateDir, 'rusty-claw.json');
    await writeFile(file, '{ gateway: { port: "high" }, typo: true }\n');
    const before = { bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs };
    const result = await runBin(bin, ['gateway', 'run', '--port', '0'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Invalid config in ${file}`);
    expect(result.stderr).toContain('gateway.port');
    expect(result.stderr).toContain('typo');
    expect(result.stdout).toBe('');
    expect({ bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs }).toEqual(before);
    await expect(stat(join(stateDir, 'credentials'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('non-gateway commands never load the gateway package; gateway run does', async () => {
    const validate = await runBin(bin, ['config', 'validate'], { env, nodeArgs: ['--import', trace] });
    expect(validate.code).toBe(0);
    expect(validate.stderr).not.toContain('[trace] loaded');
    const health = await runBin(bin, ['health', '--url', 'ws://127.0.0.1:9', '--token', 't', '--timeout', '1000'], { env, nodeArgs: ['--import', trace] });
    expect(health.code).toBe(1);
    expect(health.stderr).not.toContain('[trace] loaded');
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ typo: true }');
    const run = await runBin(bin, ['gateway', 'run'], { env, nodeArgs: ['--import', trace] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[trace] loaded');
  });

  test.each(['SIGTERM', 'SIGINT'] as const)('gateway run: prints the URL lines, answers health from another process, exits 0 on %s', async (signal) => {
    const gateway = await startBin(bin, ['gateway', 'run', '--port', '0'], env);
    started.push(gateway);
    const token = (await readFile(join(stateDir, 'credentials', 'gateway-token'), 'utf8')).trim();
    // The embedded default web chat prints its own link with the *web chat* token (scoped), never the operator's.
    const webchatToken = (await readFile(join(stateDir, 'credentials', 'webchat-token'), 'utf8')).trim();
    expect(webchatToken).not.toBe(token);
    expect(gateway.output.stdout).toBe(
      `rusty-claw gateway listening on ws://127.0.0.1:${gateway.port}\nControl UI: http://127.0.0.1:${gateway.port}/#token=${token}\n` +
        `WebChat: http://127.0.0.1:${gateway.port}/chat#token=${encodeURIComponent(webchatToken)}\n`,
    );
    console.info(`rusty-claw gateway run: spawn → listening line in ${Math.round(gateway.startupMs)} ms`);

    // A second process finds the token in the shared state dir (a loopback --url counts as local).
    const health = await runBin(bin, ['health', '--url', `ws://127.0.0.1:${gateway.port}`], { env });
    expect(health.code).toBe(0);
    expect(health.stdout).toContain(`Gateway ws://127.0.0.1:${gateway.port}: OK`);

    gateway.child.kill(signal);
    expect(await gateway.exited).toBe(0);
    expect(gateway.output.stderr).toContain(`received ${signal}`);
  });
});
