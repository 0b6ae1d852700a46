import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '@rusty-claw/core';
import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import { GatewayServer } from '../server/gateway-server.js';
import { connectRaw, type RawSocket, type WireFrame } from '../test-support/raw-socket.js';
import { TEST_TOKEN, cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';
import { webchatTokenFile } from './webchat-token-file.js';

const WEBCHAT_TOKEN = 'wct_test-webchat-token-0123456789';
const VISITOR = 'f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0';
const OWN_KEY = `agent:main:webchat:direct:${VISITOR}`;

function webchatParams(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    minProtocol: 3,
    maxProtocol: 4,
    client: { id: 'webchat', version: 'test', platform: 'Linux x86_64', mode: 'webchat', instanceId: VISITOR },
    role: 'operator',
    scopes: ['operator.admin', 'operator.read', 'operator.write', 'operator.pairing'],
    auth: { token: WEBCHAT_TOKEN },
    ...overrides,
  };
}

describe('web chat sockets: the scoped token', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function start(webchat: Record<string, unknown> = { token: WEBCHAT_TOKEN }, extra: Record<string, unknown> = {}): Promise<TestGateway> {
    gateway = await startTestGateway({ webchat, ...extra });
    return gateway;
  }

  async function connect(params: Record<string, unknown>, origin: string | null = gateway?.httpUrl ?? null): Promise<{ socket: RawSocket; answer: WireFrame }> {
    const { socket, answer } = await connectRaw(gateway!.url, () => params, origin ? { headers: { origin } } : {});
    sockets.push(socket);
    return { socket, answer };
  }

  it('grants read + write only, bound to the visitor session, and hides presence, health and paths', async () => {
    await start();
    const { answer } = await connect(webchatParams());
    expect(answer.ok).toBe(true);
    const hello = answer.payload;
    expect(hello.auth.scopes).toEqual(['operator.read', 'operator.write']);
    expect(hello.snapshot.sessionDefaults).toEqual({ defaultAgentId: 'main', mainKey: `webchat:direct:${VISITOR}`, mainSessionKey: OWN_KEY, scope: 'per-sender' });
    expect(hello.snapshot.presence).toEqual([]);
    expect(hello.snapshot.health).toEqual({});
    expect(hello.snapshot).not.toHaveProperty('stateDir');
    expect(hello.policy.maxPayload).toBe(262_144);
    for (const method of hello.features.methods as string[]) expect(['chat.send', 'chat.history', 'chat.abort']).toContain(method);
    for (const event of hello.features.events as string[]) expect(['chat', 'tick', 'shutdown']).toContain(event);
  });

  it('refuses admin methods with the normal missing-scope error and other methods as forbidden', async () => {
    await start();
    const { socket } = await connect(webchatParams({ maxProtocol: 3 }));
    const admin = await socket.request('r1', 'config.patch', { raw: '{}' });
    expect(admin.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' });
    const read = await socket.request('r2', 'status');
    expect(read.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'WEBCHAT_FORBIDDEN', reason: 'method' } });
    const health = await socket.request('r3', 'health');
    expect(health.error?.details).toMatchObject({ code: 'WEBCHAT_FORBIDDEN' });
  });

  it('v4 gets FORBIDDEN; chat methods only on the own session key, agent and allow-listed params', async () => {
    await start();
    const { socket } = await connect(webchatParams());
    const other = await socket.request('r1', 'chat.history', { sessionKey: 'agent:main:main' });
    expect(other.error).toMatchObject({ code: 'FORBIDDEN', details: { code: 'WEBCHAT_FORBIDDEN', reason: 'session' } });
    const otherVisitor = await socket.request('r2', 'chat.send', { sessionKey: 'agent:main:webchat:direct:someone-else-0000000', message: 'hi', idempotencyKey: 'k1' });
    expect(otherVisitor.error?.details).toMatchObject({ reason: 'session' });
    const agent = await socket.request('r3', 'chat.send', { sessionKey: OWN_KEY, agentId: 'ops', message: 'hi', idempotencyKey: 'k2' });
    expect(agent.error?.details).toMatchObject({ reason: 'agent' });
    const deliver = await socket.request('r4', 'chat.send', { sessionKey: OWN_KEY, message: 'hi', idempotencyKey: 'k3', deliver: true });
    expect(deliver.error).toMatchObject({ code: 'FORBIDDEN', message: 'forbidden: a web chat socket may not set chat.send deliver' });
    const abortOther = await socket.request('r5', 'chat.abort', { sessionKey: 'agent:main:main' });
    expect(abortOther.error?.details).toMatchObject({ reason: 'session' });
    const own = await socket.request('r6', 'chat.history', { sessionKey: OWN_KEY.toUpperCase() });
    // Past the web chat gate: whatever chat.history answers, it is not a web chat refusal.
    expect(own.error?.details?.code).not.toBe('WEBCHAT_FORBIDDEN');
  });

  it('caps the message length', async () => {
    await start({ token: WEBCHAT_TOKEN, maxMessageChars: 10 });
    const { socket } = await connect(webchatParams());
    const long = await socket.request('r1', 'chat.send', { sessionKey: OWN_KEY, message: 'x'.repeat(11), idempotencyKey: 'k1' });
    expect(long.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'WEBCHAT_MESSAGE_TOO_LONG', maxChars: 10 } });
  });

  it('delivers only its own chat events (and tick/shutdown), with a contiguous seq', async () => {
    const started = await start();
    const { socket } = await connect(webchatParams());
    const operator = await connect(cliConnectParams({ scopes: ['operator.read'] }), null);
    const connections = started.server.ctx.connections;
    connections.broadcast('chat', { runId: 'r-other', sessionKey: 'agent:main:main', seq: 1, state: 'delta' });
    connections.broadcast('presence', { presence: [] });
    connections.broadcast('health', { ok: true });
    connections.broadcast('chat', { runId: 'r-own', sessionKey: OWN_KEY, seq: 1, state: 'final' });
    connections.broadcast('tick', { ts: 1 });
    await socket.waitFor((frame) => frame.event === 'tick');
    const events = socket.frames.filter((frame) => frame.type === 'event' && frame.event !== 'connect.challenge');
    expect(events.map((frame) => [frame.event, frame.payload?.runId, frame.seq])).toEqual([
      ['chat', 'r-own', 1],
      ['tick', undefined, 2],
    ]);
    // The operator socket still sees everything it is scoped for.
    await operator.socket.waitFor((frame) => frame.event === 'tick');
    expect(operator.socket.frames.filter((frame) => frame.event === 'chat')).toHaveLength(2);
  });

  it('needs a usable visitor id', async () => {
    await start();
    const { answer, socket } = await connect(webchatParams({ client: { id: 'webchat', version: 't', platform: 'p', mode: 'webchat', instanceId: 'short' } }));
    expect(answer.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'WEBCHAT_VISITOR_ID_INVALID' } });
    expect((await socket.closed).code).toBe(1008);
  });

  it('a wrong web chat token is an ordinary token mismatch', async () => {
    await start();
    const { answer } = await connect(webchatParams({ auth: { token: 'wct_wrong' } }));
    expect(answer.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_TOKEN_MISMATCH' } });
  });

  it('origins: the web chat list admits only web chat sockets; foreign origins are refused', async () => {
    await start({ token: WEBCHAT_TOKEN, allowedOrigins: ['https://shop.example'] });
    expect((await connect(webchatParams(), 'https://shop.example')).answer.ok).toBe(true);
    const foreign = await connect(webchatParams(), 'https://evil.example');
    expect(foreign.answer.error?.details).toMatchObject({ code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' });
    const admin = await connect(cliConnectParams({ client: { id: 'openclaw-control-ui', version: 't', platform: 'p', mode: 'webchat' } }), 'https://shop.example');
    expect(admin.answer.error?.details).toMatchObject({ code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' });
    const missing = await connect(webchatParams(), null);
    expect(missing.answer.error?.details).toMatchObject({ code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' });
  });

  it('the admin token keeps its full rights, even for a browser client id', async () => {
    await start();
    const { answer } = await connect(cliConnectParams({ client: { id: 'webchat', version: 't', platform: 'p', mode: 'webchat', instanceId: VISITOR } }));
    expect(answer.payload.auth.scopes).toEqual(['operator.admin']);
    expect(answer.payload.snapshot.sessionDefaults.mainSessionKey).toBe('agent:main:main');
  });

  it('an IP locked out for guessing is not let in with the web chat token either', async () => {
    await start({ token: WEBCHAT_TOKEN }, { policy: { authRateLimit: { maxAttempts: 2, windowMs: 60_000, lockoutMs: 60_000, exemptLoopback: false } } });
    for (const token of ['guess-1', 'guess-2']) await connect(webchatParams({ auth: { token } }));
    const { answer } = await connect(webchatParams());
    expect(answer.error?.details).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
  });

  it('generates the token once into credentials/webchat-token (0600) and reuses it', async () => {
    const first = await start({});
    const file = webchatTokenFile(first.stateDir);
    const token = (await readFile(file, 'utf8')).trim();
    expect(token).toMatch(/^wct_[A-Za-z0-9_-]{43}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.server.ctx.webchat?.file).toBe(file);
    const { answer } = await connect(webchatParams({ auth: { token } }));
    expect(answer.ok).toBe(true);
    // A second gateway on the same state dir reads the same token.
    await first.server.close();
    const again = new GatewayServer({
      config: validateConfig({}).config,
      configPath: first.configPath,
      stateDir: first.stateDir,
      port: 0,
      auth: { mode: 'token', token: TEST_TOKEN },
      webchat: {},
    });
    await again.listen();
    try {
      expect(again.ctx.webchat?.matches(token)).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('refuses a web chat token equal to the gateway token and malformed origins', async () => {
    await expect(startTestGateway({ webchat: { token: TEST_TOKEN } })).rejects.toSatisfy(GatewayOptionsError.isInstance);
    await expect(startTestGateway({ webchat: { allowedOrigins: ['https://x.example/path'] } })).rejects.toThrow(/scheme:\/\/host/);
  });
});
