import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceStoreError } from '../errors/device-store-error.js';
import { DeviceStore, PENDING_TTL_MS } from './device-store.js';

describe('DeviceStore', () => {
  let stateDir: string;
  let now = 1_700_000_000_000;
  let store: DeviceStore;

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'rc-devices-'));
    store = new DeviceStore({ stateDir, now: () => now });
  });
  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  const ask = (deviceId: string, scopes: string[] = ['operator.read']) => ({
    deviceId,
    publicKey: `key-${deviceId}`,
    role: 'operator',
    scopes,
    silent: false,
  });

  it('keeps one pending request per device, merging later asks into it', async () => {
    const first = await store.requestPairing(ask('d1'));
    const same = await store.requestPairing(ask('d1'));
    expect(same).toEqual({ request: first.request, created: false });
    const wider = await store.requestPairing(ask('d1', ['operator.write']));
    expect(wider.created).toBe(true);
    expect(wider.request.scopes).toEqual(['operator.read', 'operator.write']);
    expect((await store.list()).pending.map((entry) => entry.requestId)).toEqual([wider.request.requestId]);
  });

  it('forgets pending requests after 5 minutes', async () => {
    const { request } = await store.requestPairing(ask('d1'));
    now += PENDING_TTL_MS + 1;
    expect(await store.getPending(request.requestId)).toBeUndefined();
    expect(await store.approve(request.requestId, { callerScopes: ['operator.admin'] })).toBeUndefined();
  });

  it('concurrent requests from different devices are all kept (writes are serialised)', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.requestPairing(ask(`d${index}`))));
    expect((await store.list()).pending).toHaveLength(20);
  });

  it('a device token is only valid for its role, unrevoked, and within its scopes', async () => {
    const { request } = await store.requestPairing(ask('d1', ['operator.read']));
    const approved = await store.approve(request.requestId, { callerScopes: ['operator.admin'] });
    if (approved?.status !== 'approved') throw new Error('not approved');
    const token = approved.device.tokens?.['operator']?.token ?? '';
    expect(await store.verifyToken({ deviceId: 'd1', role: 'operator', token, scopes: ['operator.read'] })).toEqual({ ok: true });
    expect(await store.verifyToken({ deviceId: 'd1', role: 'operator', token, scopes: ['operator.admin'] })).toEqual({ ok: false, reason: 'scope-mismatch' });
    expect(await store.verifyToken({ deviceId: 'd1', role: 'node', token, scopes: [] })).toEqual({ ok: false, reason: 'token-missing' });
    expect(await store.verifyToken({ deviceId: 'd1', role: 'operator', token: `${token}x`, scopes: [] })).toEqual({ ok: false, reason: 'token-mismatch' });
    await store.revokeToken({ deviceId: 'd1', role: 'operator', callerScopes: ['operator.admin'] });
    expect(await store.verifyToken({ deviceId: 'd1', role: 'operator', token, scopes: [] })).toEqual({ ok: false, reason: 'token-revoked' });
    // After revocation a fresh token is issued on the next approved connect.
    const fresh = await store.ensureToken({ deviceId: 'd1', role: 'operator', scopes: ['operator.read'] });
    expect(fresh?.token).not.toBe(token);
  });

  it('an unreadable devices file is reported and never overwritten', async () => {
    await mkdir(join(stateDir, 'devices'), { recursive: true });
    await writeFile(join(stateDir, 'devices', 'paired.json'), '{ not json');
    await expect(store.requestPairing(ask('d1'))).rejects.toSatisfy((error) => DeviceStoreError.isInstance(error) && error.code === 'DEVICE_STORE_UNREADABLE');
    expect(await readFile(join(stateDir, 'devices', 'paired.json'), 'utf8')).toBe('{ not json');
    await writeFile(join(stateDir, 'devices', 'paired.json'), '[]');
    await expect(store.list()).rejects.toThrow(/must hold a JSON object/);
  });
});
