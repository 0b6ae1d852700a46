import { HelloOkV3Schema, HelloOkV4Schema } from '@rusty-claw/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { RawSocket } from '../test-support/raw-socket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('handshake: first frame rules, negotiation, timeouts', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function open(options: Parameters<typeof startTestGateway>[0] = {}): Promise<RawSocket> {
    gateway ??= await startTestGateway(options);
    const socket = await RawSocket.open(gateway.url);
    sockets.push(socket);
    await socket.challenge();
    return socket;
  }

  /** The gateway is still healthy: a fresh client completes a handshake. */
  async function expectHealthy(): Promise<void> {
    const socket = await open();
    const hello = await socket.request('ok', 'connect', cliConnectParams());
    expect(hello.ok).toBe(true);
  }

  it('non-JSON first frame: closed without a response', async () => {
    const socket = await open();
    socket.send('this is not json');
    // Like OpenClaw: 1000 with an empty reason, and no frame after the challenge.
    expect(await socket.closed).toEqual({ code: 1000, reason: '' });
    expect(socket.frames.filter((frame) => frame.type === 'res')).toEqual([]);
    await expectHealthy();
  });

  it('a first frame that is not a request: closed 1008 without a response', async () => {
    const socket = await open();
    socket.send({ type: 'event', event: 'hello' });
    expect(await socket.closed).toEqual({ code: 1008, reason: 'invalid request frame' });
    expect(socket.frames.filter((frame) => frame.type === 'res')).toEqual([]);
    await expectHealthy();
  });

  it('a first request that is not connect: INVALID_REQUEST, then 1008', async () => {
    const socket = await open();
    const answer = await socket.request('x1', 'health');
    expect(answer).toEqual({
      type: 'res',
      id: 'x1',
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'invalid handshake: first request must be connect' },
    });
    expect(await socket.closed).toEqual({ code: 1008, reason: 'invalid handshake: first request must be connect' });
  });

  it('invalid connect params (missing key, extra key, wrong type) name the problem, then 1008', async () => {
    const missing = await open();
    const params = cliConnectParams();
    delete params['client'];
    const answer = await missing.request('c1', 'connect', params);
    expect(answer.error?.code).toBe('INVALID_REQUEST');
    expect(answer.error?.message).toBe("invalid connect params: must have required property 'client'");
    expect((await missing.closed).code).toBe(1008);

    const extra = await open();
    const extraAnswer = await extra.request('c2', 'connect', cliConnectParams({ bogus: true }));
    expect(extraAnswer.error?.message).toBe("invalid connect params: at root: unexpected property 'bogus'");

    const wrongType = await open();
    const wrongAnswer = await wrongType.request('c3', 'connect', cliConnectParams({ minProtocol: 'three' }));
    expect(wrongAnswer.error?.message).toBe('invalid connect params: at /minProtocol: must be number');
    await expectHealthy();
  });

  it('binary frames are decoded as UTF-8 text', async () => {
    const socket = await open();
    socket.send(Buffer.from(JSON.stringify({ type: 'req', id: 'b1', method: 'connect', params: cliConnectParams() }), 'utf8'));
    expect((await socket.response('b1')).ok).toBe(true);
  });

  it('answers the highest common protocol version and shapes hello-ok for it', async () => {
    const v3 = await open();
    const helloV3 = await v3.request('c', 'connect', cliConnectParams({ minProtocol: 3, maxProtocol: 3 }));
    expect(helloV3.payload.protocol).toBe(3);
    expect(HelloOkV3Schema.safeParse(helloV3.payload).success).toBe(true);
    expect(helloV3.payload.auth).not.toHaveProperty('method');
    expect(helloV3.payload).not.toHaveProperty('canvasHostUrl');

    const both = await open();
    const helloBoth = await both.request('c', 'connect', cliConnectParams({ minProtocol: 1, maxProtocol: 9 }));
    expect(helloBoth.payload.protocol).toBe(4);
    expect(HelloOkV4Schema.safeParse(helloBoth.payload).success).toBe(true);
    expect(helloBoth.payload.auth.method).toBe('token');
  });

  it('protocol mismatch: INVALID_REQUEST with PROTOCOL_MISMATCH details, then 1002', async () => {
    const socket = await open();
    const answer = await socket.request('c1', 'connect', cliConnectParams({ minProtocol: 5, maxProtocol: 6 }));
    expect(answer.error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'protocol mismatch',
      details: { code: 'PROTOCOL_MISMATCH', clientMinProtocol: 5, clientMaxProtocol: 6, expectedProtocol: 4, minimumProbeProtocol: 3 },
    });
    expect(await socket.closed).toEqual({ code: 1002, reason: 'protocol mismatch' });
    await expectHealthy();
  });

  it('invalid role: INVALID_REQUEST "invalid role", then 1008', async () => {
    const socket = await open();
    const answer = await socket.request('c1', 'connect', cliConnectParams({ role: 'superuser' }));
    expect(answer.error).toEqual({ code: 'INVALID_REQUEST', message: 'invalid role' });
    expect((await socket.closed).code).toBe(1008);
  });

  it('closes a socket that never completes the handshake (1000)', async () => {
    const socket = await open({ policy: { handshakeTimeoutMs: 50 } });
    expect((await socket.closed).code).toBe(1000);
  });

  it('a second connect is refused but the socket stays usable', async () => {
    const socket = await open();
    expect((await socket.request('c1', 'connect', cliConnectParams())).ok).toBe(true);
    const again = await socket.request('c2', 'connect', cliConnectParams());
    expect(again.error).toEqual({ code: 'INVALID_REQUEST', message: 'connect is only valid as the first request' });
    expect((await socket.request('h1', 'health')).ok).toBe(true);
  });

  it('frames sent right after connect (before hello-ok arrives) are answered after it', async () => {
    const socket = await open();
    socket.send({ type: 'req', id: 'c1', method: 'connect', params: cliConnectParams() });
    socket.send({ type: 'req', id: 'h1', method: 'health' });
    expect((await socket.response('c1')).ok).toBe(true);
    expect((await socket.response('h1')).ok).toBe(true);
    const order = socket.frames.filter((frame) => frame.type === 'res').map((frame) => frame.id);
    expect(order).toEqual(['c1', 'h1']);
  });
});
