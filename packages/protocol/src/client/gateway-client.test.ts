import { afterEach, describe, expect, it } from 'vitest';
import { buildDeviceAuthPayload } from '../device/device-auth-payload.js';
import { generateDeviceIdentity } from '../device/device-identity.js';
import { verifyDeviceSignature } from '../device/device-signature.js';
import { GatewayClientError } from '../errors/gateway-client-error.js';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { ConnectParamsSchema } from '../schema/connect-params.js';
import { startFakeGateway, helloOkV3, type FakeGateway, type FakeGatewayOptions } from '../testing/fake-gateway.js';
import { GatewayClient } from './gateway-client.js';
import type { GatewayClientOptions } from './gateway-client-options.js';

let gateway: FakeGateway | undefined;
const clients: GatewayClient[] = [];

async function setup(options: FakeGatewayOptions = {}, clientOptions: Partial<GatewayClientOptions> = {}): Promise<{ gateway: FakeGateway; client: GatewayClient; errors: Error[] }> {
  gateway = await startFakeGateway(options);
  const errors: Error[] = [];
  const client = new GatewayClient({ url: gateway.url, token: 'secret', scopes: ['operator.read'], onError: (e) => errors.push(e), ...clientOptions });
  clients.push(client);
  return { gateway, client, errors };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await gateway?.close();
  gateway = undefined;
});

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => {
      if (check()) resolve();
      else setTimeout(poll, 2);
    };
    poll();
  });
}

describe('handshake', () => {
  it('waits for the challenge, sends a valid connect, resolves with hello-ok', async () => {
    const { gateway, client } = await setup();
    const hello = await client.connect();
    expect(hello.protocol).toBe(3);
    expect(client.hello).toEqual(hello);
    const connect = gateway.connections[0]?.received[0] as { id: string; method: string; params: Record<string, unknown> };
    expect(connect.method).toBe('connect');
    expect(connect.id).toMatch(/^1:[0-9a-f-]{36}$/);
    expect(ConnectParamsSchema.safeParse(connect.params).success).toBe(true);
    expect(connect.params).toMatchObject({
      minProtocol: 3,
      maxProtocol: 4,
      client: { id: 'cli', mode: 'cli', platform: process.platform },
      role: 'operator',
      scopes: ['operator.read'],
      caps: [],
      auth: { token: 'secret' },
    });
    expect(connect.params['device']).toBeUndefined();
  });

  it('signs the v3 payload over the challenge nonce when given a device identity', async () => {
    const device = generateDeviceIdentity();
    const { gateway, client } = await setup({}, { device, client: { deviceFamily: 'Linux' } });
    await client.connect();
    const connection = gateway.connections[0];
    const params = connection?.received[0]?.['params'] as { device: { id: string; publicKey: string; signature: string; signedAt: number; nonce: string } };
    expect(params.device.id).toBe(device.deviceId);
    expect(params.device.nonce).toBe(connection?.nonce);
    expect(params.device.signedAt).toBe(connection?.challengeTs);
    const payload = buildDeviceAuthPayload({
      version: 'v3',
      deviceId: device.deviceId,
      clientId: 'cli',
      clientMode: 'cli',
      role: 'operator',
      scopes: ['operator.read'],
      signedAtMs: params.device.signedAt,
      token: 'secret',
      nonce: params.device.nonce,
      platform: process.platform,
      deviceFamily: 'Linux',
    });
    expect(verifyDeviceSignature(params.device.publicKey, payload, params.device.signature)).toBe(true);
  });

  it('fails with CONNECT_FAILED when no challenge arrives, closing 1008', async () => {
    const { gateway, client } = await setup({ challenge: 'none' }, { connectTimeoutMs: 50 });
    const error = await client.connect().catch((e: unknown) => e);
    expect(GatewayClientError.isInstance(error) && error.code).toBe('CONNECT_FAILED');
    expect((error as Error).message).toMatch(/no connect\.challenge within 50 ms/);
    await until(() => gateway.closes.length === 1);
    expect(gateway.closes[0]).toEqual({ code: 1008, reason: 'connect challenge timeout' });
  });

  it('fails when the challenge has no nonce', async () => {
    const { client } = await setup({ challenge: 'no-nonce' });
    await expect(client.connect()).rejects.toThrow(/no nonce/);
  });

  it('rejects a refused connect with the wire error (ProtocolError-compatible)', async () => {
    const details = { code: 'AUTH_TOKEN_MISMATCH', authReason: 'token_mismatch', canRetryWithDeviceToken: false, recommendedNextStep: 'update_auth_credentials' };
    const { client } = await setup({ onConnect: () => ({ ok: false, error: { code: 'INVALID_REQUEST', message: 'unauthorized: gateway token mismatch', details } }) });
    const error = await client.connect().catch((e: unknown) => e);
    expect(GatewayRequestError.isInstance(error)).toBe(true);
    const requestError = error as GatewayRequestError;
    expect(requestError).toMatchObject({ name: 'ProtocolError', code: 'INVALID_REQUEST', method: 'connect', details });
    expect(requestError.detailCode).toBe('AUTH_TOKEN_MISMATCH');
    expect((error as Record<symbol, unknown>)[Symbol.for('rusty-claw.error')]).toBe(true);
  });

  it('refuses an invalid hello-ok', async () => {
    const { client } = await setup({ onConnect: () => ({ ok: true, payload: { ...helloOkV3(), extra: true } }) });
    await expect(client.connect()).rejects.toSatisfy((e: unknown) => GatewayClientError.isInstance(e) && e.code === 'CONNECT_FAILED' && /invalid hello-ok/.test(e.message));
  });

  it('fails with CONNECT_FAILED when nothing listens', async () => {
    const closed = await startFakeGateway();
    const url = closed.url;
    await closed.close();
    const client = new GatewayClient({ url });
    clients.push(client);
    await expect(client.connect()).rejects.toSatisfy((e: unknown) => GatewayClientError.isInstance(e) && e.code === 'CONNECT_FAILED');
  });
});

describe('requests', () => {
  it('correlates out-of-order responses by id and omits absent params', async () => {
    const { gateway, client } = await setup({ methods: { a: () => 'silent', b: () => 'silent' } });
    await client.connect();
    const first = client.request('a', { n: 1 });
    const second = client.request('b');
    const connection = gateway.connections[0];
    await until(() => (connection?.received.length ?? 0) === 3);
    const [, reqA, reqB] = connection?.received ?? [];
    expect(reqB).toEqual({ type: 'req', id: reqB?.['id'], method: 'b' });
    expect(String(reqA?.['id'])).toMatch(/^2:/);
    connection?.send({ type: 'res', id: reqB?.['id'], ok: true, payload: 'B' });
    connection?.send({ type: 'res', id: reqA?.['id'], ok: true, payload: 'A' });
    expect(await Promise.all([first, second])).toEqual(['A', 'B']);
  });

  it('rejects ok:false with the wire error', async () => {
    const { client } = await setup({
      methods: { 'system-presence': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'missing scope: operator.read', details: { code: 'MISSING_SCOPE' }, retryable: false } }) },
    });
    await client.connect();
    await expect(client.request('system-presence')).rejects.toMatchObject({ name: 'ProtocolError', code: 'FORBIDDEN', method: 'system-presence', detailCode: 'MISSING_SCOPE' });
    await expect(client.request('no.such')).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown method: no.such' });
  });

  it('times out a request and ignores the late answer', async () => {
    const { gateway, client, errors } = await setup({ methods: { slow: () => 'silent' } });
    await client.connect();
    const error = await client.request('slow', {}, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(GatewayClientError.isInstance(error) && error.code).toBe('TIMEOUT');
    const late = gateway.connections[0]?.received[1];
    gateway.connections[0]?.send({ type: 'res', id: late?.['id'], ok: true, payload: 1 });
    expect(await client.request('no.such').catch(() => 'still works')).toBe('still works');
    expect(errors).toEqual([]);
  });

  it('expectFinal skips the accepted interim response', async () => {
    const agent = (_params: unknown, frame: Record<string, unknown>, connection: { send: (f: unknown) => void }): 'silent' => {
      connection.send({ type: 'res', id: frame['id'], ok: true, payload: { runId: 'r1', status: 'accepted', acceptedAt: 1 } });
      connection.send({ type: 'res', id: frame['id'], ok: true, payload: { runId: 'r1', status: 'ok', summary: 'completed' } });
      return 'silent';
    };
    const { client } = await setup({ methods: { agent } });
    await client.connect();
    expect(await client.request('agent', { message: 'hi' }, { expectFinal: true })).toMatchObject({ status: 'ok' });
    expect(await client.request('agent', { message: 'hi' })).toMatchObject({ status: 'accepted' });
  });

  it('rejects requests before connect and after close with CLOSED', async () => {
    const { client } = await setup();
    await expect(client.request('health')).rejects.toSatisfy((e: unknown) => GatewayClientError.isInstance(e) && e.code === 'CLOSED');
    await client.connect();
    await client.close();
    await expect(client.request('health')).rejects.toSatisfy((e: unknown) => GatewayClientError.isInstance(e) && e.code === 'CLOSED');
    await expect(client.connect()).rejects.toSatisfy((e: unknown) => GatewayClientError.isInstance(e) && e.code === 'CLOSED');
  });

  it('rejects every pending request when the connection closes', async () => {
    const closes: Array<{ code: number; reason: string }> = [];
    const { gateway, client } = await setup({ methods: { a: () => 'silent', b: () => 'silent' } }, { onClose: (info) => closes.push(info) });
    await client.connect();
    const pending = [client.request('a'), client.request('b')].map((p) => p.catch((e: unknown) => e));
    await until(() => gateway.connections[0]?.received.length === 3);
    gateway.connections[0]?.socket.close(1012, 'service restart');
    for (const error of await Promise.all(pending)) {
      expect(GatewayClientError.isInstance(error) && error.code).toBe('CLOSED');
      expect((error as GatewayClientError).closeCode).toBe(1012);
    }
    expect(closes).toEqual([{ code: 1012, reason: 'service restart' }]);
  });
});

describe('events and inbound validation', () => {
  it('delivers events, reports seq gaps, keeps going', async () => {
    const events: string[] = [];
    const { gateway, client, errors } = await setup({}, { onEvent: (e) => events.push(`${e.event}:${e.seq ?? '-'}`) });
    await client.connect();
    const connection = gateway.connections[0];
    connection?.send({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 });
    connection?.send({ type: 'event', event: 'tick', payload: { ts: 2 }, seq: 2 });
    connection?.send({ type: 'event', event: 'presence', payload: { presence: [] }, seq: 5, stateVersion: { presence: 1, health: 0 } });
    connection?.send({ type: 'event', event: 'session.message', payload: {} });
    await until(() => events.length === 4);
    expect(events).toEqual(['tick:1', 'tick:2', 'presence:5', 'session.message:-']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'SEQ_GAP', details: { expected: 3, received: 5 } });
  });

  it('reports invalid frames to onError instead of throwing, and stays usable', async () => {
    const events: string[] = [];
    const { gateway, client, errors } = await setup({ methods: { health: () => ({ ok: true, payload: { ok: true } }) } }, { onEvent: (e) => events.push(e.event) });
    await client.connect();
    const connection = gateway.connections[0];
    connection?.sendRaw('{not json');
    connection?.send({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1, traceparent: 'x' });
    connection?.send({ type: 'res', id: 'x', ok: 'yes' });
    connection?.send({ type: 'bogus' });
    expect(await client.request('health')).toEqual({ ok: true });
    expect(errors.map((e) => (e as GatewayClientError).code)).toEqual(['INVALID_FRAME', 'INVALID_FRAME', 'INVALID_FRAME', 'INVALID_FRAME']);
    expect(events).toEqual([]);
  });

  it('reports a throwing onEvent as HANDLER_FAILED', async () => {
    const { gateway, client, errors } = await setup({}, { onEvent: () => { throw new Error('boom'); } });
    await client.connect();
    gateway.connections[0]?.send({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 });
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 'HANDLER_FAILED' });
  });
});

describe('reconnect', () => {
  const fast = { initialDelayMs: 5, maxDelayMs: 20 };

  it('reports a gap when the first event of a socket is not seq 1', async () => {
    const { gateway, client, errors } = await setup();
    await client.connect();
    gateway.connections[0]?.send({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 3 });
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 'SEQ_GAP', details: { expected: 1, received: 3 } });
  });

  it('reconnects after a drop with a fresh handshake and resets seq tracking', async () => {
    const hellos: number[] = [];
    const { gateway, client, errors } = await setup({ methods: { health: () => ({ ok: true, payload: 'ok' }) } }, { reconnect: fast, onHello: () => hellos.push(hellos.length) });
    await client.connect();
    gateway.connections[0]?.send({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 });
    gateway.connections[0]?.send({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 2 });
    gateway.connections[0]?.socket.close(1012, 'service restart');
    await gateway.waitForConnections(2);
    await until(() => hellos.length === 2);
    gateway.connections[1]?.send({ type: 'event', event: 'tick', payload: { ts: 2 }, seq: 1 });
    expect(await client.request('health')).toBe('ok');
    expect(errors).toEqual([]);
    // The new socket counts from 1 again: seq 3 next means seq 2 was lost on this socket.
    gateway.connections[1]?.send({ type: 'event', event: 'tick', payload: { ts: 3 }, seq: 3 });
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 'SEQ_GAP', details: { expected: 2, received: 3 } });
  });

  it('retries a failed first connect (e.g. "gateway starting", 1013)', async () => {
    const { gateway, client } = await setup({ onConnect: (_p, _c, index) => (index === 0 ? { close: 1013, reason: 'gateway starting' } : { ok: true, payload: helloOkV3() }) }, { reconnect: fast });
    expect((await client.connect()).type).toBe('hello-ok');
    expect(gateway.connections).toHaveLength(2);
  });

  it('honours retryAfterMs of a retryable refusal', async () => {
    const started = Date.now();
    const { gateway, client } = await setup(
      {
        onConnect: (_p, _c, index) =>
          index === 0 ? { ok: false, error: { code: 'UNAVAILABLE', message: 'gateway starting; retry shortly', retryable: true, retryAfterMs: 60, details: { reason: 'startup-sidecars' } } } : { ok: true, payload: helloOkV3() },
      },
      { reconnect: fast },
    );
    await client.connect();
    expect(gateway.connections).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  it.each(['PAIRING_REQUIRED', 'AUTH_PASSWORD_MISMATCH', 'AUTH_RATE_LIMITED', 'DEVICE_IDENTITY_REQUIRED'])('stops on the non-retryable %s', async (code) => {
    const { gateway, client } = await setup({ onConnect: () => ({ ok: false, error: { code: 'NOT_PAIRED', message: 'no', details: { code } } }) }, { reconnect: fast });
    await expect(client.connect()).rejects.toMatchObject({ name: 'ProtocolError', detailCode: code });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(gateway.connections).toHaveLength(1);
  });

  it('gives up after maxAttempts', async () => {
    const { gateway, client } = await setup({ onConnect: () => ({ close: 1013, reason: 'gateway starting' }) }, { reconnect: { ...fast, maxAttempts: 3 } });
    await expect(client.connect()).rejects.toSatisfy((e: unknown) => GatewayClientError.isInstance(e) && e.code === 'CONNECT_FAILED' && e.closeCode === 1013);
    expect(gateway.connections).toHaveLength(3);
  });

  it('close() stops a pending reconnect', async () => {
    const { gateway, client } = await setup({}, { reconnect: { initialDelayMs: 5_000, maxDelayMs: 5_000 }, random: () => 0.99 });
    await client.connect();
    gateway.connections[0]?.socket.close(1012, 'restart');
    await until(() => client.hello !== undefined && gateway.closes.length === 1);
    await client.close();
    expect(gateway.connections).toHaveLength(1);
  });
});

describe('options', () => {
  it('refuses unusable options with INVALID_OPTIONS', () => {
    const invalid = (options: GatewayClientOptions): unknown => {
      try {
        return new GatewayClient(options);
      } catch (error) {
        return error;
      }
    };
    for (const options of [
      { url: 'not a url' },
      { url: 'http://127.0.0.1:1' },
      { url: 'ws://192.168.1.10:18789' },
      { url: 'ws://127.0.0.1:1', client: { id: 'my-app' as never } },
    ]) {
      const error = invalid(options);
      expect(GatewayClientError.isInstance(error) && error.code, options.url).toBe('INVALID_OPTIONS');
    }
    expect(invalid({ url: 'ws://192.168.1.10:18789', allowInsecureRemote: true })).toBeInstanceOf(GatewayClient);
    expect(invalid({ url: 'wss://gateway.example:443' })).toBeInstanceOf(GatewayClient);
    expect(invalid({ url: 'ws://localhost:18789' })).toBeInstanceOf(GatewayClient);
    expect(invalid({ url: 'ws://[::1]:18789' })).toBeInstanceOf(GatewayClient);
  });
});
