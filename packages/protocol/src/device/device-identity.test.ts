import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadV4Capture } from '../__fixtures__/load-fixture.js';
import { DeviceIdentityError } from '../errors/device-identity-error.js';
import { ProtocolPackageError } from '../errors/protocol-package-error.js';
import { buildDeviceAuthPayload, normalizeDeviceMetadata } from './device-auth-payload.js';
import { deviceIdFromPublicKey, generateDeviceIdentity, loadOrCreateDeviceIdentity, publicKeyRawBase64Url } from './device-identity.js';
import { signDevicePayload, verifyDeviceSignature } from './device-signature.js';

type CapturedConnect = {
  params: {
    client: { id: string; mode: string; platform: string; deviceFamily: string };
    role: string;
    scopes: string[];
    auth: { token: string };
    device: { id: string; publicKey: string; signedAt: number; nonce: string };
  };
};
const signed = loadV4Capture()['connectSigned'] as CapturedConnect;

describe('device id (captured OpenClaw 2026.9.6 connect, openclaw-v4-live.md §5.2)', () => {
  it('is the hex SHA-256 of the raw public key sent on the wire', () => {
    expect(deviceIdFromPublicKey(signed.params.device.publicKey)).toBe(signed.params.device.id);
  });

  it('builds the v3 payload string that frame was signed over', () => {
    const { client, role, scopes, auth, device } = signed.params;
    const payload = buildDeviceAuthPayload({
      version: 'v3',
      deviceId: device.id,
      clientId: client.id,
      clientMode: client.mode,
      role,
      scopes,
      signedAtMs: device.signedAt,
      token: auth.token,
      nonce: device.nonce,
      platform: client.platform,
      deviceFamily: client.deviceFamily,
    });
    expect(payload).toBe(
      'v3|33a59e5f8c0095ac34894e95aa1198c4fd44af826f954770b3766bf258c64414|cli|cli|operator|operator.read|1795542813858|<redacted:30ch>|268a7499-594c-454b-b444-a8499c4b66fa|linux|linux',
    );
  });
});

describe('keys and ids', () => {
  it('derives the same id from the PEM and from the raw base64url key', () => {
    const identity = generateDeviceIdentity();
    const raw = publicKeyRawBase64Url(identity.publicKeyPem);
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(deviceIdFromPublicKey(identity.publicKeyPem)).toBe(identity.deviceId);
    expect(deviceIdFromPublicKey(raw)).toBe(identity.deviceId);
    expect(identity.deviceId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the raw key is the SPKI DER minus its 12-byte Ed25519 prefix', () => {
    const identity = generateDeviceIdentity();
    const der = createPublicKey(identity.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(der.subarray(0, 12).toString('hex')).toBe('302a300506032b6570032100');
    expect(Buffer.from(publicKeyRawBase64Url(identity.publicKeyPem), 'base64url').equals(der.subarray(12))).toBe(true);
  });

  it('refuses keys that are not Ed25519 or not 32 bytes, with a typed error', () => {
    const rsa = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).publicKey;
    for (const bad of [rsa, 'not a key!', Buffer.alloc(31).toString('base64url'), '', '-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----']) {
      let caught: unknown;
      try {
        deviceIdFromPublicKey(bad);
      } catch (error) {
        caught = error;
      }
      expect(DeviceIdentityError.isInstance(caught), String(bad).slice(0, 20)).toBe(true);
      expect((caught as DeviceIdentityError).code).toBe('DEVICE_PUBLIC_KEY_INVALID');
      expect(ProtocolPackageError.isInstance(caught)).toBe(true);
    }
  });
});

describe('normalizeDeviceMetadata', () => {
  it('trims and lowercases ASCII A-Z only', () => {
    expect(normalizeDeviceMetadata('  Linux ')).toBe('linux');
    expect(normalizeDeviceMetadata('MacBookPro18,3')).toBe('macbookpro18,3');
    expect(normalizeDeviceMetadata('İSTANBUL')).toBe('İstanbul');
    expect(normalizeDeviceMetadata('ÄÖÜ Straße')).toBe('ÄÖÜ straße');
  });
  it('maps missing or blank values to ""', () => {
    expect(normalizeDeviceMetadata(undefined)).toBe('');
    expect(normalizeDeviceMetadata(null)).toBe('');
    expect(normalizeDeviceMetadata('   ')).toBe('');
  });
});

describe('buildDeviceAuthPayload', () => {
  const base = {
    deviceId: 'dev',
    clientId: 'openclaw-control-ui',
    clientMode: 'webchat',
    role: 'operator',
    scopes: ['operator.admin', 'operator.read'],
    signedAtMs: 1700000000000,
    nonce: 'n-1',
  } as const;
  it('v2 ends after the nonce; a missing token is empty', () => {
    expect(buildDeviceAuthPayload({ ...base, version: 'v2', platform: 'MacIntel' })).toBe(
      'v2|dev|openclaw-control-ui|webchat|operator|operator.admin,operator.read|1700000000000||n-1',
    );
  });
  it('v3 appends normalized platform and family', () => {
    expect(buildDeviceAuthPayload({ ...base, version: 'v3', token: 'tok', platform: ' Darwin', deviceFamily: undefined })).toBe(
      'v3|dev|openclaw-control-ui|webchat|operator|operator.admin,operator.read|1700000000000|tok|n-1|darwin|',
    );
  });
});

describe('signatures', () => {
  const identity = generateDeviceIdentity();
  const payload = 'v3|a|cli|cli|operator|operator.read|1|tok|nonce|linux|linux';

  it('signs base64url and verifies with the raw key or the PEM', () => {
    const signature = signDevicePayload(identity.privateKeyPem, payload);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyDeviceSignature(publicKeyRawBase64Url(identity.publicKeyPem), payload, signature)).toBe(true);
    expect(verifyDeviceSignature(identity.publicKeyPem, payload, signature)).toBe(true);
  });

  it('also accepts a standard-base64 (padded) signature', () => {
    const standard = Buffer.from(signDevicePayload(identity.privateKeyPem, payload), 'base64url').toString('base64');
    expect(standard.endsWith('==')).toBe(true);
    expect(verifyDeviceSignature(identity.publicKeyPem, payload, standard)).toBe(true);
  });

  it('rejects a changed payload, another key, and garbage, without throwing', () => {
    const signature = signDevicePayload(identity.privateKeyPem, payload);
    expect(verifyDeviceSignature(identity.publicKeyPem, `${payload}x`, signature)).toBe(false);
    expect(verifyDeviceSignature(generateDeviceIdentity().publicKeyPem, payload, signature)).toBe(false);
    expect(verifyDeviceSignature('garbage', payload, signature)).toBe(false);
    expect(verifyDeviceSignature(identity.publicKeyPem, payload, 'not*base64')).toBe(false);
    expect(verifyDeviceSignature(identity.publicKeyPem, payload, signature.slice(0, 40))).toBe(false);
  });

  it('refuses to sign with a key that is not an Ed25519 PEM', () => {
    expect(() => signDevicePayload('nope', payload)).toThrow(/not a readable PEM/);
  });
});

describe('loadOrCreateDeviceIdentity', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-identity-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a 0600 file in OpenClaw format and reads it back', async () => {
    const file = join(dir, 'identity', 'device.json');
    const created = await loadOrCreateDeviceIdentity(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['createdAtMs', 'deviceId', 'privateKeyPem', 'publicKeyPem', 'version']);
    expect(stored['version']).toBe(1);
    expect(await loadOrCreateDeviceIdentity(file)).toEqual(created);
  });

  it('corrects a stored deviceId that does not match the key', async () => {
    const file = join(dir, 'device.json');
    const identity = generateDeviceIdentity();
    await writeFile(file, JSON.stringify({ version: 1, ...identity, deviceId: 'stale', createdAtMs: 5 }));
    expect((await loadOrCreateDeviceIdentity(file)).deviceId).toBe(identity.deviceId);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ deviceId: identity.deviceId, createdAtMs: 5 });
  });

  it('never overwrites an unusable file: typed error, file unchanged', async () => {
    const file = join(dir, 'device.json');
    const other = generateDeviceIdentity();
    for (const content of ['{not json', JSON.stringify({ version: 2 }), JSON.stringify({ version: 1, ...generateDeviceIdentity(), publicKeyPem: other.publicKeyPem })]) {
      await writeFile(file, content);
      await expect(loadOrCreateDeviceIdentity(file)).rejects.toSatisfy(
        (error: unknown) => DeviceIdentityError.isInstance(error) && error.code === 'DEVICE_IDENTITY_FILE_INVALID',
      );
      expect(await readFile(file, 'utf8')).toBe(content);
    }
  });

  it('concurrent first calls agree on one identity', async () => {
    const file = join(dir, 'device.json');
    const results = await Promise.all([loadOrCreateDeviceIdentity(file), loadOrCreateDeviceIdentity(file), loadOrCreateDeviceIdentity(file)]);
    expect(new Set(results.map((r) => r.deviceId)).size).toBe(1);
  });
});
