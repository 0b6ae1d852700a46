// OpenClaw's own CLIs (2026.5.7 = protocol 3 with a signed device identity, 2026.9.6 = protocol 4)
// against one real Rusty Claw gateway process: `gateway call`, a wrong token, `openclaw health` and
// `openclaw status` in remote mode. Independent CLI runs go in parallel; they cost 1–3 s each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, OPENCLAW_RELEASE, parseJsonOutput, runOpenClaw, startRustyClawGateway, type OpenClawVersion, type RunningGateway } from '../src/index.ts';
import { PROVIDER_SECRET, REDACTED, randomToken, seededConfig } from './fixtures.ts';

const token = randomToken();
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startRustyClawGateway({ token, config: seededConfig(token) });
});

afterAll(async () => {
  const exit = await gateway?.stop();
  expect(exit, gateway?.process.describeOutput()).toMatchObject({ code: 0, signal: null, killed: false });
});

function call(version: OpenClawVersion, method: string) {
  return runOpenClaw(version, ['gateway', 'call', method, '--url', gateway.url, '--token', token, '--json']);
}

type Json = Record<string, unknown>;

describe.concurrent.each(['v3', 'v4'] as const)('OpenClaw %s CLI → Rusty Claw', (version) => {
  const release = OPENCLAW_RELEASE[version];

  it(`gateway call health --json (${release})`, async ({ expect }) => {
    const run = await call(version, 'health');
    expect(run.code, describeRun(run)).toBe(0);
    const health = parseJsonOutput(run.stdout) as Json;
    expect(health['ok']).toBe(true);
    expect(health['defaultAgentId']).toBe('ops');
    expect(typeof health['ts']).toBe('number');
    const agents = health['agents'] as Json[];
    expect(agents.map((a) => [a['agentId'], a['isDefault']])).toEqual([
      ['ops', true],
      ['main', false],
    ]);
  });

  it(`gateway call status --json (${release})`, async ({ expect }) => {
    const run = await call(version, 'status');
    expect(run.code, describeRun(run)).toBe(0);
    const status = parseJsonOutput(run.stdout) as Json;
    expect(typeof status['runtimeVersion']).toBe('string');
    expect((status['heartbeat'] as Json)['defaultAgentId']).toBe('ops');
    expect(Array.isArray(status['channelSummary'])).toBe(true);
    expect(Array.isArray(status['queuedSystemEvents'])).toBe(true);
    expect(typeof (status['sessions'] as Json)['count']).toBe('number');
  });

  it(`gateway call system-presence --json (${release})`, async ({ expect }) => {
    const run = await call(version, 'system-presence');
    expect(run.code, describeRun(run)).toBe(0);
    const presence = parseJsonOutput(run.stdout) as Json[];
    expect(Array.isArray(presence)).toBe(true);
    // the gateway's own entry is always there (OpenClaw: mode "gateway", reason "self")
    const self = presence.find((entry) => entry['mode'] === 'gateway');
    expect(self, run.stdout).toBeDefined();
    expect(self?.['reason']).toBe('self');
    expect(typeof self?.['ts']).toBe('number');
    // CLI connections are never listed
    expect(presence.some((entry) => entry['mode'] === 'cli')).toBe(false);
  });

  it(`gateway call config.get --json (${release}) returns hash, path and redacted secrets`, async ({ expect }) => {
    const run = await call(version, 'config.get');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).not.toContain(PROVIDER_SECRET);
    expect(run.stdout).not.toContain(token);
    const snapshot = parseJsonOutput(run.stdout) as Json;
    expect(snapshot['path']).toBe(gateway.configPath);
    expect(snapshot['exists']).toBe(true);
    expect(snapshot['hash']).toMatch(/^[0-9a-f]{64}$/);
    const config = snapshot['config'] as { gateway: { auth: Json }; models: { providers: { acme: Json } }; agents: unknown };
    expect(config.gateway.auth['token']).toBe(REDACTED);
    expect(config.models.providers.acme['apiKey']).toBe(REDACTED);
    expect(config.models.providers.acme['baseUrl']).toBe('https://llm.example.invalid/v1');
    expect(config.agents).toEqual({ list: [{ id: 'ops', default: true }, { id: 'main' }] });
  });

  it(`a wrong token fails with exit 1 and AUTH_TOKEN_MISMATCH (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['gateway', 'call', 'health', '--url', gateway.url, '--token', `${token}-wrong`, '--json']);
    expect(run.code, describeRun(run)).toBe(1);
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).toMatch(/token mismatch/i);
    expect(output).not.toContain(token);
    if (version === 'v4') {
      // 2026.9.6 prints the wire error with --json: {ok:false, error:{code, message, details:{code}}}
      const printed = parseJsonOutput(run.stdout) as { ok: boolean; error: { code: string; details: { code: string } } };
      expect(printed.ok).toBe(false);
      expect(printed.error.code).toBe('INVALID_REQUEST');
      expect(printed.error.details.code).toBe('AUTH_TOKEN_MISMATCH');
    }
  });

  it(`openclaw health (remote config) renders our health payload (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['health'], { remote: { url: gateway.url, token } });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Agents: ops \(default\), main/);
    expect(run.stdout).toMatch(/Session store \(ops\):/);
  });

  it(`openclaw status (remote config) shows the gateway reachable (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['status'], { remote: { url: gateway.url, token } });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(gateway.url);
    expect(run.stdout).toMatch(/reachable/);
    expect(run.stdout).not.toMatch(/unreachable/);
  });

  it(`openclaw status --json reports gateway.reachable (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['status', '--json'], { remote: { url: gateway.url, token } });
    expect(run.code, describeRun(run)).toBe(0);
    const status = parseJsonOutput(run.stdout) as Json;
    const gw = status['gateway'] as Json;
    expect(gw['reachable'], JSON.stringify(gw)).toBe(true);
    expect(gw['url']).toBe(gateway.url);
    expect(gw['error'] ?? null).toBeNull();
  });
});
