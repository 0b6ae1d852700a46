import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOpenClawRegion } from '../compat/load-openclaw.js';
import { buildDeviceAuthPayload, normalizeDeviceMetadata, type DeviceAuthPayloadParams } from './device-auth-payload.js';
import { deviceIdFromPublicKey, generateDeviceIdentity, loadOrCreateDeviceIdentity, publicKeyRawBase64Url } from './device-identity.js';
import { signDevicePayload, verifyDeviceSignature } from './device-signature.js';

// Cross-check against OpenClaw 2026.5.7's own implementation, imported at test time from the
// reference package (its dist chunks import only node builtins and a few of its own helpers).
// Export names in the dist are minified, so functions are picked by their `name`.

type Fn = (...args: never[]) => unknown;
function pick(module: Record<string, unknown>, name: string): Fn {
  const found = Object.values(module).find((value) => typeof value === 'function' && value.name === name);
  if (found === undefined) throw new Error(`OpenClaw chunk has no ${name}`);
  return found as Fn;
}

let theirs: {
  sign: (pem: string, payload: string) => string;
  verify: (publicKey: string, payload: string, signature: string) => boolean;
  deriveId: (publicKey: string) => string | null;
  rawFromPem: (pem: string) => string;
  loadOrCreate: (file: string) => { deviceId: string; publicKeyPem: string; privateKeyPem: string };
  payloadV2: (params: object) => string;
  payloadV3: (params: object) => string;
  normalize: (value: unknown) => string;
};
let dir: string;

beforeAll(async () => {
  const identity = await importOpenClawRegion('v3', 'src/infra/device-identity.ts');
  const deviceAuth = await importOpenClawRegion('v3', 'src/gateway/device-auth.ts');
  const metadata = await importOpenClawRegion('v3', 'src/gateway/device-metadata-normalization.ts');
  theirs = {
    sign: pick(identity, 'signDevicePayload') as never,
    verify: pick(identity, 'verifyDeviceSignature') as never,
    deriveId: pick(identity, 'deriveDeviceIdFromPublicKey') as never,
    rawFromPem: pick(identity, 'publicKeyRawBase64UrlFromPem') as never,
    loadOrCreate: pick(identity, 'loadOrCreateDeviceIdentity') as never,
    payloadV2: pick(deviceAuth, 'buildDeviceAuthPayload') as never,
    payloadV3: pick(deviceAuth, 'buildDeviceAuthPayloadV3') as never,
    normalize: pick(metadata, 'normalizeDeviceMetadataForAuth') as never,
  };
  dir = await mkdtemp(join(tmpdir(), 'rc-openclaw-identity-'));
}, 30_000); // importing OpenClaw's client chunk loads its dependency graph: seconds on a busy machine
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('device identity matches OpenClaw 2026.5.7', () => {
  it('same device id and raw key for PEM and base64url input', () => {
    const identity = generateDeviceIdentity();
    const raw = publicKeyRawBase64Url(identity.publicKeyPem);
    expect(theirs.rawFromPem(identity.publicKeyPem)).toBe(raw);
    expect(theirs.deriveId(identity.publicKeyPem)).toBe(deviceIdFromPublicKey(identity.publicKeyPem));
    expect(theirs.deriveId(raw)).toBe(deviceIdFromPublicKey(raw));
  });

  it('our signatures verify with their code and theirs with ours', () => {
    const identity = generateDeviceIdentity();
    const raw = publicKeyRawBase64Url(identity.publicKeyPem);
    const payload = 'v3|id|cli|cli|operator|operator.read|1|t|n|linux|linux';
    expect(theirs.verify(raw, payload, signDevicePayload(identity.privateKeyPem, payload))).toBe(true);
    expect(verifyDeviceSignature(raw, payload, theirs.sign(identity.privateKeyPem, payload))).toBe(true);
    expect(signDevicePayload(identity.privateKeyPem, payload)).toBe(theirs.sign(identity.privateKeyPem, payload)); // Ed25519 is deterministic
  });

  it('byte-identical v2 and v3 payload strings and metadata normalisation', () => {
    const cases: Array<Omit<DeviceAuthPayloadParams, 'version'>> = [
      { deviceId: 'd1', clientId: 'cli', clientMode: 'cli', role: 'operator', scopes: ['operator.read'], signedAtMs: 1795542813858, token: 'tok', nonce: 'n', platform: 'linux', deviceFamily: 'Linux' },
      { deviceId: 'd2', clientId: 'openclaw-control-ui', clientMode: 'webchat', role: 'operator', scopes: ['operator.admin', 'operator.read', 'operator.write'], signedAtMs: 0, nonce: 'x', platform: ' MacIntel ', deviceFamily: '  ' },
      { deviceId: 'd3', clientId: 'node-host', clientMode: 'node', role: 'node', scopes: [], signedAtMs: 42, token: undefined, nonce: 'y', platform: 'İOS Straße', deviceFamily: undefined },
    ];
    for (const params of cases) {
      expect(buildDeviceAuthPayload({ ...params, version: 'v3' })).toBe(theirs.payloadV3(params));
      expect(buildDeviceAuthPayload({ ...params, version: 'v2' })).toBe(theirs.payloadV2(params));
    }
    for (const value of ['Linux', '  ÄÖÜ ABC ', 'İSTANBUL', '', '   ', undefined]) expect(normalizeDeviceMetadata(value)).toBe(theirs.normalize(value));
  });

  it('reads identity files OpenClaw wrote, and OpenClaw reads ours', async () => {
    const theirFile = join(dir, 'theirs', 'device.json');
    const written = theirs.loadOrCreate(theirFile);
    expect(await loadOrCreateDeviceIdentity(theirFile)).toEqual(written);
    const ourFile = join(dir, 'ours', 'device.json');
    const ours = await loadOrCreateDeviceIdentity(ourFile);
    expect(theirs.loadOrCreate(ourFile)).toEqual(ours);
  });
});
