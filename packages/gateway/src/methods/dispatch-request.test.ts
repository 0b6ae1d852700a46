import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, signedDevice } from '../test-support/device-signing.js';
import { connectRaw, type RawSocket } from '../test-support/raw-socket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('request dispatch: frame validation, scope gate, unknown methods, params', () => {
  let gateway: TestGateway;
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    gateway = await startTestGateway();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway.close();
  });

  async function client(overrides: Record<string, unknown> = {}): Promise<RawSocket> {
    const { socket, answer } = await connectRaw(gateway.url, () => cliConnectParams(overrides));
    sockets.push(socket);
    expect(answer.ok).toBe(true);
    return socket;
  }

  /** The socket is still open and answering. */
  async function expectAlive(socket: RawSocket): Promise<void> {
    expect((await socket.request(`alive-${socket.frames.length}`, 'health')).ok).toBe(true);
  }

  it('invalid request frames are answered with the id when one can be read; the socket stays open', async () => {
    const socket = await client();
    socket.send({ type: 'req', id: 'xf', method: 'health', extra: 1 });
    expect((await socket.response('xf')).error).toEqual({
      code: 'INVALID_REQUEST',
      message: "invalid request frame: at root: unexpected property 'extra'",
    });
    socket.send({ type: 'bogus', id: 'b1' });
    expect((await socket.response('b1')).error?.message).toBe("invalid request frame: must have required property 'method'; at /type: must be equal to constant");
    socket.send({ type: 'req', id: 42, method: 'health' });
    expect((await socket.response('invalid')).error?.message).toBe('invalid request frame: at /id: must be string');
    await expectAlive(socket);
  });

  it('non-JSON and binary garbage after the handshake get a typed error, not a dropped socket', async () => {
    const socket = await client();
    socket.send('{not json');
    expect((await socket.response('invalid')).error).toEqual({ code: 'INVALID_REQUEST', message: 'invalid request frame: not valid JSON' });
    socket.send(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    await socket.waitFor((frame) => frame.type === 'res' && frame.id === 'invalid' && socket.frames.filter((f) => f.id === 'invalid').length === 2);
    await expectAlive(socket);
  });

  it('missing scope: v3 INVALID_REQUEST, v4 FORBIDDEN with MISSING_SCOPE details', async () => {
    const v3 = await client({ maxProtocol: 3, scopes: ['operator.read'] });
    expect((await v3.request('s1', 'config.set', { raw: '{}' })).error).toEqual({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' });
    const v4 = await client({ scopes: ['operator.read'] });
    expect((await v4.request('s2', 'device.pair.list', {})).error).toEqual({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.pairing',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.pairing', requiredScopes: ['operator.pairing'] },
    });
    // Unclassified methods need admin, so a read-only caller learns nothing about whether they exist.
    expect((await v4.request('s3', 'no.such.method')).error?.details).toMatchObject({ missingScope: 'operator.admin' });
    // health needs no scope at all.
    const none = await client({ scopes: [] });
    expect((await none.request('s4', 'health')).ok).toBe(true);
    expect((await none.request('s5', 'status')).error?.message).toBe('missing scope: operator.read');
    await expectAlive(v4);
  });

  it('a second connect passes the scope gate first (unclassified: admin), then is refused; the socket stays open', async () => {
    const v3 = await client({ maxProtocol: 3, scopes: ['operator.read'] });
    expect((await v3.request('c3', 'connect', {})).error).toEqual({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' });
    const v4 = await client({ scopes: ['operator.read'] });
    expect((await v4.request('c4', 'connect', {})).error).toEqual({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] },
    });
    const admin = await client({ scopes: ['operator.admin'] });
    expect((await admin.request('c5', 'connect', {})).error).toEqual({ code: 'INVALID_REQUEST', message: 'connect is only valid as the first request' });
    await expectAlive(v4);
    await expectAlive(admin);
  });

  it('nested issues read in Ajv order: per object, missing keys, then unexpected keys, then properties', async () => {
    const socket = await client();
    socket.send({ id: 'n1', extra: 1, method: 7 });
    expect((await socket.response('n1')).error?.message).toBe(
      "invalid request frame: must have required property 'type'; at root: unexpected property 'extra'; at /method: must be string",
    );
  });

  it('write covers read; admin covers everything', async () => {
    const writer = await client({ scopes: ['operator.write'] });
    expect((await writer.request('w1', 'system-presence')).ok).toBe(true);
    expect((await writer.request('w2', 'device.pair.list', {})).error?.code).toBe('FORBIDDEN');
  });

  it('unknown method (caller holds the scope): INVALID_REQUEST "unknown method: X"', async () => {
    const socket = await client();
    expect((await socket.request('u1', 'no.such.method', {})).error).toEqual({ code: 'INVALID_REQUEST', message: 'unknown method: no.such.method' });
    await expectAlive(socket);
  });

  it('invalid params: "invalid <method> params: <readable text>"', async () => {
    const socket = await client();
    expect((await socket.request('p1', 'config.get', { bogus: 1 })).error).toEqual({
      code: 'INVALID_REQUEST',
      message: "invalid config.get params: at root: unexpected property 'bogus'",
    });
    expect((await socket.request('p2', 'device.pair.approve', {})).error?.message).toBe("invalid device.pair.approve params: must have required property 'requestId'");
    expect((await socket.request('p3', 'device.pair.approve', { requestId: 7 })).error?.message).toBe(
      'invalid device.pair.approve params: at /requestId: must be string',
    );
    expect((await socket.request('p4', 'health', { probe: 'yes' })).error?.message).toBe('invalid health params: at /probe: must be boolean');
    // Unknown keys on open params are dropped, as OpenClaw accepts `health {bogus:1}`.
    expect((await socket.request('p5', 'health', { bogus: 1 })).ok).toBe(true);
  });

  it('wrong role: "unauthorized role: X"; more than 10 in a row close the socket', async () => {
    const identity = generateDeviceIdentity();
    const params = cliConnectParams({ role: 'node', scopes: [], client: { id: 'node-host', version: 't', platform: 'linux', mode: 'node' } });
    const { socket, answer } = await connectRaw(gateway.url, (nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params }) }));
    sockets.push(socket);
    expect(answer.ok).toBe(true);
    expect(answer.payload.auth.role).toBe('node');
    expect((await socket.request('h', 'health')).ok).toBe(true);
    for (let index = 0; index < 10; index += 1) {
      expect((await socket.request(`r${index}`, 'status')).error).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: node' });
    }
    socket.send({ type: 'req', id: 'r10', method: 'status' });
    expect(await socket.closed).toEqual({ code: 1008, reason: 'repeated unauthorized calls' });
  });

  it('an operator calling a node-only method: "unauthorized role: operator"', async () => {
    const socket = await client();
    expect((await socket.request('n1', 'node.event', {})).error).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: operator' });
  });
});
