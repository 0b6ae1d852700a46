import { mkdtemp, readFile, rm, stat, writeFile, mkdir, chmod } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient } from '@rusty-claw/protocol';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import { GatewayListenError } from './gateway-listen-error.js';
import { runGateway, type RunGatewayFlags, type RunningGateway } from './run-gateway.js';

class Buffer {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

let stateDir: string;
let running: RunningGateway[] = [];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-run-gateway-'));
});
afterEach(async () => {
  await Promise.all(running.map((gateway) => gateway.close('test finished')));
  running = [];
  await rm(stateDir, { recursive: true, force: true });
});

async function start(flags: RunGatewayFlags = {}, env: NodeJS.ProcessEnv = {}, { portFromConfig = false } = {}) {
  const stdout = new Buffer();
  const stderr = new Buffer();
  const gateway = await runGateway({
    ...(portFromConfig ? {} : { port: 0 }),
    handleSignals: false,
    env: { HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir, RUSTY_CLAW_LOG_LEVEL: 'silent', ...env },
    stdout,
    stderr,
    ...flags,
  });
  running.push(gateway);
  return { gateway, stdout, stderr };
}

async function healthWith(url: string, auth: { token?: string; password?: string }) {
  const client = new GatewayClient({ url, ...auth, scopes: ['operator.read'], connectTimeoutMs: 3000 });
  try {
    await client.connect();
    return await client.request<{ ok: boolean }>('health', {});
  } finally {
    await client.close();
  }
}

const tokenFile = () => join(stateDir, 'credentials', 'gateway-token');

describe('runGateway with no config file (the embedded default)', () => {
  test('loopback bind, a token generated once (0600) and printed in the Control UI URL, which authenticates', async () => {
    const { gateway, stdout } = await start();
    expect(gateway).toMatchObject({ host: '127.0.0.1', authMode: 'token', secretSource: 'generated', stateDir });
    const token = (await readFile(tokenFile(), 'utf8')).trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect((await stat(tokenFile())).mode & 0o777).toBe(0o600);
    expect((await stat(join(stateDir, 'credentials'))).mode & 0o777).toBe(0o700);
    expect(stdout.text).toBe(
      `rusty-claw gateway listening on ws://127.0.0.1:${gateway.port}\nControl UI: http://127.0.0.1:${gateway.port}/#token=${token}\n`,
    );
    expect(gateway.url).toBe(`ws://127.0.0.1:${gateway.port}`);
    await expect(healthWith(gateway.url, { token })).resolves.toMatchObject({ ok: true });
    await expect(healthWith(gateway.url, { token: 'wrong' })).rejects.toMatchObject({ name: 'ProtocolError' });

    // A second start reuses the stored token instead of generating a new one.
    await gateway.close();
    const again = await start();
    expect(again.gateway.secretSource).toBe('token-file');
    expect(again.stdout.text).toContain(`#token=${token}`);
  });

  test('a world-readable token file is tightened to 0600 with a warning', async () => {
    await mkdir(join(stateDir, 'credentials'), { recursive: true });
    await writeFile(tokenFile(), 'existing-token-value\n');
    await chmod(tokenFile(), 0o644);
    const { gateway, stderr } = await start();
    expect(gateway.secretSource).toBe('token-file');
    expect((await stat(tokenFile())).mode & 0o777).toBe(0o600);
    expect(stderr.text).toContain('its mode is now 0600');
  });

  test('a port in use is a typed GatewayListenError that names the address', async () => {
    const { gateway } = await start();
    const error = await start({ port: gateway.port }).catch((caught: unknown) => caught);
    expect(GatewayListenError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'GATEWAY_PORT_IN_USE', host: '127.0.0.1', port: gateway.port });
    expect((error as Error).message).toContain(`127.0.0.1:${gateway.port}: the port is in use`);
    const unavailable = await start({ bind: 'custom', customBindHost: '192.0.2.1' }).catch((caught: unknown) => caught);
    expect(unavailable).toMatchObject({ name: 'GatewayListenError', code: 'GATEWAY_ADDRESS_UNAVAILABLE' });
  });

  test('close() drains and resolves `closed`; it is idempotent', async () => {
    const { gateway } = await start();
    await Promise.all([gateway.close('one'), gateway.close('two')]);
    await expect(gateway.closed).resolves.toBeUndefined();
  });
});

describe('runGateway auth precedence: flag > env > config > generated', () => {
  test('a --token flag wins and is shown in the URL; nothing is generated', async () => {
    const { gateway, stdout } = await start({ token: 'flag-token' }, { RUSTY_CLAW_GATEWAY_TOKEN: 'env-token' });
    expect(gateway.secretSource).toBe('flag');
    expect(stdout.text).toContain('#token=flag-token');
    await expect(healthWith(gateway.url, { token: 'flag-token' })).resolves.toMatchObject({ ok: true });
    await expect(stat(tokenFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('an env token beats the config and is never printed', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { token: "config-token" } } }');
    const { gateway, stdout } = await start({}, { OPENCLAW_GATEWAY_TOKEN: 'env-token' });
    expect(gateway.secretSource).toBe('env');
    expect(stdout.text).not.toContain('env-token');
    expect(stdout.text).toMatch(/Control UI: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    await expect(healthWith(gateway.url, { token: 'env-token' })).resolves.toMatchObject({ ok: true });
  });

  test('a config password selects password auth', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { password: "config-password" } } }');
    const { gateway } = await start();
    expect(gateway).toMatchObject({ authMode: 'password', secretSource: 'config' });
    await expect(healthWith(gateway.url, { password: 'config-password' })).resolves.toMatchObject({ ok: true });
  });

  test('password mode without any password is refused with a typed error', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { mode: "password" } } }');
    const error = await start().catch((caught: unknown) => caught);
    expect(GatewayOptionsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'GATEWAY_AUTH_SECRET_MISSING' });
  });
});

describe('runGateway bind modes', () => {
  test('--bind lan listens on 0.0.0.0 with auth; the UI link uses 127.0.0.1', async () => {
    const { gateway, stdout } = await start({ bind: 'lan' });
    expect(gateway.host).toBe('0.0.0.0');
    expect(stdout.text).toMatch(new RegExp(`^rusty-claw gateway listening on ws://0\\.0\\.0\\.0:${gateway.port}\\nControl UI: http://127\\.0\\.0\\.1:${gateway.port}/#token=`));
    const token = (await readFile(tokenFile(), 'utf8')).trim();
    await expect(healthWith(`ws://127.0.0.1:${gateway.port}`, { token })).resolves.toMatchObject({ ok: true });
  });

  test('a non-loopback bind without auth is refused before anything is written', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { mode: "none" } } }');
    for (const flags of [{ bind: 'lan' as const }, { bind: 'custom' as const, customBindHost: '0.0.0.0' }]) {
      const error = await start(flags).catch((caught: unknown) => caught);
      expect(GatewayOptionsError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK' });
      expect((error as Error).message).toContain('without auth');
    }
    await expect(stat(join(stateDir, 'credentials'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('auth mode none is allowed on loopback', async () => {
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { auth: { mode: "none" } } }');
    const { gateway, stdout } = await start();
    expect(gateway.authMode).toBe('none');
    expect(stdout.text).not.toContain('#token=');
    await expect(healthWith(gateway.url, {})).resolves.toMatchObject({ ok: true });
  });

  test('--bind custom takes --host (or gateway.customBindHost) and needs an IP literal', async () => {
    const { gateway } = await start({ bind: 'custom', customBindHost: '127.0.0.2' });
    expect(gateway.host).toBe('127.0.0.2');
    for (const flags of [{ bind: 'custom' as const }, { bind: 'custom' as const, customBindHost: 'my-host.local' }]) {
      const error = await start(flags).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'GatewayOptionsError', code: 'GATEWAY_OPTIONS_INVALID' });
    }
    await writeFile(join(stateDir, 'rusty-claw.json'), '{ gateway: { bind: "custom", customBindHost: "127.0.0.3" } }');
    expect((await start()).gateway.host).toBe('127.0.0.3');
  });
});

describe('runGateway and the config file', () => {
  test('an invalid config refuses to start with every issue and changes nothing on disk', async () => {
    const file = join(stateDir, 'rusty-claw.json');
    await writeFile(file, '{ gateway: { port: "high", bind: "everywhere" }, typo: 1 }\n');
    const before = { bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs };
    const error = await start().catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    const issues = (error as ConfigError).issues;
    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['gateway.port', 'gateway.bind', 'typo']));
    expect(issues.find((issue) => issue.path === 'gateway.port')).toMatchObject({ received: 'high' });
    expect({ bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs }).toEqual(before);
    await expect(stat(join(stateDir, 'credentials'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('OpenClaw keys it does not support are printed by name as warnings; --config picks the file', async () => {
    const file = join(stateDir, 'elsewhere.json5');
    await writeFile(file, '{ gateway: { reload: { mode: "hot" }, tls: { enabled: false } } }');
    const { stderr } = await start({ config: file });
    expect(stderr.text).toContain('warning: config key gateway.reload is an OpenClaw setting Rusty Claw does not support yet');
    expect(stderr.text).toContain('warning: config key gateway.tls');
  });

  test('the config port is used when --port is absent', async () => {
    const probe = await start();
    const port = probe.gateway.port;
    await probe.gateway.close();
    await writeFile(join(stateDir, 'rusty-claw.json'), `{ gateway: { port: ${port} } }`);
    const { gateway } = await start({}, {}, { portFromConfig: true });
    expect(gateway.port).toBe(port);
  });
});

describe('runGateway: the embedded default web chat page', () => {
  const page = {
    path: '/chat',
    routes: async () => [{ method: 'GET' as const, path: '/chat', handler: (_request: unknown, response: ServerResponse) => void response.end('chat page') }],
  };

  test('mounts the page, prints its link with the scoped web chat token (not the operator token)', async () => {
    const { gateway, stdout } = await start({ webchatPage: page });
    const webchatToken = (await readFile(join(stateDir, 'credentials', 'webchat-token'), 'utf8')).trim();
    const operatorToken = (await readFile(tokenFile(), 'utf8')).trim();
    expect(webchatToken).not.toBe(operatorToken);
    const lines = stdout.text.trim().split('\n');
    expect(lines[2]).toBe(`WebChat: http://127.0.0.1:${gateway.port}/chat#token=${encodeURIComponent(webchatToken)}`);
    expect(lines[2]).not.toContain(operatorToken);
    const response = await fetch(`http://127.0.0.1:${gateway.port}/chat`);
    expect(await response.text()).toBe('chat page');
    // The web chat token is scoped: it connects, but an admin method is refused.
    const client = new GatewayClient({ url: gateway.url, token: webchatToken, scopes: ['operator.admin'], connectTimeoutMs: 3000 });
    try {
      const hello = await client.connect();
      expect(hello.auth?.scopes ?? []).not.toContain('operator.admin');
      await expect(client.request('config.get', {})).rejects.toMatchObject({ message: expect.stringContaining('missing scope') });
    } finally {
      await client.close();
    }
  });

  test('webchat: false prints no web chat line and creates no web chat token', async () => {
    const { stdout } = await start({ webchatPage: page, webchat: false });
    expect(stdout.text.trim().split('\n')).toHaveLength(2);
    await expect(stat(join(stateDir, 'credentials', 'webchat-token'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
