import {
  ConnectErrorDetailCodes,
  DEVICE_SIGNATURE_MAX_SKEW_MS,
  DeviceAuthFailureReasons,
  buildDeviceAuthPayload,
  deviceIdFromPublicKey,
  publicKeyRawBase64Url,
  verifyDeviceSignature,
  type ConnectParams,
  type ConnectDevice,
} from '@rusty-claw/protocol';

export type DeviceProofResult =
  | { ok: true; publicKey: string; payloadVersion: 'v3' | 'v2' }
  | { ok: false; reason: string; detailCode: string; message: string };

function fail(reason: string, detailCode: string, message: string): DeviceProofResult {
  return { ok: false, reason, detailCode, message };
}

/** The raw Ed25519 key as base64url (no padding), from either wire form (raw base64/base64url or PEM). */
export function normalizeDevicePublicKey(publicKey: string): string | undefined {
  try {
    return publicKeyRawBase64Url(publicKey);
  } catch {
    return undefined;
  }
}

function deriveDeviceId(publicKey: string): string | undefined {
  try {
    return deviceIdFromPublicKey(publicKey);
  } catch {
    return undefined;
  }
}

/**
 * Checks a device's proof of possession in OpenClaw's order (§3.3): the id is the SHA-256 of the key, the
 * signature is fresh (|now − signedAt| ≤ 120 s), it signs THIS socket's challenge nonce, and it verifies
 * over the v3 payload (then v2, which the Control UI sends). Because the nonce is per socket, a proof
 * replayed on another socket fails with "device nonce mismatch".
 */
export function verifyDeviceProof(params: {
  device: ConnectDevice;
  connect: ConnectParams;
  role: string;
  scopes: readonly string[];
  expectedNonce: string;
  now: number;
}): DeviceProofResult {
  const { device, connect } = params;
  const derivedId = deriveDeviceId(device.publicKey);
  if (!derivedId || derivedId !== device.id) {
    return fail(DeviceAuthFailureReasons.DEVICE_ID_MISMATCH, ConnectErrorDetailCodes.DEVICE_AUTH_DEVICE_ID_MISMATCH, 'device identity mismatch');
  }
  if (Math.abs(params.now - device.signedAt) > DEVICE_SIGNATURE_MAX_SKEW_MS) {
    return fail(DeviceAuthFailureReasons.SIGNATURE_STALE, ConnectErrorDetailCodes.DEVICE_AUTH_SIGNATURE_EXPIRED, 'device signature expired');
  }
  const nonce = device.nonce.trim();
  if (!nonce) return fail(DeviceAuthFailureReasons.NONCE_MISSING, ConnectErrorDetailCodes.DEVICE_AUTH_NONCE_REQUIRED, 'device nonce required');
  if (nonce !== params.expectedNonce) {
    return fail(DeviceAuthFailureReasons.NONCE_MISMATCH, ConnectErrorDetailCodes.DEVICE_AUTH_NONCE_MISMATCH, 'device nonce mismatch');
  }
  const base = {
    deviceId: device.id,
    clientId: connect.client.id,
    clientMode: connect.client.mode,
    role: params.role,
    scopes: [...params.scopes],
    signedAtMs: device.signedAt,
    token: connect.auth?.token ?? connect.auth?.deviceToken ?? connect.auth?.bootstrapToken ?? '',
    nonce,
  };
  let payloadVersion: 'v3' | 'v2' | undefined;
  const v3 = buildDeviceAuthPayload({ ...base, version: 'v3', platform: connect.client.platform, deviceFamily: connect.client.deviceFamily });
  if (verifyDeviceSignature(device.publicKey, v3, device.signature)) payloadVersion = 'v3';
  else if (verifyDeviceSignature(device.publicKey, buildDeviceAuthPayload({ ...base, version: 'v2' }), device.signature)) payloadVersion = 'v2';
  if (!payloadVersion) {
    return fail(DeviceAuthFailureReasons.SIGNATURE_INVALID, ConnectErrorDetailCodes.DEVICE_AUTH_SIGNATURE_INVALID, 'device signature invalid');
  }
  const publicKey = normalizeDevicePublicKey(device.publicKey);
  if (!publicKey) {
    return fail(DeviceAuthFailureReasons.PUBLIC_KEY_INVALID, ConnectErrorDetailCodes.DEVICE_AUTH_PUBLIC_KEY_INVALID, 'device public key invalid');
  }
  return { ok: true, publicKey, payloadVersion };
}
