// Our gateway as an operator runs it: `rusty-claw gateway run --port 0 --token T --state-dir D` in a
// child process. The listening line, the HTTP probes on the same port, and a clean SIGTERM.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HandshakeRejectedError, connectRaw, startRustyClawGateway } from '../src/index.ts';
import { randomToken } from './fixtures.ts';

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('rusty-claw gateway run (child process)', () => {
  it('listens on loopback, answers /healthz and /readyz and a handshake, and exits 0 on SIGTERM', async () => {
    const token = randomToken();
    const gateway = await startRustyClawGateway({ token });
    let stopped = false;
    try {
      expect(gateway.host).toBe('127.0.0.1');
      expect(gateway.port).toBeGreaterThan(0);
      const base = `http://127.0.0.1:${gateway.port}`;
      const [healthz, readyz] = await Promise.all([fetch(`${base}/healthz`), fetch(`${base}/readyz`)]);
      expect(healthz.status).toBe(200);
      expect(await healthz.json()).toMatchObject({ ok: true });
      expect(readyz.status).toBe(200);

      const session = await connectRaw({ url: gateway.url, token, minProtocol: 4, maxProtocol: 4 });
      expect(session.helloPayload<{ protocol: number }>().protocol).toBe(4);
      await session.close();

      const exit = await gateway.stop();
      stopped = true;
      expect(exit, gateway.process.describeOutput()).toMatchObject({ code: 0, signal: null, killed: false });
      expect(await portAccepts(gateway.port)).toBe(false);
    } finally {
      if (!stopped) await gateway.stop();
    }
  });

  it('rejects a wrong token the way OpenClaw does: INVALID_REQUEST / AUTH_TOKEN_MISMATCH, then close 1008', async () => {
    const token = randomToken();
    const gateway = await startRustyClawGateway({ token });
    try {
      const error = await connectRaw({ url: gateway.url, token: `${token}x`, minProtocol: 4, maxProtocol: 4 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HandshakeRejectedError);
      const rejected = error as HandshakeRejectedError;
      expect(rejected.response?.['error']).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_TOKEN_MISMATCH' } });
      expect(rejected.close?.code).toBe(1008);
    } finally {
      const exit = await gateway.stop();
      expect(exit.code).toBe(0);
    }
  });
});
