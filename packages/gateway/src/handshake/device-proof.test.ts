import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HelloOkV4Schema } from '@rusty-claw/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, signedDevice } from '../test-support/device-signing.js';
import { connectRaw, type RawSocket, type WireFrame } from '../test-support/raw-socket.js';
import { TEST_TOKEN, cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('handshake: Ed25519 device proof (§3.3)', () => {
  let gateway: TestGateway;
  const sockets: RawSocket[] = [];
  const identity = generateDeviceIdentity();
  const params = cliConnectParams({ scopes: ['operator.read'] });

  beforeEach(async () => {
    gateway = await startTestGateway();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway.close();
  });

  async function connectWith(build: (nonce: string) => Record<string, unknown>): Promise<{ socket: RawSocket; answer: WireFrame }> {
    const result = await connectRaw(gateway.url, build);
    sockets.push(result.socket);
    return result;
  }

  async function expectDeviceFailure(build: (nonce: string) => Record<string, unknown>, message: string, code: string, reason: string) {
    const { socket, answer } = await connectWith(build);
    expect(answer.error).toEqual({ code: 'INVALID_REQUEST', message, details: { code, reason } });
    expect(await socket.closed).toEqual({ code: 1008, reason: message });
  }

  it('a local CLI with the shared secret is paired silently and gets a device token in hello-ok', async () => {
    const { answer } = await connectWith((nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params }) }));
    expect(answer.ok).toBe(true);
    const hello = HelloOkV4Schema.parse(answer.payload);
    expect(hello.auth.role).toBe('operator');
    expect(hello.auth.scopes).toEqual(['operator.read']);
    expect(hello.auth.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(typeof hello.auth.issuedAtMs).toBe('number');

    const pairedPath = join(gateway.stateDir, 'devices', 'paired.json');
    expect((await stat(pairedPath)).mode & 0o777).toBe(0o600);
    const paired = JSON.parse(await readFile(pairedPath, 'utf8')) as Record<string, { tokens: Record<string, { token: string }> }>;
    expect(paired[identity.deviceId]).toMatchObject({ deviceId: identity.deviceId, roles: ['operator'], approvedScopes: ['operator.read'] });
    expect(paired[identity.deviceId]?.tokens['operator']?.token).toBe(hello.auth.deviceToken);
    const pending = JSON.parse(await readFile(join(gateway.stateDir, 'devices', 'pending.json'), 'utf8')) as Record<string, unknown>;
    expect(pending).toEqual({});

    // Reconnecting reuses the token.
    const again = await connectWith((nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params }) }));
    expect(again.answer.payload.auth.deviceToken).toBe(hello.auth.deviceToken);
  });

  it('accepts the v2 payload the Control UI signs', async () => {
    const { answer } = await connectWith((nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params, version: 'v2' }) }));
    expect(answer.ok).toBe(true);
  });

  it('device id that is not the hash of the key: "device identity mismatch"', async () => {
    const other = generateDeviceIdentity();
    await expectDeviceFailure(
      (nonce) => ({ ...params, device: { ...signedDevice({ identity, nonce, connect: params }), id: other.deviceId } }),
      'device identity mismatch',
      'DEVICE_AUTH_DEVICE_ID_MISMATCH',
      'device-id-mismatch',
    );
  });

  it('signedAt more than 120 s away: "device signature expired"', async () => {
    await expectDeviceFailure(
      (nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params, signedAt: Date.now() - 121_000 }) }),
      'device signature expired',
      'DEVICE_AUTH_SIGNATURE_EXPIRED',
      'device-signature-stale',
    );
  });

  it('a nonce other than this socket\'s challenge: "device nonce mismatch"', async () => {
    await expectDeviceFailure(
      () => ({ ...params, device: signedDevice({ identity, nonce: 'a-nonce-from-elsewhere', connect: params }) }),
      'device nonce mismatch',
      'DEVICE_AUTH_NONCE_MISMATCH',
      'device-nonce-mismatch',
    );
  });

  it('a replayed connect (old socket\'s nonce and signature on a new socket) fails', async () => {
    let captured: Record<string, unknown> | undefined;
    const first = await connectWith((nonce) => {
      captured = { ...params, device: signedDevice({ identity, nonce, connect: params }) };
      return captured;
    });
    expect(first.answer.ok).toBe(true);
    await expectDeviceFailure(() => captured!, 'device nonce mismatch', 'DEVICE_AUTH_NONCE_MISMATCH', 'device-nonce-mismatch');
  });

  it('a signature over other fields, or by another key: "device signature invalid"', async () => {
    await expectDeviceFailure(
      (nonce) => ({
        ...params,
        device: signedDevice({ identity, nonce, connect: { ...params, scopes: ['operator.admin'] } }),
      }),
      'device signature invalid',
      'DEVICE_AUTH_SIGNATURE_INVALID',
      'device-signature',
    );
    await expectDeviceFailure(
      (nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params, signWith: generateDeviceIdentity() }) }),
      'device signature invalid',
      'DEVICE_AUTH_SIGNATURE_INVALID',
      'device-signature',
    );
  });

  it('a key that is not Ed25519 key material: "device identity mismatch" (the id cannot be derived)', async () => {
    await expectDeviceFailure(
      (nonce) => ({ ...params, device: { ...signedDevice({ identity, nonce, connect: params }), publicKey: 'bm90LWEta2V5' } }),
      'device identity mismatch',
      'DEVICE_AUTH_DEVICE_ID_MISMATCH',
      'device-id-mismatch',
    );
  });

  it('a valid device with a wrong shared token is told to retry with its device token', async () => {
    const wrong = { ...params, auth: { token: 'wrong' } };
    const { socket, answer } = await connectWith((nonce) => ({ ...wrong, device: signedDevice({ identity, nonce, connect: wrong }) }));
    expect(answer.error?.details).toEqual({
      code: 'AUTH_TOKEN_MISMATCH',
      authReason: 'token_mismatch',
      canRetryWithDeviceToken: true,
      recommendedNextStep: 'retry_with_device_token',
    });
    expect((await socket.closed).code).toBe(1008);
    expect(TEST_TOKEN).not.toBe('wrong');
  });
});
