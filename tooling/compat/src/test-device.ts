// An Ed25519 device identity and the v3 connect signature, written from the wire facts
// (openclaw-protocol.md §3.3, openclaw-v4-live.md §5.2) with node:crypto only. Deliberately
// independent of @rusty-claw/protocol: a conformance check must not reuse the code it checks.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** SPKI DER of an Ed25519 key is this 12-byte prefix followed by the raw 32-byte key. */
const ED25519_SPKI_PREFIX_LENGTH = 12;

export interface TestDevice {
  /** hex SHA-256 of the raw public key */
  id: string;
  /** raw public key, base64url without padding */
  publicKey: string;
  privateKey: KeyObject;
}

export function createTestDevice(): TestDevice {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX_LENGTH);
  return {
    id: createHash('sha256').update(raw).digest('hex'),
    publicKey: raw.toString('base64url'),
    privateKey,
  };
}

export interface SignedConnectInput {
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  token: string;
  nonce: string;
  platform: string;
  deviceFamily?: string;
  signedAt: number;
}

/** Trim, then lowercase ASCII A–Z only (OpenClaw's device metadata normalisation). */
function normalize(value: string | undefined): string {
  return (value ?? '').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The `device` block of `connect` params, signed over the v3 payload string. */
export function signConnect(device: TestDevice, input: SignedConnectInput) {
  const payload = [
    'v3',
    device.id,
    input.clientId,
    input.clientMode,
    input.role,
    input.scopes.join(','),
    String(input.signedAt),
    input.token,
    input.nonce,
    normalize(input.platform),
    normalize(input.deviceFamily),
  ].join('|');
  const signature = sign(null, Buffer.from(payload, 'utf8'), device.privateKey).toString('base64url');
  return { id: device.id, publicKey: device.publicKey, signature, signedAt: input.signedAt, nonce: input.nonce };
}
