import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CliUsageError } from '../cli-usage-error.js';
import { isLoopbackUrl } from './is-loopback-url.js';
import { resolveGatewayConnection } from './resolve-gateway-connection.js';
import { scopesForMethod } from './scopes-for-method.js';

let stateDir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-cli-conn-'));
  env = { HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir };
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

async function writeTokenFile(token: string) {
  await mkdir(join(stateDir, 'credentials'), { recursive: true });
  await writeFile(join(stateDir, 'credentials', 'gateway-token'), `${token}\n`, { mode: 0o600 });
}

describe('resolveGatewayConnection', () => {
  test('defaults: ws://127.0.0.1:18789, 10 s, no secret', async () => {
    expect(await resolveGatewayConnection({}, env)).toEqual({
      url: 'ws://127.0.0.1:18789',
      timeoutMs: 10_000,
      credentialSource: 'none',
      allowInsecureRemote: false,
      warnings: [],
    });
  });

  test('secret precedence: flag > env > config > token file; the port comes from the config', async () => {
    await writeTokenFile('file-token');
    expect(await resolveGatewayConnection({}, env)).toMatchObject({ token: 'file-token', credentialSource: 'token-file' });

    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { port: 18795, auth: { token: "config-token" } } }');
    expect(await resolveGatewayConnection({}, env)).toMatchObject({ url: 'ws://127.0.0.1:18795', token: 'config-token', credentialSource: 'config' });

    const withEnv = { ...env, RUSTY_CLAW_GATEWAY_TOKEN: 'env-token' };
    expect(await resolveGatewayConnection({}, withEnv)).toMatchObject({ token: 'env-token', credentialSource: 'env' });
    expect(await resolveGatewayConnection({ token: 'flag-token', timeout: 500 }, withEnv)).toMatchObject({
      url: 'ws://127.0.0.1:18795',
      token: 'flag-token',
      credentialSource: 'flag',
      timeoutMs: 500,
    });
    expect(await resolveGatewayConnection({ password: 'flag-password' }, withEnv)).toMatchObject({ password: 'flag-password', credentialSource: 'flag' });
  });

  test('a password-mode config yields the password; OPENCLAW_GATEWAY_TOKEN is honoured', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { mode: "password", password: "config-password" } } }');
    expect(await resolveGatewayConnection({}, env)).toMatchObject({ password: 'config-password', credentialSource: 'config' });
    expect(await resolveGatewayConnection({}, { ...env, OPENCLAW_GATEWAY_TOKEN: 'oc-token' })).toMatchObject({ token: 'oc-token', credentialSource: 'env' });
  });

  test('a non-loopback --url never receives the local config or token-file secret', async () => {
    await writeTokenFile('file-token');
    const remote = await resolveGatewayConnection({ url: 'ws://192.0.2.10:18789' }, env);
    expect(remote).toMatchObject({ url: 'ws://192.0.2.10:18789', credentialSource: 'none' });
    expect(remote.token).toBeUndefined();
    expect(remote.allowInsecureRemote).toBe(false);
    // Plaintext to another host only with the break-glass switch, and then with a warning.
    const insecure = await resolveGatewayConnection({ url: 'ws://192.0.2.10:18789', token: 't' }, { ...env, RUSTY_CLAW_ALLOW_INSECURE_WS: '1' });
    expect(insecure.allowInsecureRemote).toBe(true);
    expect(insecure.warnings.join('\n')).toContain('plaintext ws://');
    // The environment is explicit enough, as are flags.
    expect(await resolveGatewayConnection({ url: 'wss://gw.example' }, { ...env, RUSTY_CLAW_GATEWAY_TOKEN: 'env-token' })).toMatchObject({
      token: 'env-token',
      warnings: [],
    });
    // A loopback --url is this machine: the local secret applies.
    expect(await resolveGatewayConnection({ url: 'ws://localhost:1234' }, env)).toMatchObject({ url: 'ws://localhost:1234', token: 'file-token' });
  });

  test('gateway.mode "remote" (OpenClaw client config): remote url and secret; the local ones are never offered', async () => {
    await writeTokenFile('file-token');
    await writeFile(
      join(stateDir, 'rusty-claw.json'),
      '{ gateway: { mode: "remote", auth: { token: "local-token" }, remote: { url: "wss://gw.example:18789", token: "${REMOTE_TOKEN}" } } }',
    );
    expect(await resolveGatewayConnection({}, { ...env, REMOTE_TOKEN: 'remote-token' })).toMatchObject({
      url: 'wss://gw.example:18789',
      token: 'remote-token',
      credentialSource: 'config',
    });
    expect(await resolveGatewayConnection({ token: 'flag' }, { ...env, REMOTE_TOKEN: 'r' })).toMatchObject({ url: 'wss://gw.example:18789', token: 'flag' });
    // An explicit loopback --url is the local gateway again.
    expect(await resolveGatewayConnection({ url: 'ws://127.0.0.1:1' }, { ...env, REMOTE_TOKEN: 'r' })).toMatchObject({ token: 'local-token' });

    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { mode: "remote", remote: { url: "wss://gw.example" } } }');
    const noSecret = await resolveGatewayConnection({}, env);
    expect(noSecret).toMatchObject({ url: 'wss://gw.example', credentialSource: 'none' });
    expect(noSecret.token).toBeUndefined();
  });

  test('an invalid config only warns (health must still work) and the defaults apply', async () => {
    await writeTokenFile('file-token');
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { port: "nope" } }');
    const connection = await resolveGatewayConnection({}, env);
    expect(connection).toMatchObject({ url: 'ws://127.0.0.1:18789', token: 'file-token' });
    expect(connection.warnings[0]).toMatch(/ignoring the config at .*rusty-claw\.json \(1 issue\(s\)\); run: rusty-claw config validate/);
  });

  test('a malformed --url is a usage error', async () => {
    await expect(resolveGatewayConnection({ url: 'not a url' }, env)).rejects.toSatisfy(CliUsageError.isInstance);
    await expect(resolveGatewayConnection({ url: 'https://x' }, env)).rejects.toThrow('ws:// or wss://');
  });
});

describe('isLoopbackUrl', () => {
  test.each([
    ['ws://127.0.0.1:1', true],
    ['ws://127.8.9.10:1', true],
    ['ws://localhost:1', true],
    ['ws://[::1]:1', true],
    ['ws://10.0.0.1:1', false],
    ['ws://vm:1', false],
    ['wss://gw.example', false],
    ['garbage', false],
  ])('%s → %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});

describe('scopesForMethod (least privilege, as OpenClaw’s CLI)', () => {
  test.each([
    ['health', ['operator.read']],
    ['status', ['operator.read']],
    ['device.pair.list', ['operator.pairing']],
    ['device.token.revoke', ['operator.pairing']],
    ['config.get', ['operator.read']],
    ['config.patch', ['operator.admin']],
  ])('%s → %j', (method, scopes) => {
    expect(scopesForMethod(method)).toEqual(scopes);
  });

  test('an unclassified method asks for every operator scope (admin included)', () => {
    expect(scopesForMethod('no.such.method')).toContain('operator.admin');
  });
});
