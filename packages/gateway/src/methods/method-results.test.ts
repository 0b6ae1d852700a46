import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GatewayClient,
  HealthResultSchema,
  HelloOkV3Schema,
  HelloOkV4Schema,
  LastHeartbeatResultSchema,
  StatusResultSchema,
  SystemPresenceResultSchema,
} from '@rusty-claw/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_TOKEN, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('method results match the protocol schemas (v3 and v4 clients)', () => {
  let gateway: TestGateway;
  const clients: GatewayClient[] = [];

  beforeEach(async () => {
    gateway = await startTestGateway({ configInput: { agents: { list: [{ id: 'main', name: 'Main' }, { id: 'ops' }] } } });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await gateway.close();
  });

  async function connect(options: Partial<ConstructorParameters<typeof GatewayClient>[0]> = {}): Promise<GatewayClient> {
    const client = new GatewayClient({ url: gateway.url, token: TEST_TOKEN, scopes: ['operator.admin'], ...options });
    clients.push(client);
    await client.connect();
    return client;
  }

  it('hello-ok validates against HelloOkV3Schema / HelloOkV4Schema for the negotiated version', async () => {
    const v3 = await connect({ minProtocol: 3, maxProtocol: 3 });
    expect(HelloOkV3Schema.safeParse(v3.hello).success).toBe(true);
    const v4 = await connect({ minProtocol: 4, maxProtocol: 4 });
    expect(HelloOkV4Schema.safeParse(v4.hello).success).toBe(true);
  });

  it('features advertise exactly the methods answered and the events emitted', async () => {
    const client = await connect();
    const features = client.hello!.features;
    expect(features.methods).toEqual([
      'connect',
      'health',
      'status',
      'system-presence',
      'config.get',
      'config.set',
      'config.patch',
      'config.schema',
      'last-heartbeat',
      'device.pair.list',
      'device.pair.approve',
      'device.pair.reject',
      'device.pair.remove',
      'device.token.rotate',
      'device.token.revoke',
      'models.list',
      'agents.list',
      'sessions.list',
      'sessions.patch',
      'sessions.reset',
      'sessions.delete',
      'sessions.compact',
      'agent',
      'agent.wait',
      'chat.history',
      'chat.abort',
      'chat.send',
      'channels.status',
      'channels.start',
      'channels.stop',
      'channels.logout',
      'channels.login',
      'channels.pairing.list',
      'channels.pairing.approve',
      'channels.pairing.dismiss',
    ]);
    expect(features.events).toEqual(['connect.challenge', 'agent', 'chat', 'presence', 'tick', 'shutdown', 'health', 'device.pair.requested', 'device.pair.resolved']);
    for (const method of features.methods.filter((name) => name !== 'connect')) {
      const outcome = await client.request(method, {}).then(
        () => 'ok',
        (error: { message: string }) => error.message,
      );
      expect(outcome).not.toMatch(/^unknown method/);
    }
  });

  it('health: HealthSummary with every agent and its session store', async () => {
    const dir = join(gateway.stateDir, 'agents', 'main', 'sessions');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'sessions.json'), JSON.stringify({ 'agent:main:main': { sessionId: 's1', updatedAt: Date.now() - 1000 }, global: {} }));
    const client = await connect({ scopes: [] });
    const health = HealthResultSchema.parse(await client.request('health', { probe: true }));
    expect(health).toMatchObject({ ok: true, channels: {}, channelOrder: [], channelLabels: {}, defaultAgentId: 'main', heartbeatSeconds: 0 });
    expect(health.agents.map((agent) => [agent.agentId, agent.isDefault, agent.name])).toEqual([
      ['main', true, 'Main'],
      ['ops', false, undefined],
    ]);
    expect(health.sessions).toMatchObject({ path: join(dir, 'sessions.json'), count: 1, recent: [{ key: 'agent:main:main' }] });
  });

  it('status: StatusSummary; session paths only for admins', async () => {
    const admin = StatusResultSchema.parse(await (await connect()).request('status'));
    expect(admin.runtimeVersion).toBe('0.1.0');
    expect(admin.sessions.paths).toHaveLength(2);
    expect(admin.heartbeat).toEqual({
      defaultAgentId: 'main',
      agents: [
        { agentId: 'main', enabled: false, every: 'disabled', everyMs: null },
        { agentId: 'ops', enabled: false, every: 'disabled', everyMs: null },
      ],
    });
    const reader = StatusResultSchema.parse(await (await connect({ scopes: ['operator.read'] })).request('status', { includeChannelSummary: false }));
    expect(reader.sessions.paths).toEqual([]);
    expect(reader.sessions.byAgent[0]?.path).toBe('[redacted]');
  });

  it('system-presence and last-heartbeat', async () => {
    const client = await connect({ client: { id: 'openclaw-tui', mode: 'ui', instanceId: 'tui-1' } });
    const presence = SystemPresenceResultSchema.parse(await client.request('system-presence'));
    expect(presence.map((entry) => entry.reason)).toEqual(['self', 'connect']);
    expect(LastHeartbeatResultSchema.parse(await client.request('last-heartbeat'))).toBeNull();
  });
});
