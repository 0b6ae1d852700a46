import { validateConfig } from '@rusty-claw/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';
import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import { connectRaw, type RawSocket } from '../test-support/raw-socket.js';
import { TEST_TOKEN, cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('connect auth: shared token / password / none', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function connect(params: Record<string, unknown>, headers: Record<string, string> = {}) {
    const result = await connectRaw(gateway!.url, () => params, { headers });
    sockets.push(result.socket);
    return result;
  }

  it('wrong token from a v3 CLI: OpenClaw 2026.5.7 text and details, closed 1008 with the same text', async () => {
    gateway = await startTestGateway();
    const { socket, answer } = await connect(cliConnectParams({ maxProtocol: 3, auth: { token: 'nope' } }));
    const message = 'unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)';
    expect(answer.error).toEqual({
      code: 'INVALID_REQUEST',
      message,
      details: { code: 'AUTH_TOKEN_MISMATCH', authReason: 'token_mismatch', canRetryWithDeviceToken: false, recommendedNextStep: 'update_auth_credentials' },
    });
    expect(await socket.closed).toEqual({ code: 1008, reason: message });
  });

  it('wrong token from a local v4 CLI: the 2026.9.6 wording', async () => {
    gateway = await startTestGateway();
    const { answer } = await connect(cliConnectParams({ minProtocol: 4, auth: { token: 'nope' } }));
    expect(answer.error?.message).toBe("unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)");
  });

  it('wrong token from the Control UI: the dashboard hint', async () => {
    gateway = await startTestGateway();
    const { answer } = await connect(
      cliConnectParams({ client: { id: 'openclaw-control-ui', version: 'control-ui', platform: 'web', mode: 'webchat' }, auth: { token: 'nope' } }),
      { origin: `http://127.0.0.1:${gateway.port}` },
    );
    expect(answer.error?.message).toBe('unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI settings)');
  });

  it('no secret and no device: NOT_PAIRED "device identity required"', async () => {
    gateway = await startTestGateway();
    const params = cliConnectParams();
    delete params['auth'];
    const { socket, answer } = await connect(params);
    expect(answer.error).toEqual({ code: 'NOT_PAIRED', message: 'device identity required', details: { code: 'DEVICE_IDENTITY_REQUIRED' } });
    expect(await socket.closed).toEqual({ code: 1008, reason: 'device identity required' });
  });

  it('a valid secret without a device gets the operator scopes it asked for (the owner\'s credential)', async () => {
    gateway = await startTestGateway();
    const { socket, answer } = await connect(cliConnectParams({ scopes: ['operator.read', 'operator.pairing'] }));
    expect(answer.payload.auth).toEqual({ method: 'token', role: 'operator', scopes: ['operator.read', 'operator.pairing'] });
    expect((await socket.request('p1', 'device.pair.list', {})).ok).toBe(true);
    expect((await socket.request('p2', 'config.schema', {})).error?.message).toBe('missing scope: operator.admin');
  });

  it('node role needs a device even with the secret', async () => {
    gateway = await startTestGateway();
    const { answer } = await connect(cliConnectParams({ role: 'node', client: { id: 'node-host', version: 't', platform: 'linux', mode: 'node' } }));
    expect(answer.error?.details).toEqual({ code: 'DEVICE_IDENTITY_REQUIRED' });
  });

  it('password mode: right password in, wrong password out with the password wording', async () => {
    gateway = await startTestGateway({ auth: { mode: 'password', password: 'hunter2-hunter2' } });
    expect((await connect(cliConnectParams({ auth: { password: 'hunter2-hunter2' } }))).answer.ok).toBe(true);
    const wrong = await connect(cliConnectParams({ maxProtocol: 3, auth: { password: 'nope' } }));
    expect(wrong.answer.error?.message).toBe('unauthorized: gateway password mismatch (set gateway.remote.password to match gateway.auth.password)');
    expect(wrong.answer.error?.details.code).toBe('AUTH_PASSWORD_MISMATCH');
    const tokenInstead = await connect(cliConnectParams({ maxProtocol: 3, auth: { token: TEST_TOKEN } }));
    expect(tokenInstead.answer.error?.details).toMatchObject({ code: 'AUTH_PASSWORD_MISSING', recommendedNextStep: 'update_auth_configuration' });
  });

  it('failed attempts are limited per client IP, then locked out with AUTH_RATE_LIMITED; the lockout ends', async () => {
    let now = 1_000_000;
    gateway = await startTestGateway({ now: () => now, policy: { authRateLimit: { maxAttempts: 3, windowMs: 60_000, lockoutMs: 30_000, exemptLoopback: false } } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await connect(cliConnectParams({ auth: { token: `wrong-${attempt}` } }))).answer.error?.details.code).toBe('AUTH_TOKEN_MISMATCH');
    }
    const locked = await connect(cliConnectParams());
    expect(locked.answer.error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'unauthorized: too many failed authentication attempts (retry later)',
      details: { code: 'AUTH_RATE_LIMITED', authReason: 'rate_limited', canRetryWithDeviceToken: false, recommendedNextStep: 'wait_then_retry' },
      retryAfterMs: 30_000,
    });
    expect((await locked.socket.closed).code).toBe(1008);
    now += 30_001;
    expect((await connect(cliConnectParams())).answer.ok).toBe(true);
  });

  it('exemptLoopback (the config default) keeps local clients out of the limiter', async () => {
    gateway = await startTestGateway({ configInput: { gateway: { auth: { rateLimit: { maxAttempts: 1 } } } } });
    await connect(cliConnectParams({ auth: { token: 'wrong' } }));
    await connect(cliConnectParams({ auth: { token: 'wrong' } }));
    expect((await connect(cliConnectParams())).answer.ok).toBe(true);
  });

  it('mode none on loopback: no secret needed', async () => {
    gateway = await startTestGateway({ auth: { mode: 'none' } });
    const params = cliConnectParams();
    delete params['auth'];
    const { answer } = await connect(params);
    expect(answer.payload.auth).toMatchObject({ method: 'none', scopes: ['operator.admin'] });
  });
});

describe('browser origins', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];
  const UI = { id: 'openclaw-control-ui', version: 'control-ui', platform: 'web', mode: 'webchat' };

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function connect(params: Record<string, unknown>, headers: Record<string, string>) {
    const result = await connectRaw(gateway!.url, () => params, { headers });
    sockets.push(result.socket);
    return result;
  }

  it('a page from another origin cannot use the gateway, even with the token', async () => {
    gateway = await startTestGateway();
    const { socket, answer } = await connect(cliConnectParams(), { origin: 'https://evil.example' });
    const message = 'origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)';
    expect(answer.error).toEqual({ code: 'INVALID_REQUEST', message, details: { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED', reason: 'origin not allowed' } });
    expect((await socket.closed).code).toBe(1008);
  });

  it('the Control UI must come from a loopback origin locally, or an allowed one', async () => {
    gateway = await startTestGateway({ configInput: { gateway: { controlUi: { allowedOrigins: ['https://ui.example'] } } } });
    expect((await connect(cliConnectParams({ client: UI }), {})).answer.error?.details).toEqual({
      code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED',
      reason: 'origin missing or invalid',
    });
    expect((await connect(cliConnectParams({ client: UI }), { origin: `http://localhost:${gateway.port}` })).answer.ok).toBe(true);
    expect((await connect(cliConnectParams({ client: UI }), { origin: 'https://ui.example' })).answer.ok).toBe(true);
    expect((await connect(cliConnectParams({ client: UI }), { origin: 'http://127.0.0.1', 'x-forwarded-for': '203.0.113.9' })).answer.ok).toBe(false);
  });
});

describe('createGateway option checks', () => {
  const base = { config: validateConfig({}).config, configPath: '/tmp/none.json', stateDir: '/tmp/none' };

  it('refuses auth mode none off loopback', () => {
    const attempt = () => createGateway({ ...base, host: '0.0.0.0', auth: { mode: 'none' } });
    expect(attempt).toThrow(GatewayOptionsError);
    try {
      attempt();
    } catch (error) {
      expect(GatewayOptionsError.isInstance(error) && error.code).toBe('GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK');
    }
    expect(() => createGateway({ ...base, host: '::1', auth: { mode: 'none' } })).not.toThrow();
  });

  it('refuses a token mode without a token, and policy limits that are not positive integers', () => {
    expect(() => createGateway({ ...base, auth: { mode: 'token' } })).toThrow(/needs a non-empty auth.token/);
    expect(() => createGateway({ ...base, auth: { mode: 'password', password: ' ' } })).toThrow(GatewayOptionsError);
    expect(() => createGateway({ ...base, auth: { mode: 'token', token: 't' }, policy: { maxPayload: 0 } })).toThrow(/policy.maxPayload/);
    expect(() => createGateway({ ...base, auth: { mode: 'token', token: 't' }, policy: { tickIntervalMs: 1.5 } })).toThrow(/policy.tickIntervalMs/);
  });
});
