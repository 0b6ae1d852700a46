// Our exact wire bytes, captured with a raw client against the real gateway process, checked with
// OpenClaw's own Ajv validators: 2026.5.7's (what its client runs on every frame) for a protocol-3
// session signed with a device identity, and 2026.9.6's schemas for a protocol-4 session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  check,
  connectRaw,
  createTestDevice,
  loadOpenClawValidators,
  startRustyClawGateway,
  type Frame,
  type OpenClawValidators,
  type RawGatewaySession,
  type ReceivedFrame,
  type RunningGateway,
} from '../src/index.ts';
import { randomToken, seededConfig } from './fixtures.ts';

const token = randomToken();
let gateway: RunningGateway;
let v3: OpenClawValidators;
let v4: OpenClawValidators;
const sessions: RawGatewaySession[] = [];

beforeAll(async () => {
  [gateway, v3, v4] = await Promise.all([
    startRustyClawGateway({ token, config: seededConfig(token) }),
    loadOpenClawValidators('v3'),
    loadOpenClawValidators('v4'),
  ]);
});

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  const exit = await gateway?.stop();
  expect(exit, gateway?.process.describeOutput()).toMatchObject({ code: 0, killed: false });
});

async function open(options: Omit<Parameters<typeof connectRaw>[0], 'url' | 'token'>): Promise<RawGatewaySession> {
  const session = await connectRaw({ url: gateway.url, token, ...options });
  sessions.push(session);
  return session;
}

function expectValid(validators: OpenClawValidators, name: 'responseFrame' | 'eventFrame' | string, value: unknown, text?: string): void {
  const validate = name === 'responseFrame' || name === 'eventFrame' ? validators[name] : validators.schema(name);
  const outcome = check(validate, value);
  expect(outcome.errors, `${validators.version} ${name} rejected:\n${text ?? JSON.stringify(value)}`).toEqual([]);
  expect(outcome.valid).toBe(true);
}

/** Every frame a session received must pass the frame validator of its type. */
function expectAllFramesValid(validators: OpenClawValidators, received: ReceivedFrame[]): void {
  for (const { frame, text } of received) {
    if (frame.type === 'res') expectValid(validators, 'responseFrame', frame, text);
    else if (frame.type === 'event') expectValid(validators, 'eventFrame', frame, text);
    else throw new Error(`unexpected frame type: ${text}`);
  }
}

function payloadOf(entry: ReceivedFrame): Frame {
  return entry.frame['payload'] as Frame;
}

describe('protocol 3 (OpenClaw 2026.5.7 validators), signed device identity like the 2026.5.7 CLI', () => {
  let cli: RawGatewaySession;

  beforeAll(async () => {
    cli = await open({ minProtocol: 3, maxProtocol: 3, clientVersion: '2026.5.7', scopes: ['operator.read'], device: createTestDevice() });
  });

  it('connect.challenge is a valid event frame with a nonce and ts', () => {
    const challenge = cli.received[0];
    expect(challenge?.frame['event']).toBe('connect.challenge');
    expectValid(v3, 'eventFrame', challenge?.frame, challenge?.text);
    const payload = challenge?.frame['payload'] as { nonce: unknown; ts: unknown };
    expect(typeof payload.nonce).toBe('string');
    expect(typeof payload.ts).toBe('number');
  });

  it('hello-ok passes ResponseFrame, HelloOk, Snapshot and PresenceEntry, negotiates 3 and issues a device token', () => {
    const hello = cli.hello as Frame;
    expectValid(v3, 'responseFrame', hello);
    const payload = hello['payload'] as Frame & { snapshot: { presence: unknown[] }; auth: Frame };
    expectValid(v3, 'HelloOk', payload);
    expectValid(v3, 'Snapshot', payload.snapshot);
    for (const entry of payload.snapshot.presence) expectValid(v3, 'PresenceEntry', entry);
    expect(payload['protocol']).toBe(3);
    expect(payload.auth['role']).toBe('operator');
    expect(payload.auth['scopes']).toEqual(['operator.read']);
    expect(typeof payload.auth['deviceToken']).toBe('string');
  });

  it('the validators are not vacuous: our hello-ok with one extra key is rejected', () => {
    const payload = { ...cli.helloPayload(), extra: true };
    expect(check(v3.schema('HelloOk'), payload).valid).toBe(false);
    const snapshot = { ...(cli.helloPayload()['snapshot'] as Frame), extra: true };
    expect(check(v3.schema('Snapshot'), snapshot).valid).toBe(false);
  });

  it('health (sent without params, as `openclaw health` does) is a valid response with our HealthSummary', async () => {
    const res = await cli.request('health');
    expectValid(v3, 'responseFrame', res.frame, res.text);
    expect(res.frame['ok']).toBe(true);
    const health = payloadOf(res);
    expect(health['ok']).toBe(true);
    expect(health['defaultAgentId']).toBe('ops');
  });

  it('status is a valid response with our StatusSummary', async () => {
    const res = await cli.request('status', {});
    expectValid(v3, 'responseFrame', res.frame, res.text);
    expect(res.frame['ok']).toBe(true);
    expect((payloadOf(res)['heartbeat'] as Frame)['defaultAgentId']).toBe('ops');
  });

  it('a presence event (another client connects) passes EventFrame and PresenceEntry', async () => {
    const admin = await open({ minProtocol: 3, maxProtocol: 3, scopes: ['operator.admin'], device: createTestDevice() });
    // a UI client is listed in presence (CLI clients are not), so its arrival is broadcast
    const ui = await open({
      minProtocol: 3,
      maxProtocol: 3,
      clientId: 'openclaw-tui',
      clientMode: 'ui',
      scopes: ['operator.read'],
      device: createTestDevice(),
    });
    const event = await admin.waitForEvent('presence', 5000);
    expectValid(v3, 'eventFrame', event.frame, event.text);
    const presence = (payloadOf(event)['presence'] ?? []) as unknown[];
    expect(presence.length).toBeGreaterThan(0);
    for (const entry of presence) expectValid(v3, 'PresenceEntry', entry);
    expect(typeof event.frame['seq']).toBe('number');
    expectValid(v3, 'StateVersion', event.frame['stateVersion']);
    expect(ui.hello).toBeDefined();
    // every frame any protocol-3 socket received so far passes 2026.5.7's frame validators
    for (const session of [cli, admin, ui]) expectAllFramesValid(v3, session.received);
  });
});

describe('protocol 4 (OpenClaw 2026.9.6 schemas), token only like the 2026.9.6 CLI', () => {
  let cli: RawGatewaySession;

  beforeAll(async () => {
    cli = await open({ minProtocol: 4, maxProtocol: 4, clientVersion: '2026.9.6', scopes: ['operator.read'] });
  });

  it('hello-ok passes 2026.9.6 ResponseFrame, HelloOk and Snapshot and negotiates 4', () => {
    const hello = cli.hello as Frame;
    expectValid(v4, 'responseFrame', hello);
    const payload = hello['payload'] as Frame & { snapshot: { presence: unknown[] } };
    expectValid(v4, 'HelloOk', payload);
    expectValid(v4, 'Snapshot', payload.snapshot);
    for (const entry of payload.snapshot.presence) expectValid(v4, 'PresenceEntry', entry);
    expect(payload['protocol']).toBe(4);
  });

  it('health, status and system-presence responses pass 2026.9.6 ResponseFrame', async () => {
    const [health, status, presence] = await Promise.all([cli.request('health'), cli.request('status', {}), cli.request('system-presence')]);
    for (const res of [health, status, presence]) {
      expectValid(v4, 'responseFrame', res.frame, res.text);
      expect(res.frame['ok'], res.text).toBe(true);
    }
    for (const entry of presence.frame['payload'] as unknown[]) expectValid(v4, 'PresenceEntry', entry);
    expectAllFramesValid(v4, cli.received);
  });
});

describe('tick (in-process gateway with a 200 ms tick; the process default is 30 s)', () => {
  it('tick event frames pass both versions’ EventFrame and TickEvent, with increasing seq', async () => {
    const { createGateway } = await import('@rusty-claw/gateway');
    const { loadConfig } = await import('@rusty-claw/core');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const stateDir = await mkdtemp(join(tmpdir(), 'rc-compat-tick-'));
    const configPath = join(stateDir, 'rusty-claw.json');
    const tickToken = randomToken();
    const loaded = await loadConfig({ path: configPath });
    const inProcess = createGateway({
      config: loaded.config,
      configPath,
      stateDir,
      port: 0,
      auth: { mode: 'token', token: tickToken },
      policy: { tickIntervalMs: 200 },
    });
    const { url } = await inProcess.listen();
    try {
      for (const [validators, protocol] of [
        [v3, 3],
        [v4, 4],
      ] as const) {
        const session = await connectRaw({ url, token: tickToken, minProtocol: protocol, maxProtocol: protocol, device: createTestDevice() });
        try {
          expect(session.helloPayload<{ policy: { tickIntervalMs: number } }>().policy.tickIntervalMs).toBe(200);
          const first = await session.waitForEvent('tick', 3000);
          const second = await session.waitFor((f) => f['event'] === 'tick' && f !== first.frame, 3000, 'second tick');
          for (const tick of [first, second]) {
            expectValid(validators, 'eventFrame', tick.frame, tick.text);
            expectValid(validators, 'TickEvent', tick.frame['payload'], tick.text);
          }
          expect(second.frame['seq'] as number).toBeGreaterThan(first.frame['seq'] as number);
        } finally {
          await session.close();
        }
      }
    } finally {
      await inProcess.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
