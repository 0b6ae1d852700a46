import {
  EventFrameSchema,
  HealthResultSchema,
  PresenceEventSchema,
  ShutdownEventSchema,
  SystemPresenceResultSchema,
  TickEventSchema,
} from '@rusty-claw/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, signedDevice } from '../test-support/device-signing.js';
import { connectRaw, type RawSocket, type WireFrame } from '../test-support/raw-socket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

const UI_CLIENT = { id: 'openclaw-tui', version: 'test', platform: 'linux', mode: 'ui', instanceId: 'ui-1' };

function events(socket: RawSocket): WireFrame[] {
  return socket.frames.filter((frame) => frame.type === 'event' && frame.event !== 'connect.challenge');
}

describe('events: seq, tick, ping, presence, health, scope filter', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function client(overrides: Record<string, unknown> = {}): Promise<{ socket: RawSocket; hello: WireFrame }> {
    const { socket, answer } = await connectRaw(gateway!.url, () => cliConnectParams(overrides));
    sockets.push(socket);
    expect(answer.ok).toBe(true);
    return { socket, hello: answer };
  }

  it('tick every tickIntervalMs with a contiguous per-socket seq; frames match the protocol schemas', async () => {
    gateway = await startTestGateway({ policy: { tickIntervalMs: 40 } });
    const { socket, hello } = await client();
    expect(hello.payload.policy.tickIntervalMs).toBe(40);
    await socket.waitFor(() => events(socket).filter((frame) => frame.event === 'tick').length >= 3);
    const seen = events(socket);
    expect(seen.map((frame) => frame.seq)).toEqual(seen.map((_, index) => index + 1));
    for (const frame of seen) {
      expect(EventFrameSchema.safeParse(frame).success).toBe(true);
      if (frame.event === 'tick') expect(TickEventSchema.safeParse(frame.payload).success).toBe(true);
    }
  });

  it('WebSocket pings every pingIntervalMs after hello-ok', async () => {
    gateway = await startTestGateway({ policy: { pingIntervalMs: 30 } });
    const { socket } = await client();
    let pings = 0;
    socket.ws.on('ping', () => {
      pings += 1;
    });
    const deadline = Date.now() + 3_000;
    while (pings < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pings).toBeGreaterThanOrEqual(2);
  });

  it('presence: a self entry always; non-CLI clients are announced on connect and disconnect, CLI clients never', async () => {
    gateway = await startTestGateway();
    const { socket: observer, hello } = await client();
    const snapshot = hello.payload.snapshot;
    expect(snapshot.presence[0]).toMatchObject({ mode: 'gateway', reason: 'self' });
    expect(snapshot.stateVersion).toEqual({ presence: 0, health: 0 });
    expect(snapshot.sessionDefaults).toEqual({ defaultAgentId: 'main', mainKey: 'main', mainSessionKey: 'agent:main:main', scope: 'per-sender' });
    expect(snapshot.configPath).toBe(gateway.configPath);

    await client(); // another CLI: no presence event
    const { socket: ui } = await client({ client: UI_CLIENT, scopes: ['operator.read'] });
    const joined = await observer.waitFor((frame) => frame.event === 'presence');
    expect(PresenceEventSchema.parse(joined.payload).presence.find((entry) => entry.instanceId === 'ui-1')).toMatchObject({
      reason: 'connect',
      mode: 'ui',
      roles: ['operator'],
      scopes: ['operator.read'],
    });
    expect(joined.stateVersion).toEqual({ presence: 1, health: 0 });

    ui.close();
    const left = await observer.waitFor((frame) => frame.event === 'presence' && frame.stateVersion?.presence === 2);
    expect(left.payload.presence.find((entry: { instanceId?: string }) => entry.instanceId === 'ui-1')).toMatchObject({ reason: 'disconnect' });

    const list = await observer.request('p', 'system-presence');
    const entries = SystemPresenceResultSchema.parse(list.payload);
    expect(entries.filter((entry) => entry.mode === 'cli')).toEqual([]);
    expect(events(observer).map((frame) => frame.seq)).toEqual(events(observer).map((_, index) => index + 1));
  });

  it('a read-only client does not snapshot paths', async () => {
    gateway = await startTestGateway();
    const { hello } = await client({ client: UI_CLIENT, scopes: ['operator.read'] });
    expect(hello.payload.snapshot).not.toHaveProperty('configPath');
    expect(hello.payload.snapshot).not.toHaveProperty('authMode');
  });

  it('health {probe:true} rebuilds the summary and broadcasts a health event with a new stateVersion', async () => {
    gateway = await startTestGateway();
    const { socket } = await client();
    const answer = await socket.request('h', 'health', { probe: true });
    expect(HealthResultSchema.safeParse(answer.payload).success).toBe(true);
    const event = await socket.waitFor((frame) => frame.event === 'health');
    expect(HealthResultSchema.safeParse(event.payload).success).toBe(true);
    expect(event.stateVersion).toEqual({ presence: 0, health: 1 });
  });

  it('delivery follows the event scope table: device.pair.* only reach pairing-capable sockets', async () => {
    gateway = await startTestGateway();
    const { socket: reader } = await client({ scopes: ['operator.read'] });
    const { socket: pairer } = await client({ scopes: ['operator.pairing'] });
    const identity = generateDeviceIdentity();
    const params = cliConnectParams({ client: UI_CLIENT, scopes: ['operator.read'] });
    const device = await connectRaw(gateway.url, (nonce) => ({ ...params, device: signedDevice({ identity, nonce, connect: params }) }), {
      headers: { 'x-forwarded-for': '198.51.100.4' },
    });
    sockets.push(device.socket);
    expect(device.answer.error?.code).toBe('NOT_PAIRED');
    await pairer.waitFor((frame) => frame.event === 'device.pair.requested');
    // A later broadcast every socket gets proves the reader would have seen the earlier one by now.
    await gateway.server.close('done');
    await reader.waitFor((frame) => frame.event === 'shutdown');
    expect(ShutdownEventSchema.safeParse(reader.frames.find((frame) => frame.event === 'shutdown')?.payload).success).toBe(true);
    expect(reader.frames.some((frame) => frame.event?.startsWith('device.pair'))).toBe(false);
  });
});
