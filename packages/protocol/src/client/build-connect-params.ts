import { buildDeviceAuthPayload } from '../device/device-auth-payload.js';
import { publicKeyRawBase64Url, type DeviceIdentity } from '../device/device-identity.js';
import { signDevicePayload } from '../device/device-signature.js';
import type { ClientInfo, ConnectAuth, ConnectParams } from '../schema/connect-params.js';

/** What `connect` sends, before the challenge is known. */
export interface ConnectIntent {
  minProtocol: number;
  maxProtocol: number;
  client: ClientInfo;
  role: string;
  scopes: readonly string[];
  caps: readonly string[];
  auth: ConnectAuth;
  device: DeviceIdentity | undefined;
}

/**
 * The `connect` params for one challenge. With a device identity it signs the v3 payload over the
 * challenge nonce; `signedAt` is the challenge's `ts` when the server sent one (the server's clock
 * is what it checks skew against), else the local clock.
 */
export function buildConnectParams(intent: ConnectIntent, challenge: { nonce: string; ts?: number | undefined }, now: () => number): ConnectParams {
  const auth = Object.fromEntries(Object.entries(intent.auth).filter(([, value]) => value !== undefined)) as ConnectAuth;
  const params: ConnectParams = {
    minProtocol: intent.minProtocol,
    maxProtocol: intent.maxProtocol,
    client: intent.client,
    caps: [...intent.caps],
    role: intent.role,
    scopes: [...intent.scopes],
    ...(Object.keys(auth).length > 0 ? { auth } : {}),
  };
  if (intent.device !== undefined) {
    const signedAt = typeof challenge.ts === 'number' && Number.isInteger(challenge.ts) && challenge.ts >= 0 ? challenge.ts : now();
    const payload = buildDeviceAuthPayload({
      version: 'v3',
      deviceId: intent.device.deviceId,
      clientId: intent.client.id,
      clientMode: intent.client.mode,
      role: intent.role,
      scopes: intent.scopes,
      signedAtMs: signedAt,
      token: auth.token ?? auth.deviceToken ?? auth.bootstrapToken,
      nonce: challenge.nonce,
      platform: intent.client.platform,
      deviceFamily: intent.client.deviceFamily,
    });
    params.device = {
      id: intent.device.deviceId,
      publicKey: publicKeyRawBase64Url(intent.device.publicKeyPem),
      signature: signDevicePayload(intent.device.privateKeyPem, payload),
      signedAt,
      nonce: challenge.nonce,
    };
  }
  return params;
}
