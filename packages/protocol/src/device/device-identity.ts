import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeviceIdentityError } from '../errors/device-identity-error.js';
import { base64AnyDecode, base64UrlEncode } from './base64url.js';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_RAW_LENGTH = 32;

/** A device's Ed25519 key pair and its id (hex SHA-256 of the raw public key). */
export interface DeviceIdentity {
  deviceId: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

/** The identity file (`<stateDir>/identity/device.json`, mode 0600), OpenClaw's format. */
export interface StoredDeviceIdentity extends DeviceIdentity {
  version: 1;
  createdAtMs: number;
}

function publicKeyError(message: string, cause?: unknown): DeviceIdentityError {
  return new DeviceIdentityError(message, { code: 'DEVICE_PUBLIC_KEY_INVALID', cause });
}

function rawFromKeyObject(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') throw publicKeyError(`device public key must be Ed25519, got ${String(key.asymmetricKeyType)}`);
  const spki = key.export({ type: 'spki', format: 'der' });
  return spki.subarray(ED25519_SPKI_PREFIX.length);
}

/** The raw 32-byte Ed25519 key from a PEM, or from base64url / base64 of the raw key. */
export function publicKeyRaw(publicKey: string): Buffer {
  if (publicKey.includes('BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey(publicKey);
    } catch (error) {
      throw publicKeyError('device public key is not a readable PEM', error);
    }
    return rawFromKeyObject(key);
  }
  const raw = base64AnyDecode(publicKey);
  if (raw === undefined) throw publicKeyError('device public key is neither PEM nor base64url');
  if (raw.length !== ED25519_RAW_LENGTH) throw publicKeyError(`device public key must be ${ED25519_RAW_LENGTH} bytes, got ${raw.length}`);
  return raw;
}

/** A KeyObject for a public key given as PEM or raw base64url. */
export function publicKeyObject(publicKey: string): KeyObject {
  const raw = publicKeyRaw(publicKey);
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** `device.id`: lowercase hex SHA-256 of the raw 32-byte public key (PEM or base64url input). */
export function deviceIdFromPublicKey(publicKey: string): string {
  return createHash('sha256').update(publicKeyRaw(publicKey)).digest('hex');
}

/** `device.publicKey` as sent on the wire: the raw key, base64url without padding. */
export function publicKeyRawBase64Url(publicKeyPem: string): string {
  return base64UrlEncode(publicKeyRaw(publicKeyPem));
}

/** A fresh Ed25519 identity (SPKI/PKCS#8 PEMs). */
export function generateDeviceIdentity(): DeviceIdentity {
  const { publicKey: publicKeyPem, privateKey: privateKeyPem } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { deviceId: deviceIdFromPublicKey(publicKeyPem), publicKeyPem, privateKeyPem };
}

function invalidFile(file: string, problem: string, cause?: unknown): DeviceIdentityError {
  return new DeviceIdentityError(`device identity file ${file} ${problem}; move it aside to create a new identity`, {
    code: 'DEVICE_IDENTITY_FILE_INVALID',
    cause,
  });
}

function parseStoredIdentity(file: string, text: string): StoredDeviceIdentity {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidFile(file, 'is not valid JSON', error);
  }
  const record = value as Partial<StoredDeviceIdentity> | null;
  if (record?.version !== 1 || typeof record.publicKeyPem !== 'string' || typeof record.privateKeyPem !== 'string') {
    throw invalidFile(file, 'is not a version-1 identity ({version:1, deviceId, publicKeyPem, privateKeyPem})');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(record.privateKeyPem);
  } catch (error) {
    throw invalidFile(file, 'holds an unreadable private key', error);
  }
  // The key pair must belong together, or every signature would fail at the server.
  let storedRaw: Buffer;
  try {
    storedRaw = publicKeyRaw(record.publicKeyPem);
  } catch (error) {
    throw invalidFile(file, 'holds an unreadable public key', error);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519' || !rawFromKeyObject(createPublicKey(privateKey)).equals(storedRaw)) {
    throw invalidFile(file, 'holds a public key that does not match its private key');
  }
  return {
    version: 1,
    deviceId: deviceIdFromPublicKey(record.publicKeyPem),
    publicKeyPem: record.publicKeyPem,
    privateKeyPem: record.privateKeyPem,
    createdAtMs: typeof record.createdAtMs === 'number' ? record.createdAtMs : 0,
  };
}

/**
 * Writes the identity file with its full content in place before it becomes visible: a temp file
 * is fsynced, then either renamed over `file` (replace) or hard-linked to it (create), which fails
 * with EEXIST when another process got there first — readers never see a half-written file.
 */
async function writeIdentityFile(file: string, stored: StoredDeviceIdentity, mode: 'create' | 'replace'): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(stored, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (mode === 'replace') await rename(temp, file);
    else await link(temp, file);
  } finally {
    await rm(temp, { force: true }); // after a rename this is a no-op
  }
  await chmod(file, 0o600);
}

/**
 * Reads the identity at `file`, or creates one (mode 0600, parent dirs 0700) when there is none.
 * A stored `deviceId` that does not match its key is corrected in place (as OpenClaw does). A file
 * that exists but cannot be used is an error, never silently replaced: replacing it would orphan the
 * device's pairing.
 */
export async function loadOrCreateDeviceIdentity(file: string): Promise<DeviceIdentity> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw invalidFile(file, 'cannot be read', error);
  }
  if (text === undefined) {
    const stored: StoredDeviceIdentity = { version: 1, ...generateDeviceIdentity(), createdAtMs: Date.now() };
    try {
      await writeIdentityFile(file, stored, 'create');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return loadOrCreateDeviceIdentity(file); // lost a creation race: use the winner's identity
    }
    return { deviceId: stored.deviceId, publicKeyPem: stored.publicKeyPem, privateKeyPem: stored.privateKeyPem };
  }
  const stored = parseStoredIdentity(file, text);
  const recorded = (JSON.parse(text) as { deviceId?: unknown }).deviceId;
  if (recorded !== stored.deviceId) await writeIdentityFile(file, stored, 'replace');
  return { deviceId: stored.deviceId, publicKeyPem: stored.publicKeyPem, privateKeyPem: stored.privateKeyPem };
}
