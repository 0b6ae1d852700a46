import { afterEach, describe, expect, test } from 'vitest';
import { TOKEN, createHarness, sleep, startConnected, waitFor, type Harness, type HarnessOptions } from './test-support/discord-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function connected(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startConnected(options);
  return harness;
}

async function started(options: HarnessOptions = {}): Promise<Harness> {
  harness = await createHarness(options);
  await harness.start();
  return harness;
}

const status = (h: Harness) => h.channel.status();
const describeStatus = (h: Harness) => () => JSON.stringify(status(h));

describe('discord health', () => {
  test('start resolves at once; READY makes the account connected with its bot identity', async () => {
    const h = await started();
    expect(status(h)).toMatchObject({ accountId: 'default', running: true, mode: 'gateway', reconnectCount: 0 });
    await waitFor(() => status(h).connected, 4000, describeStatus(h));
    expect(status(h).self).toEqual({ id: h.fake.state.bot.id, username: 'rusty' });
    expect(h.fake.gateway.lastIdentify?.['intents']).toBe(1 | (1 << 9) | (1 << 12) | (1 << 15));
  });

  test('a quiet, healthy connection is left alone (no reconnects while heartbeats are acknowledged)', async () => {
    const h = await connected({ fake: { heartbeatIntervalMs: 150 } });
    const beatsBefore = h.fake.gateway.heartbeatCount;
    await sleep(1000);
    expect(h.fake.gateway.heartbeatCount - beatsBefore).toBeGreaterThanOrEqual(4);
    expect(h.fake.gateway.connectionCount).toBe(1);
    expect(status(h)).toMatchObject({ connected: true, reconnectCount: 0 });
    expect(status(h).lastError).toBeUndefined();
  });

  test('a wrong token at start: start() resolves, status says why, nothing retries', async () => {
    const h = await started({ config: { token: 'not-the-token' } });
    await waitFor(() => !status(h).running, 4000, describeStatus(h));
    expect(status(h)).toMatchObject({ running: false, connected: false });
    expect(status(h).lastError).toMatch(/rejected the bot token \(401 Unauthorized\)/);
    expect(h.logs.some((entry) => entry.level === 'error' && /rejected the bot token/.test(String(entry.fields['error'])))).toBe(true);
    const gatewayCalls = h.fake.calls.filter((call) => call.path === '/gateway/bot').length;
    await sleep(300);
    expect(h.fake.calls.filter((call) => call.path === '/gateway/bot').length).toBe(gatewayCalls);
    expect(h.fake.gateway.identifyCount).toBe(0);
  });

  test('no token: start() resolves with the error in status; DISCORD_BOT_TOKEN serves the default account', async () => {
    const h = await started({ config: { token: undefined } });
    expect(status(h)).toMatchObject({ running: false, connected: false });
    expect(status(h).lastError).toMatch(/no Discord bot token.*DISCORD_BOT_TOKEN/);
    await h.close();
    harness = await createHarness({ config: { token: undefined }, env: { DISCORD_BOT_TOKEN: TOKEN } });
    await harness.start();
    await waitFor(() => status(harness as Harness).connected);
  });

  test('probe() checks the token over REST and reports a revoked one', async () => {
    const h = await connected();
    const probed = await h.channel.probe?.();
    expect(probed).toMatchObject({ running: true, connected: true, self: { id: h.fake.state.bot.id } });
    expect(h.fake.calls.some((call) => call.method === 'GET' && call.path === '/users/@me')).toBe(true);
    h.fake.revokeToken();
    const revoked = await h.channel.probe?.();
    expect(revoked?.lastError).toMatch(/rejected the bot token/);
  });

  test('stop() and the context signal both end the connection; status goes false', async () => {
    const h = await connected();
    await h.channel.stop();
    expect(status(h)).toMatchObject({ running: false, connected: false });
    await waitFor(() => !h.fake.gateway.live);
    await h.start();
    await waitFor(() => status(h).connected);
    expect(h.fake.gateway.identifyCount).toBe(2);
  });

  test('stopping while the gateway handshake hangs leaves no socket that could crash the process later', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const h = await createHarness();
      harness = h;
      h.fake.gateway.stallHandshakes(true);
      await h.start();
      await waitFor(() => h.fake.gateway.stalledHandshakes === 1, 4000);
      await h.channel.stop();
      await h.fake.close(); // resets the held handshake socket
      await sleep(100);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
