import { afterEach, describe, expect, it } from 'vitest';
import { RawSocket } from '../test-support/raw-socket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('gateway server: one port for HTTP and WebSocket', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function open(path = ''): Promise<RawSocket> {
    const socket = await RawSocket.open(`${gateway!.url}${path}`);
    sockets.push(socket);
    return socket;
  }

  it('answers /healthz and /readyz, and 404 elsewhere', async () => {
    gateway = await startTestGateway();
    const healthz = await fetch(`${gateway.httpUrl}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({ ok: true });
    const readyz = await fetch(`${gateway.httpUrl}/readyz`);
    expect(readyz.status).toBe(200);
    const other = await fetch(`${gateway.httpUrl}/nope`);
    expect(other.status).toBe(404);
    const post = await fetch(`${gateway.httpUrl}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('reports not ready (503) and refuses connects with "gateway starting" until start-up finished', async () => {
    gateway = await startTestGateway({ start: 'bind' });
    expect(gateway.server.ready).toBe(false);
    expect((await fetch(`${gateway.httpUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${gateway.httpUrl}/healthz`)).status).toBe(200);

    const early = await open();
    await early.challenge();
    early.send({ type: 'req', id: 'c1', method: 'connect', params: cliConnectParams() });
    const answer = await early.response('c1');
    expect(answer.error).toEqual({
      code: 'UNAVAILABLE',
      message: 'gateway starting; retry shortly',
      retryable: true,
      retryAfterMs: 500,
      details: { reason: 'startup-sidecars' },
    });
    expect((await early.closed).code).toBe(1013);

    await gateway.server.startServices();
    expect(gateway.server.ready).toBe(true);
    expect((await fetch(`${gateway.httpUrl}/readyz`)).status).toBe(200);
    const later = await open();
    await later.challenge();
    later.send({ type: 'req', id: 'c2', method: 'connect', params: cliConnectParams() });
    expect((await later.response('c2')).ok).toBe(true);
  });

  it('upgrades on any path and speaks first with connect.challenge (uuid nonce, ts, no seq)', async () => {
    gateway = await startTestGateway();
    const socket = await open('/any/path?x=1');
    const frame = await socket.waitFor((candidate) => candidate.event === 'connect.challenge');
    expect(frame).toEqual({ type: 'event', event: 'connect.challenge', payload: { nonce: expect.any(String), ts: expect.any(Number) } });
    expect(frame.payload.nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(frame).not.toHaveProperty('seq');
    const other = await open();
    expect((await other.challenge()).nonce).not.toBe(frame.payload.nonce);
  });

  it('close(): broadcasts shutdown, closes sockets with 1012 "service restart", stops listening', async () => {
    gateway = await startTestGateway();
    const socket = await open();
    await socket.challenge();
    expect((await socket.request('c1', 'connect', cliConnectParams())).ok).toBe(true);
    const pending = await open();
    await pending.challenge();

    await gateway.server.close('maintenance');
    const shutdown = await socket.waitFor((frame) => frame.event === 'shutdown').catch(() => undefined);
    expect(shutdown?.payload).toEqual({ reason: 'maintenance' });
    expect(typeof shutdown?.seq).toBe('number');
    expect(await socket.closed).toEqual({ code: 1012, reason: 'service restart' });
    expect((await pending.closed).code).toBe(1012);
    expect(gateway.server.ready).toBe(false);
    await expect(fetch(`${gateway.httpUrl}/healthz`)).rejects.toThrow();
    // Idempotent.
    await gateway.server.close();
  });
});
