import { createPrivateKey, sign, verify, type KeyObject } from 'node:crypto';
import { DeviceIdentityError } from '../errors/device-identity-error.js';
import { base64AnyDecode, base64UrlEncode } from './base64url.js';
import { publicKeyObject } from './device-identity.js';

const ED25519_SIGNATURE_LENGTH = 64;

/** Ed25519 signature of the UTF-8 `payload`, base64url without padding (`device.signature`). */
export function signDevicePayload(privateKeyPem: string, payload: string): string {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new DeviceIdentityError('device private key is not a readable PEM', { code: 'DEVICE_PRIVATE_KEY_INVALID', cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new DeviceIdentityError(`device private key must be Ed25519, got ${String(key.asymmetricKeyType)}`, { code: 'DEVICE_PRIVATE_KEY_INVALID' });
  }
  return base64UrlEncode(sign(null, Buffer.from(payload, 'utf8'), key));
}

/**
 * Whether `signature` (base64url, or standard base64) is a valid Ed25519 signature of `payload` by
 * `publicKey` (raw base64url, or PEM). Malformed keys or signatures verify as `false`: this runs on
 * untrusted input at connect, where "invalid" is the whole answer.
 */
export function verifyDeviceSignature(publicKey: string, payload: string, signature: string): boolean {
  let key: KeyObject;
  try {
    key = publicKeyObject(publicKey);
  } catch {
    return false;
  }
  const bytes = base64AnyDecode(signature);
  if (bytes?.length !== ED25519_SIGNATURE_LENGTH) return false;
  return verify(null, Buffer.from(payload, 'utf8'), key, bytes);
}
