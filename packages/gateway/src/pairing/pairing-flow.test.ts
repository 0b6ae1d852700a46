import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DevicePairApproveResultSchema,
  DevicePairListResultSchema,
  DevicePairRequestedEventSchema,
  DevicePairResolvedEventSchema,
  DeviceTokenRevokeResultSchema,
  DeviceTokenRotateResultSchema,
} from '@rusty-claw/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, signedDevice, type DeviceIdentity } from '../test-support/device-signing.js';
import { connectRaw, type RawSocket, type WireFrame } from '../test-support/raw-socket.js';
import { TEST_TOKEN, cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

// A proxy header makes a loopback connection "remote": no silent local pairing, as for a real remote device.
const REMOTE: { headers: Record<string, string> } = { headers: { 'x-forwarded-for': '203.0.113.7' } };

describe('device pairing: pending requests, approval, device tokens, revocation', () => {
  let gateway: TestGateway;
  const sockets: RawSocket[] = [];

  beforeEach(async () => {
    gateway = await startTestGateway();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway.close();
  });

  async function admin(): Promise<RawSocket> {
    const { socket, answer } = await connectRaw(gateway.url, () => cliConnectParams({ client: { id: 'openclaw-tui', version: 'test', platform: 'linux', mode: 'ui' } }));
    sockets.push(socket);
    expect(answer.ok).toBe(true);
    return socket;
  }

  async function deviceConnect(
    identity: DeviceIdentity,
    overrides: Record<string, unknown> = {},
    options = REMOTE,
  ): Promise<{ socket: RawSocket; answer: WireFrame }> {
    const base = cliConnectParams({ client: { id: 'openclaw-macos', version: 'test', platform: 'darwin', mode: 'ui', deviceFamily: 'Mac' }, scopes: ['operator.read'], ...overrides });
    const result = await connectRaw(gateway.url, (nonce) => ({ ...base, device: signedDevice({ identity, nonce, connect: base }) }), options);
    sockets.push(result.socket);
    return result;
  }

  it('an unknown remote device gets PAIRING_REQUIRED, a pending request and a device.pair.requested event', async () => {
    const operator = await admin();
    const identity = generateDeviceIdentity();
    const { socket, answer } = await deviceConnect(identity);
    expect(answer.error?.code).toBe('NOT_PAIRED');
    expect(answer.error?.message).toBe('pairing required: device is not approved yet');
    const details = answer.error?.details;
    expect(details).toMatchObject({
      code: 'PAIRING_REQUIRED',
      reason: 'not-paired',
      deviceId: identity.deviceId,
      requestedRole: 'operator',
      requestedScopes: ['operator.read'],
      remediationHint: 'Approve this device from the pending pairing requests.',
    });
    expect(await socket.closed).toEqual({ code: 1008, reason: `pairing required: device is not approved yet (requestId: ${details.requestId})` });

    const pending = JSON.parse(await readFile(join(gateway.stateDir, 'devices', 'pending.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(pending[details.requestId]).toMatchObject({ deviceId: identity.deviceId, silent: false });
    // A loopback peer is never reported as the device's address (its forwarded headers are not trusted).
    expect(pending[details.requestId]).not.toHaveProperty('remoteIp');
    const event = await operator.waitFor((frame) => frame.event === 'device.pair.requested');
    expect(DevicePairRequestedEventSchema.parse(event.payload).requestId).toBe(details.requestId);
    expect(typeof event.seq).toBe('number');

    const list = await operator.request('l1', 'device.pair.list', {});
    const parsed = DevicePairListResultSchema.parse(list.payload);
    expect(parsed.pending.map((entry) => entry.requestId)).toEqual([details.requestId]);
    expect(parsed.paired).toEqual([]);
  });

  it('approve: the device connects and gets a token; that token alone authenticates it later', async () => {
    const operator = await admin();
    const identity = generateDeviceIdentity();
    const first = await deviceConnect(identity);
    const requestId = first.answer.error?.details.requestId as string;
    const approved = await operator.request('a1', 'device.pair.approve', { requestId });
    const result = DevicePairApproveResultSchema.parse(approved.payload);
    expect(result.device.deviceId).toBe(identity.deviceId);
    expect(JSON.stringify(approved.payload)).not.toContain('"token"');
    const resolved = await operator.waitFor((frame) => frame.event === 'device.pair.resolved');
    expect(DevicePairResolvedEventSchema.parse(resolved.payload)).toMatchObject({ requestId, decision: 'approved' });

    const second = await deviceConnect(identity);
    expect(second.answer.ok).toBe(true);
    const deviceToken = second.answer.payload.auth.deviceToken as string;
    expect(deviceToken).toBeTruthy();

    const tokenOnly = await deviceConnect(identity, { auth: { deviceToken } });
    expect(tokenOnly.answer.ok).toBe(true);
    expect(tokenOnly.answer.payload.auth.method).toBe('device-token');

    const wrong = await deviceConnect(identity, { auth: { deviceToken: 'not-the-token' } });
    expect(wrong.answer.error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'unauthorized: device token mismatch (rotate/reissue device token)',
      details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH', authReason: 'device_token_mismatch', canRetryWithDeviceToken: false, recommendedNextStep: 'update_auth_credentials' },
    });
    expect((await wrong.socket.closed).code).toBe(1008);
  });

  it('reject drops the request and tells pairing operators', async () => {
    const operator = await admin();
    const first = await deviceConnect(generateDeviceIdentity());
    const requestId = first.answer.error?.details.requestId as string;
    const rejected = await operator.request('r1', 'device.pair.reject', { requestId });
    expect(rejected.payload).toMatchObject({ requestId });
    const resolved = await operator.waitFor((frame) => frame.event === 'device.pair.resolved');
    expect(resolved.payload).toMatchObject({ requestId, decision: 'rejected' });
    const again = await operator.request('r2', 'device.pair.reject', { requestId });
    expect(again.error).toEqual({ code: 'INVALID_REQUEST', message: 'unknown requestId' });
  });

  it('revoking a device token closes that device\'s live socket at once and the token stops working', async () => {
    const operator = await admin();
    const identity = generateDeviceIdentity();
    const live = await deviceConnect(identity, {}, { headers: {} });
    expect(live.answer.ok).toBe(true);
    const deviceToken = live.answer.payload.auth.deviceToken as string;

    const revoked = await operator.request('v1', 'device.token.revoke', { deviceId: identity.deviceId, role: 'operator' });
    expect(DeviceTokenRevokeResultSchema.parse(revoked.payload)).toMatchObject({ deviceId: identity.deviceId, role: 'operator' });
    expect(await live.socket.closed).toEqual({ code: 1008, reason: 'device token revoked' });

    const retry = await deviceConnect(identity, { auth: { deviceToken } });
    expect(retry.answer.error?.details.code).toBe('AUTH_DEVICE_TOKEN_MISMATCH');
  });

  it('rotating issues a new token (shown to admins), the old one stops working, live sockets reconnect', async () => {
    const operator = await admin();
    const identity = generateDeviceIdentity();
    const live = await deviceConnect(identity, {}, { headers: {} });
    const oldToken = live.answer.payload.auth.deviceToken as string;
    const rotated = await operator.request('t1', 'device.token.rotate', { deviceId: identity.deviceId, role: 'operator' });
    const result = DeviceTokenRotateResultSchema.parse(rotated.payload);
    expect(result.token).toBeTruthy();
    expect(result.token).not.toBe(oldToken);
    expect(result.scopes).toEqual(['operator.read']);
    expect((await live.socket.closed).code).toBe(1008);
    expect((await deviceConnect(identity, { auth: { deviceToken: oldToken } })).answer.ok).toBe(false);
    expect((await deviceConnect(identity, { auth: { deviceToken: result.token } })).answer.ok).toBe(true);

    const outside = await operator.request('t2', 'device.token.rotate', { deviceId: identity.deviceId, role: 'operator', scopes: ['operator.admin'] });
    expect(outside.error?.message).toBe('device token rotation denied');
  });

  it('removing a device closes its sockets and forgets it', async () => {
    const operator = await admin();
    const identity = generateDeviceIdentity();
    const live = await deviceConnect(identity, {}, { headers: {} });
    expect(live.answer.ok).toBe(true);
    const removed = await operator.request('d1', 'device.pair.remove', { deviceId: identity.deviceId });
    expect(removed.payload).toEqual({ deviceId: identity.deviceId });
    expect(await live.socket.closed).toEqual({ code: 1008, reason: 'device removed' });
    const list = await operator.request('l1', 'device.pair.list', {});
    expect(list.payload.paired).toEqual([]);
    const unknown = await operator.request('d2', 'device.pair.remove', { deviceId: identity.deviceId });
    expect(unknown.error).toEqual({ code: 'INVALID_REQUEST', message: 'unknown deviceId' });
  });

  it('more scopes than approved: silent locally with the secret, a scope-upgrade request otherwise', async () => {
    const identity = generateDeviceIdentity();
    expect((await deviceConnect(identity, {}, { headers: {} })).answer.ok).toBe(true);
    const local = await deviceConnect(identity, { scopes: ['operator.read', 'operator.write'] }, { headers: {} });
    expect(local.answer.ok).toBe(true);
    expect(local.answer.payload.auth.scopes).toEqual(['operator.read', 'operator.write']);

    const remote = await deviceConnect(identity, { scopes: ['operator.admin'] });
    expect(remote.answer.error?.message).toBe('pairing required: device is asking for more scopes than currently approved');
    expect(remote.answer.error?.details).toMatchObject({
      reason: 'scope-upgrade',
      approvedRoles: ['operator'],
      approvedScopes: ['operator.read', 'operator.write'],
      requestedScopes: ['operator.admin'],
    });
  });

  it('a pairing-only operator cannot approve more than it holds', async () => {
    const { socket: pairer } = await connectRaw(gateway.url, () => cliConnectParams({ scopes: ['operator.pairing'] }));
    sockets.push(pairer);
    const identity = generateDeviceIdentity();
    const ask = await deviceConnect(identity, { scopes: ['operator.admin'] });
    const requestId = ask.answer.error?.details.requestId as string;
    const answer = await pairer.request('a1', 'device.pair.approve', { requestId });
    expect(answer.error).toEqual({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' });
    expect(TEST_TOKEN).toBeTruthy();
  });
});
