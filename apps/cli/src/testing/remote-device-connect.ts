import { buildDeviceAuthPayload, publicKeyRawBase64Url, signDevicePayload, type DeviceIdentity } from '@rusty-claw/protocol';

export interface ConnectReply {
  ok: boolean;
  payload?: unknown;
  error?: { code: string; message: string; details?: { code?: string; requestId?: string } };
}

/**
 * A device-signed `connect` as a device behind a reverse proxy sends it (an `X-Forwarded-For`
 * header, so the gateway does not treat it as local and will not auto-approve). Node's built-in
 * WebSocket, since GatewayClient cannot add headers; the v3 signature is built with protocol's helpers.
 */
export function remoteDeviceConnect(url: string, options: { identity: DeviceIdentity; token: string; scopes: string[] }): Promise<ConnectReply> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { 'x-forwarded-for': '203.0.113.7' } } as unknown as string[]);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no connect reply within 3 s'));
    }, 3000);
    socket.onerror = () => reject(new Error('websocket error'));
    socket.onmessage = (message: MessageEvent) => {
      const frame = JSON.parse(String(message.data)) as { type: string; event?: string; payload?: { nonce: string }; id?: string } & ConnectReply;
      if (frame.type === 'event' && frame.event === 'connect.challenge') {
        const client = { id: 'cli', mode: 'cli', version: 'test', platform: 'linux' };
        const signedAt = Date.now();
        const payload = buildDeviceAuthPayload({
          version: 'v3',
          deviceId: options.identity.deviceId,
          clientId: client.id,
          clientMode: client.mode,
          role: 'operator',
          scopes: options.scopes,
          signedAtMs: signedAt,
          token: options.token,
          nonce: frame.payload?.nonce ?? '',
          platform: client.platform,
        });
        const device = {
          id: options.identity.deviceId,
          publicKey: publicKeyRawBase64Url(options.identity.publicKeyPem),
          signature: signDevicePayload(options.identity.privateKeyPem, payload),
          signedAt,
          nonce: frame.payload?.nonce ?? '',
        };
        const params = { minProtocol: 3, maxProtocol: 4, client, role: 'operator', scopes: options.scopes, auth: { token: options.token }, device };
        socket.send(JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params }));
        return;
      }
      if (frame.type === 'res' && frame.id === 'c1') {
        clearTimeout(timer);
        socket.close();
        resolve(frame.error === undefined ? { ok: frame.ok, payload: frame.payload } : { ok: frame.ok, error: frame.error });
      }
    };
  });
}
