// OpenClaw's own CLIs (2026.5.7 = protocol 3 with a signed device identity, 2026.9.6 = protocol 4)
// against one real Rusty Claw gateway process: `gateway call`, a wrong token, `openclaw health` and
// `openclaw status` in remote mode. Independent CLI runs go in parallel; they cost 1–3 s each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectRaw,
  describeRun,
  OPENCLAW_RELEASE,
  parseJsonOutput,
  runOpenClaw,
  startRustyClawGateway,
  type OpenClawVersion,
  type RunningGateway,
} from '../src/index.ts';
import { PROVIDER_SECRET, REDACTED, randomToken, redactedSeededConfig, seededConfig } from './fixtures.ts';

const token = randomToken();
let gateway: RunningGateway;
/** `hello-ok.server.version` of our gateway: the CLIs print it from our presence entry. */
let serverVersion: string;

beforeAll(async () => {
  gateway = await startRustyClawGateway({ token, config: seededConfig(token) });
  const session = await connectRaw({ url: gateway.url, token, minProtocol: 4, maxProtocol: 4 });
  serverVersion = session.helloPayload<{ server: { version: string } }>().server.version;
  await session.close();
});

afterAll(async () => {
  const exit = await gateway?.stop();
  expect(exit, gateway?.process.describeOutput()).toMatchObject({ code: 0, signal: null, killed: false });
});

function call(version: OpenClawVersion, method: string) {
  return runOpenClaw(version, ['gateway', 'call', method, '--url', gateway.url, '--token', token, '--json']);
}

type Json = Record<string, unknown>;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
    expect(snapshot['valid']).toBe(true);
    expect(snapshot['hash']).toMatch(/^[0-9a-f]{64}$/);
    // the file exactly as written, secrets replaced by OpenClaw's sentinel
    expect(snapshot['parsed']).toEqual(redactedSeededConfig());
    const config = snapshot['config'] as { gateway: { auth: Json }; models: { providers: { acme: Json } } };
    expect(config.gateway.auth['token']).toBe(REDACTED);
    expect(config.models.providers.acme['apiKey']).toBe(REDACTED);
  });

  it(`a wrong token fails with exit 1 and AUTH_TOKEN_MISMATCH (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['gateway', 'call', 'health', '--url', gateway.url, '--token', `${token}-wrong`, '--json']);
    expect(run.code, describeRun(run)).toBe(1);
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).toContain('unauthorized: gateway token mismatch');
    expect(output).not.toContain(token);
    if (version === 'v3') {
      // 2026.5.7 prints the message and the close (1008) our gateway sent after the rejection
      expect(run.stderr).toMatch(/gateway closed \(1008\)/);
    } else {
      // 2026.9.6 prints the wire error with --json: {ok:false, error:{code, message, details:{code}}}
      const printed = parseJsonOutput(run.stdout) as { ok: boolean; error: { code: string; details: { code: string } } };
      expect(printed.ok).toBe(false);
      expect(printed.error.code).toBe('INVALID_REQUEST');
      expect(printed.error.details.code).toBe('AUTH_TOKEN_MISMATCH');
    }
  });

  it(`openclaw gateway health --url --token prints OK (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['gateway', 'health', '--url', gateway.url, '--token', token]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Gateway Health\nOK \(\d+ms\)/);
  });

  it(`openclaw health (remote config) renders our health payload (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['health'], { remote: { url: gateway.url, token } });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Agents: ops \(default\), main/);
    // the session store path is our gateway's (the CLI's own state dir is elsewhere)
    expect(run.stdout).toContain(`Session store (ops): ${gateway.stateDir}/`);
  });

  it(`openclaw status (remote config) shows the gateway reachable (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['status'], { remote: { url: gateway.url, token } });
    expect(run.code, describeRun(run)).toBe(0);
    const gatewayRow = run.stdout.slice(run.stdout.indexOf('│ Gateway '));
    expect(gatewayRow, run.stdout).toMatch(new RegExp(`^│ Gateway +│ remote · ${escape(gateway.url)} .*· reachable \\d+ms`));
    // "Gateway self" is rendered from our presence entry (mode gateway, reason self)
    expect(run.stdout).toMatch(new RegExp(`│ Gateway self +│ .*app ${escape(serverVersion)} `));
    if (version === 'v4') {
      // 2026.9.6 renders the heartbeat row from our `status` payload
      expect(run.stdout).toMatch(/│ Heartbeat +│ disabled \(ops\), disabled \(main\)/);
    }
  });

  it(`openclaw status --json reports gateway.reachable (${release})`, async ({ expect }) => {
    const run = await runOpenClaw(version, ['status', '--json'], { remote: { url: gateway.url, token } });
    expect(run.code, describeRun(run)).toBe(0);
    const status = parseJsonOutput(run.stdout) as Json;
    const gw = status['gateway'] as Json;
    expect(gw['reachable'], JSON.stringify(gw)).toBe(true);
    expect(gw['url']).toBe(gateway.url);
    expect(gw['error']).toBeNull();
    expect((gw['self'] as Json)['version']).toBe(serverVersion);
    if (version === 'v4') {
      // 2026.9.6 merges our `status` payload into its report (2026.5.7 reports its local summary)
      expect(status['runtimeVersion']).toBe(serverVersion);
      expect((status['heartbeat'] as Json)['defaultAgentId']).toBe('ops');
    }
  });
});
