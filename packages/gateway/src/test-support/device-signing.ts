import {
  buildDeviceAuthPayload,
  generateDeviceIdentity,
  publicKeyRawBase64Url,
  signDevicePayload,
  type DeviceIdentity,
} from '@rusty-claw/protocol';

export { generateDeviceIdentity, type DeviceIdentity };

/**
 * The `connect.device` block a client builds: Ed25519 signature over the v3 (or v2) payload string for
 * this socket's challenge nonce. Every field can be overridden to forge a bad proof.
 */
export function signedDevice(params: {
  identity: DeviceIdentity;
  nonce: string;
  connect: Record<string, unknown>;
  signedAt?: number;
  version?: 'v3' | 'v2';
  /** Sign with this identity's key while claiming `identity` (a forged signature). */
  signWith?: DeviceIdentity;
}): { id: string; publicKey: string; signature: string; signedAt: number; nonce: string } {
  const signedAt = params.signedAt ?? Date.now();
  const client = params.connect['client'] as { id: string; mode: string; platform?: string; deviceFamily?: string };
  const auth = (params.connect['auth'] ?? {}) as { token?: string; deviceToken?: string; bootstrapToken?: string };
  const payload = buildDeviceAuthPayload({
    version: params.version ?? 'v3',
    deviceId: params.identity.deviceId,
    clientId: client.id,
    clientMode: client.mode,
    role: (params.connect['role'] as string | undefined) ?? 'operator',
    scopes: (params.connect['scopes'] as string[] | undefined) ?? [],
    signedAtMs: signedAt,
    token: auth.token ?? auth.deviceToken ?? auth.bootstrapToken ?? '',
    nonce: params.nonce,
    platform: client.platform,
    deviceFamily: client.deviceFamily,
  });
  return {
    id: params.identity.deviceId,
    publicKey: publicKeyRawBase64Url(params.identity.publicKeyPem),
    signature: signDevicePayload((params.signWith ?? params.identity).privateKeyPem, payload),
    signedAt,
    nonce: params.nonce,
  };
}
