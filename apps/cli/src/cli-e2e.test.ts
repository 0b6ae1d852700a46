// rusty-claw against a real gateway, in process: main(argv, deps) with captured stdout/stderr. The
// gateway is the real one (runGateway on 127.0.0.1:0); the only client-side fake is the output buffer.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, main, type RunGateway } from '@rusty-claw/cli';
import { runGateway } from '@rusty-claw/gateway';
import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { generateDeviceIdentity } from '@rusty-claw/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { remoteDeviceConnect } from './testing/remote-device-connect.js';

class Buffer {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

const TOKEN = 'e2e-token-0123456789abcdef';
let stateDir: string;
let gateway: Awaited<ReturnType<typeof runGateway>>;
let url: string;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-cli-e2e-'));
  gateway = await runGateway({
    port: 0,
    token: TOKEN,
    stateDir,
    handleSignals: false,
    env: { HOME: stateDir, RUSTY_CLAW_LOG_LEVEL: 'silent' },
    stdout: new Buffer(),
    stderr: new Buffer(),
    version: '0.1.0-e2e',
  });
  url = gateway.url;
});
afterAll(async () => {
  await gateway?.close('tests finished');
  await rm(stateDir, { recursive: true, force: true });
});

const unusedRunGateway: RunGateway = async () => {
  throw new Error('gateway run is not exercised here');
};

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new Buffer();
  const stderr = new Buffer();
  const code = await main(argv, { runGateway: unusedRunGateway, version: '0.1.0-cli', stdout, stderr, env: { HOME: stateDir, ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const auth = () => ['--url', url, '--token', TOKEN];

describe('health and status against our gateway', () => {
  test('health prints a readable summary and exits 0; --json is the raw payload', async () => {
    const human = await cli(['health', ...auth()]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^Gateway ${url.replaceAll('.', '\\.')}: OK \\(\\d+ms\\)\\n`));
    const json = await cli(['health', '--json', ...auth()]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, channels: expect.any(Object), agents: expect.any(Array) });
  });

  test('status shows the negotiated protocol (v4), the server version and the least-privilege scope granted', async () => {
    const result = await cli(['status', ...auth()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Gateway: ${url} · reachable`);
    expect(result.stdout).toContain('protocol v4');
    expect(result.stdout).toContain('version 0.1.0-e2e');
    expect(result.stdout).toMatch(/Auth: .*scopes operator\.read\n/);
    const json = await cli(['status', '--json', ...auth()]);
    expect(JSON.parse(json.stdout)).toHaveProperty('heartbeat');
  });

  test('credentials from RUSTY_CLAW_GATEWAY_TOKEN and from the config file', async () => {
    expect((await cli(['health', '--url', url], { RUSTY_CLAW_GATEWAY_TOKEN: TOKEN })).code).toBe(0);
    const configDir = await mkdtemp(join(tmpdir(), 'rc-cli-e2e-config-'));
    try {
      await writeFile(join(configDir, 'rusty-claw.json'), `{ gateway: { port: ${gateway.port}, auth: { token: "${TOKEN}" } } }`);
      // No --url: ws://127.0.0.1:<gateway.port from the config>.
      const result = await cli(['health'], { RUSTY_CLAW_STATE_DIR: configDir });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Gateway ws://127.0.0.1:${gateway.port}: OK`);
    } finally {
      await rm(configDir, { recursive: true, force: true });
    }
  });
});

describe('gateway call', () => {
  test('prints the payload as JSON; the header goes to stderr unless --json', async () => {
    const result = await cli(['gateway', 'call', 'health', ...auth()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
    expect(result.stderr).toMatch(/^Gateway call: health \(\d+ms\)/);
    const json = await cli(['gateway', 'call', 'system-presence', '--json', ...auth()]);
    expect(json.code).toBe(0);
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
    expect(json.stderr).toBe('');
  });

  test('params are sent; a gateway refusal is exit 1 with its code, and with --json also a JSON error', async () => {
    const bad = await cli(['gateway', 'call', 'device.pair.approve', '--params', '{"requestId":""}', ...auth()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Gateway error INVALID_REQUEST');
    const json = await cli(['gateway', 'call', 'no.such.method', '--json', ...auth()]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { type: 'gateway_request_error', code: expect.any(String) } });
  });
});

describe('failures', () => {
  test('a wrong token is exit 1 with the gateway reason and a hint', async () => {
    const result = await cli(['health', '--url', url, '--token', 'wrong-token']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AUTH_TOKEN_MISMATCH');
    expect(result.stderr).toContain('RUSTY_CLAW_GATEWAY_TOKEN');
  });

  test('an unreachable gateway is exit 1 with "not reachable"', async () => {
    const probe = await runGateway({ port: 0, token: 't', stateDir, handleSignals: false, env: { RUSTY_CLAW_LOG_LEVEL: 'silent' }, stdout: new Buffer(), stderr: new Buffer() });
    const deadUrl = probe.url;
    await probe.close();
    const result = await cli(['health', '--url', deadUrl, '--token', 't', '--timeout', '2000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Gateway not reachable at ${deadUrl}`);
  });

  test('plaintext ws:// to another host is refused unless RUSTY_CLAW_ALLOW_INSECURE_WS=1', async () => {
    const result = await cli(['health', '--url', 'ws://192.0.2.1:18789', '--token', 't']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('RUSTY_CLAW_ALLOW_INSECURE_WS=1');
  });
});

describe('devices: pairing over the gateway RPC', () => {
  /** A device behind a proxy asks to pair: refused with PAIRING_REQUIRED, and a pending request appears. */
  async function requestPairing(identity = generateDeviceIdentity()) {
    const reply = await remoteDeviceConnect(url, { identity, token: TOKEN, scopes: ['operator.read'] });
    return { identity, error: reply.error };
  }

  test('list → approve → the device connects → revoke; reject; unknown ids fail with exit 1', async () => {
    const { identity, error } = await requestPairing();
    expect(error?.details?.code).toBe('PAIRING_REQUIRED');
    const requestId = error?.details?.requestId as string;

    const list = await cli(['devices', 'list', ...auth()]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Pending (1)');
    expect(list.stdout).toContain(requestId);
    const listJson = JSON.parse((await cli(['devices', 'list', '--json', ...auth()])).stdout) as { pending: Array<{ requestId: string }> };
    expect(listJson.pending.map((request) => request.requestId)).toEqual([requestId]);

    const approve = await cli(['devices', 'approve', requestId, ...auth()]);
    expect(approve.stderr).toBe("");
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain(`Approved pairing request ${requestId} (device ${identity.deviceId})`);
    await expect(remoteDeviceConnect(url, { identity, token: TOKEN, scopes: ['operator.read'] })).resolves.toMatchObject({ ok: true });
    expect((await cli(['devices', 'list', ...auth()])).stdout).toContain(identity.deviceId);

    const revoke = await cli(['devices', 'revoke', identity.deviceId, '--role', 'operator', ...auth()]);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain(`Revoked the operator token of device ${identity.deviceId}`);

    const second = await requestPairing();
    const secondId = second.error?.details?.requestId as string;
    const reject = await cli(['devices', 'reject', secondId, ...auth()]);
    expect(reject.code).toBe(0);
    expect(reject.stdout).toContain(`Rejected pairing request ${secondId}`);

    const unknown = await cli(['devices', 'approve', 'no-such-request', ...auth()]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Gateway error/);
  });

  test('a connect refused for pairing tells the operator how to approve it', async () => {
    // The wire error as GatewayClient would reject with it (a ProtocolError), rendered by the CLI.
    const pending = await remoteDeviceConnect(url, { identity: generateDeviceIdentity(), token: TOKEN, scopes: ['operator.read'] });
    const error = new ProtocolError(pending.error?.code ?? '', pending.error?.message ?? '', { details: pending.error?.details });
    expect(describeError(error).join('\n')).toContain(`rusty-claw devices approve ${pending.error?.details?.requestId as string}`);
  });
});

describe('config commands need no gateway', () => {
  test('set then validate on the state dir of the running gateway; the token file stays 0600', async () => {
    const env = { RUSTY_CLAW_STATE_DIR: stateDir };
    expect((await cli(['config', 'set', 'gateway.port', String(gateway.port)], env)).code).toBe(0);
    expect((await cli(['config', 'validate'], env)).stdout).toContain('Config valid');
    expect(JSON.parse(await readFile(join(stateDir, 'rusty-claw.json'), 'utf8'))).toEqual({ gateway: { port: gateway.port } });
    expect((await stat(join(stateDir, 'rusty-claw.json'))).mode & 0o777).toBe(0o600);
  });
});
