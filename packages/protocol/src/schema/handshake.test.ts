import { describe, expect, it } from 'vitest';
import { loadV4Capture } from '../__fixtures__/load-fixture.js';
import { DEFAULT_POLICY, negotiateProtocol } from '../version.js';
import { ConnectParamsSchema } from './connect-params.js';
import { ConnectChallengePayloadSchema } from './event-payloads.js';
import { HelloOkAuthV4Schema, HelloOkSchema, HelloOkV3Schema, HelloOkV4Schema } from './hello-ok.js';

const capture = loadV4Capture();
const params = (key: string): unknown => (capture[key] as { params: unknown }).params;
const payload = (key: string): Record<string, unknown> => (capture[key] as { payload: Record<string, unknown> }).payload;

/** A minimal but complete v3 hello-ok, as a 2026.5.7 server sends it. */
function helloV3(): Record<string, unknown> {
  return {
    type: 'hello-ok',
    protocol: 3,
    server: { version: '0.1.0', connId: 'c1' },
    features: { methods: ['health'], events: ['tick'] },
    snapshot: { presence: [{ ts: 1, mode: 'gateway', reason: 'self' }], health: {}, stateVersion: { presence: 1, health: 1 }, uptimeMs: 5 },
    auth: { role: 'operator', scopes: ['operator.read'] },
    policy: { ...DEFAULT_POLICY },
  };
}

describe('connect params', () => {
  it('accepts every connect OpenClaw 2026.9.6 sent (cli, backend, probe, device-signed)', () => {
    for (const key of ['connectCli', 'connectBackend', 'connectProbe', 'connectStatusBackend', 'connectSigned']) {
      const result = ConnectParamsSchema.safeParse(params(key));
      expect(result.success, `${key}: ${result.error?.message}`).toBe(true);
    }
  });

  it('rejects unknown top-level and client keys, and unknown client ids/modes', () => {
    const base = params('connectCli') as Record<string, unknown>;
    expect(ConnectParamsSchema.safeParse({ ...base, transports: ['json-ws'] }).success).toBe(false);
    const client = base['client'] as Record<string, unknown>;
    expect(ConnectParamsSchema.safeParse({ ...base, client: { ...client, color: 'red' } }).success).toBe(false);
    expect(ConnectParamsSchema.safeParse({ ...base, client: { ...client, id: 'my-client' } }).success).toBe(false);
    expect(ConnectParamsSchema.safeParse({ ...base, client: { ...client, mode: 'daemon' } }).success).toBe(false);
  });

  it('is lenient on auth: all four credentials, unknown keys dropped', () => {
    const base = params('connectCli') as Record<string, unknown>;
    const parsed = ConnectParamsSchema.parse({
      ...base,
      auth: { token: 't', bootstrapToken: 'b', deviceToken: 'd', password: 'p', approvalRuntimeToken: 'x' },
    });
    expect(parsed.auth).toEqual({ token: 't', bootstrapToken: 'b', deviceToken: 'd', password: 'p' });
  });

  it('requires the device block to be complete and signedAt an integer', () => {
    const base = params('connectSigned') as Record<string, unknown>;
    const device = base['device'] as Record<string, unknown>;
    expect(ConnectParamsSchema.safeParse({ ...base, device: { ...device, nonce: undefined } }).success).toBe(false);
    expect(ConnectParamsSchema.safeParse({ ...base, device: { ...device, signedAt: 1.5 } }).success).toBe(false);
  });
});

describe('connect.challenge', () => {
  it('accepts the v4 challenge with capabilities and requires a nonce', () => {
    expect(ConnectChallengePayloadSchema.safeParse(payload('challenge')).success).toBe(true);
    expect(ConnectChallengePayloadSchema.safeParse({ nonce: '', ts: 1 }).success).toBe(false);
  });
});

describe('hello-ok', () => {
  it('parses the 15.5 KB hello-ok of OpenClaw 2026.9.6 as v4', () => {
    const result = HelloOkSchema.safeParse(payload('helloOk'));
    expect(result.success, result.error?.message).toBe(true);
    expect(result.data?.protocol).toBe(4);
    if (result.data?.protocol === 4) {
      expect(result.data.pluginSurfaceUrls?.['canvas']).toMatch(/^http:\/\/127\.0\.0\.1:18789\//);
      expect(result.data.server.bootId).toBe('3f2de2ad-219c-40b8-9c23-f69ebe8afa45');
      expect(result.data.policy.attachments).toEqual({ maxBytes: 19464192, maxImageBytes: 6291456 });
    }
  });

  it('parses the v4 auth blocks seen on probe and device-signed sockets', () => {
    expect(HelloOkAuthV4Schema.safeParse(capture['probeHelloAuth']).success).toBe(true);
    expect(HelloOkAuthV4Schema.safeParse(capture['signedHelloAuth']).success).toBe(true);
    expect(HelloOkAuthV4Schema.safeParse({ ...(capture['signedHelloAuth'] as object), recoveryMigrationAllowed: false }).success).toBe(false);
  });

  it('accepts a minimal v3 hello-ok, with canvasHostUrl', () => {
    expect(HelloOkV3Schema.safeParse(helloV3()).success).toBe(true);
    expect(HelloOkSchema.safeParse({ ...helloV3(), canvasHostUrl: 'http://127.0.0.1:1/cap' }).success).toBe(true);
  });

  it('keeps each version to its own fields', () => {
    expect(HelloOkV3Schema.safeParse({ ...helloV3(), pluginSurfaceUrls: { canvas: 'x' } }).success).toBe(false);
    expect(HelloOkV4Schema.safeParse({ ...payload('helloOk'), canvasHostUrl: 'x' }).success).toBe(false);
    const v3 = helloV3();
    expect(HelloOkV3Schema.safeParse({ ...v3, policy: { ...DEFAULT_POLICY, attachments: { maxBytes: 1, maxImageBytes: 1 } } }).success).toBe(false);
    expect(HelloOkV3Schema.safeParse({ ...v3, server: { version: '1', connId: 'c', bootId: 'b' } }).success).toBe(false);
  });

  it('requires auth and policy, and rejects an extra key anywhere in the snapshot', () => {
    const { auth: _auth, ...noAuth } = helloV3();
    expect(HelloOkV3Schema.safeParse(noAuth).success).toBe(false);
    const v3 = helloV3();
    const snapshot = v3['snapshot'] as Record<string, unknown>;
    expect(HelloOkV3Schema.safeParse({ ...v3, snapshot: { ...snapshot, extra: 1 } }).success).toBe(false);
    expect(HelloOkV3Schema.safeParse({ ...v3, snapshot: { ...snapshot, presence: [{ ts: 1, color: 'x' }] } }).success).toBe(false);
    const { health: _health, ...noHealth } = snapshot;
    expect(HelloOkV3Schema.safeParse({ ...v3, snapshot: noHealth }).success).toBe(false);
  });
});

describe('negotiateProtocol', () => {
  it('picks the highest common version', () => {
    expect(negotiateProtocol(3, 3)).toBe(3);
    expect(negotiateProtocol(4, 4)).toBe(4);
    expect(negotiateProtocol(3, 4)).toBe(4);
    expect(negotiateProtocol(1, 9)).toBe(4);
    expect(negotiateProtocol(1, 3)).toBe(3);
  });

  it('returns undefined without overlap or for nonsense', () => {
    expect(negotiateProtocol(5, 6)).toBeUndefined();
    expect(negotiateProtocol(1, 2)).toBeUndefined();
    expect(negotiateProtocol(4, 3)).toBeUndefined();
    expect(negotiateProtocol(3.5, 4)).toBeUndefined();
  });
});
