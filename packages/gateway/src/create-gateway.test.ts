import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '@rusty-claw/core';
import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { GatewayClient, HealthResultSchema, generateDeviceIdentity, type EventFrame } from '@rusty-claw/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGateway } from './index.js';
import type { Gateway } from './gateway-options.js';

const TOKEN = 'a-long-random-token';

describe('createGateway driven by GatewayClient (the README example, end to end)', () => {
  let stateDir: string;
  let gateway: Gateway;
  let url: string;
  const clients: GatewayClient[] = [];

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'rc-create-'));
    gateway = createGateway({
      config: validateConfig({}).config,
      configPath: join(stateDir, 'rusty-claw.json'),
      stateDir,
      host: '127.0.0.1',
      port: 0,
      auth: { mode: 'token', token: TOKEN },
      policy: { tickIntervalMs: 25 },
    });
    expect(gateway.ready).toBe(false);
    ({ url } = await gateway.listen());
    expect(gateway.ready).toBe(true);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await gateway.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  function client(options: Partial<ConstructorParameters<typeof GatewayClient>[0]>): GatewayClient {
    const created = new GatewayClient({ url, ...options });
    clients.push(created);
    return created;
  }

  it('a token client calls health; events arrive in order without gaps', async () => {
    const events: EventFrame[] = [];
    const errors: unknown[] = [];
    const operator = client({ token: TOKEN, scopes: ['operator.read'], onEvent: (event) => events.push(event), onError: (error) => errors.push(error) });
    const hello = await operator.connect();
    expect(hello.protocol).toBe(4);
    expect(HealthResultSchema.safeParse(await operator.request('health')).success).toBe(true);
    const deadline = Date.now() + 3_000;
    while (events.filter((event) => event.event === 'tick').length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(errors).toEqual([]);
  });

  it('a device client is paired on first use (local + token), then its device token alone is enough', async () => {
    const identity = generateDeviceIdentity();
    const first = client({ token: TOKEN, device: identity, scopes: ['operator.read'], client: { id: 'openclaw-tui', mode: 'ui' } });
    const hello = await first.connect();
    const deviceToken = hello.auth.deviceToken;
    expect(deviceToken).toBeTruthy();
    const later = client({ deviceToken: deviceToken!, device: identity, scopes: ['operator.read'], client: { id: 'openclaw-tui', mode: 'ui' } });
    expect((await later.connect()).auth.scopes).toEqual(['operator.read']);
    expect(await later.request('system-presence')).toEqual(expect.arrayContaining([expect.objectContaining({ deviceId: identity.deviceId })]));
  });

  it('a refused connect surfaces as a ProtocolError with the wire code and details', async () => {
    const wrong = client({ token: 'wrong-token' });
    const error = await wrong.connect().catch((reason: unknown) => reason);
    expect(ProtocolError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_TOKEN_MISMATCH' } });
  });

  it('a missing scope surfaces as FORBIDDEN for a v4 client', async () => {
    const reader = client({ token: TOKEN, scopes: ['operator.read'] });
    await reader.connect();
    const error = await reader.request('config.schema', {}).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'missing scope: operator.admin', details: { code: 'MISSING_SCOPE' } });
  });
});
