// Reverse direction: our CLI (the built `rusty-claw` bin) drives OpenClaw 2026.9.6's own gateway.
// Starting OpenClaw takes 10–30 s, so one gateway serves the whole file and the CLI runs go in parallel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput, runRustyClawCli, startOpenClawGateway, type RunningOpenClawGateway, type RustyClawCliResult } from '../src/index.ts';
import { randomToken } from './fixtures.ts';

const token = randomToken();
let openclaw: RunningOpenClawGateway;

beforeAll(async () => {
  openclaw = await startOpenClawGateway({ token, version: 'v4', timeoutMs: 150_000 });
}, 180_000);

afterAll(async () => {
  const exit = await openclaw?.stop();
  // OpenClaw drains on SIGTERM and exits 0 when idle; anything else is worth seeing, not hiding
  expect(exit, openclaw?.process.describeOutput()).toMatchObject({ killed: false });
}, 60_000);

function show(run: RustyClawCliResult): string {
  return `rusty-claw ${run.args.join(' ')} → ${String(run.code)}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
}

function cli(command: 'health' | 'status', ...extra: string[]) {
  return runRustyClawCli([command, '--url', openclaw.url, '--token', token, ...extra]);
}

type Json = Record<string, unknown>;

describe.concurrent('rusty-claw CLI → OpenClaw 2026.9.6 gateway', () => {
  it('health prints an OK summary of their HealthSummary', async ({ expect }) => {
    const run = await cli('health');
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain(`Gateway ${openclaw.url}: OK`);
    expect(run.stdout).toMatch(/Agents: main \(default\)/);
    expect(run.stdout).toMatch(/Plugins: \d+ loaded/);
  });

  it('health --json prints their payload', async ({ expect }) => {
    const run = await cli('health', '--json');
    expect(run.code, show(run)).toBe(0);
    const health = parseJsonOutput(run.stdout) as Json;
    expect(health['ok']).toBe(true);
    expect(health['defaultAgentId']).toBe('main');
    expect((health['plugins'] as { loaded: string[] }).loaded).toContain('memory-core');
  });

  it('status prints their version over protocol 4', async ({ expect }) => {
    const run = await cli('status');
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain(openclaw.url);
    expect(run.stdout).toMatch(/protocol v4/);
    expect(run.stdout).toContain('2026.9.6');
  });

  it('status --json prints their StatusSummary', async ({ expect }) => {
    const run = await cli('status', '--json');
    expect(run.code, show(run)).toBe(0);
    const status = parseJsonOutput(run.stdout) as Json;
    const summary = (status['status'] ?? status) as Json;
    expect(summary['runtimeVersion']).toBe('2026.9.6');
    expect((summary['heartbeat'] as Json)['defaultAgentId']).toBe('main');
  });

  it('a wrong token exits 1 with their AUTH_TOKEN_MISMATCH', async ({ expect }) => {
    const run = await runRustyClawCli(['health', '--url', openclaw.url, '--token', `${token}-wrong`]);
    expect(run.code, show(run)).toBe(1);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/AUTH_TOKEN_MISMATCH|token mismatch/);
    expect(`${run.stdout}\n${run.stderr}`).not.toContain(token);
  });
});
