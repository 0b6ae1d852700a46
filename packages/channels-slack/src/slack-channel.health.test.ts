import { afterEach, describe, expect, test } from 'vitest';
import { createHarness, sleep, waitFor, type Harness } from './slack-test-harness.js';
import { buildMessageEvent } from './testing/slack-event-builders.js';

const dm = (text: string) => buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text });

describe('Slack channel, Socket Mode health and fault recovery', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const started = async (options: Parameters<typeof createHarness>[0] = {}) => {
    const created = await createHarness(options);
    harness = created;
    await created.start();
    await waitFor(() => created.channel.status().connected, () => JSON.stringify(created.channel.status()));
    return created;
  };
  const status = () => harness!.channel.status();

  test.each(['refresh_requested', 'warning'] as const)('disconnect %s: reconnects at once, not reported as an error', async (reason) => {
    const { fake } = await started();
    fake.sendDisconnect(reason);
    await waitFor(() => fake.socket.connectionsAccepted === 2 && status().connected, () => JSON.stringify(status()));
    expect(status()).toMatchObject({ running: true, connected: true, reconnectCount: 1 });
    expect(status().lastError).toBeUndefined();
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    fake.sendEvent(dm('after refresh'));
    await waitFor(() => harness!.inbound.length === 1);
  });

  test('a dropped socket: connected flips false, reconnect with backoff, queued events arrive afterwards', async () => {
    const { fake } = await started();
    fake.dropSockets();
    fake.sendEvent(dm('sent while down'));
    await waitFor(() => !status().connected || status().reconnectCount > 0);
    await waitFor(() => status().connected && status().reconnectCount >= 1, () => JSON.stringify(status()));
    expect(status().lastError).toMatch(/connection lost/);
    await waitFor(() => harness!.inbound.some((message) => message.text === 'sent while down'));
  });

  test('half-open socket (pongs stop): detected within the ping timeout, recovered when pongs return', async () => {
    const { fake } = await started({ config: { socketMode: { clientPingTimeout: 300 } } });
    fake.setPongs(false);
    await waitFor(() => !status().connected, () => JSON.stringify(status()), 3000);
    expect(status().lastError).toMatch(/connection lost|closed/);
    fake.setPongs(true);
    await waitFor(() => status().connected, () => JSON.stringify(status()), 4000);
    expect(status().reconnectCount).toBeGreaterThanOrEqual(1);
  });

  test('a quiet but healthy connection is not churned', async () => {
    const { fake } = await started({ config: { socketMode: { clientPingTimeout: 300 } } });
    await sleep(1500);
    expect(status()).toMatchObject({ connected: true, reconnectCount: 0 });
    expect(fake.socket.connectionsAccepted).toBe(1);
  });

  test('no hello: the socket is abandoned after the hello timeout and retried', async () => {
    harness = await createHarness({ fake: { sendHello: false }, tuning: { helloTimeoutMs: 200 } });
    await harness.start();
    expect(status()).toMatchObject({ running: true, connected: false, lastError: expect.stringMatching(/no hello/) });
    harness.fake.socket.sendHello = true;
    await waitFor(() => status().connected, () => JSON.stringify(status()));
    expect(status().reconnectCount).toBeGreaterThanOrEqual(1);
  });

  test('link_disabled is an error (Socket Mode switched off) and is retried with backoff', async () => {
    const { fake } = await started();
    fake.sendDisconnect('link_disabled');
    await waitFor(() => status().lastError !== undefined);
    expect(status().lastError).toMatch(/link_disabled/);
    await waitFor(() => status().connected);
  });

  test('a rejected app token at start: start resolves, the account stops with a clear status, no retry loop', async () => {
    harness = await createHarness({ config: { appToken: 'xapp-1-wrong' } });
    await harness.start();
    expect(status()).toMatchObject({ running: false, connected: false, lastError: expect.stringMatching(/app-level token \(invalid_auth\).*channels\.slack\.appToken/) });
    await sleep(300);
    expect(harness.fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(harness.logs.some((line) => line.level === 'error' && line.message.includes('invalid_auth'))).toBe(true);
  });

  test('a rejected bot token at start: start resolves, clear status, Socket Mode is never opened', async () => {
    harness = await createHarness({ config: { botToken: 'xoxb-wrong' } });
    await harness.start();
    expect(status()).toMatchObject({ running: false, connected: false, lastError: expect.stringMatching(/bot token \(invalid_auth\).*channels\.slack\.botToken/) });
    expect(harness.fake.callsTo('apps.connections.open')).toHaveLength(0);
  });

  test('Slack unreachable at start (5xx): running, not connected, retried until it works', async () => {
    harness = await createHarness();
    harness.fake.failNext('auth.test', { status: 500 });
    harness.fake.failNext('auth.test', { status: 500 });
    harness.fake.failNext('apps.connections.open', { status: 502 });
    await harness.start();
    expect(status()).toMatchObject({ running: true, connected: false, lastError: expect.stringMatching(/HTTP 500/) });
    await waitFor(() => status().connected, () => JSON.stringify(status()));
    expect(harness.fake.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
  });

  test('config mistakes are clear errors in status, not exceptions', async () => {
    harness = await createHarness({ config: { appToken: undefined } });
    await harness.start();
    expect(status()).toMatchObject({ running: false, lastError: 'channels.slack.appToken is not set (needed in socket mode)' });
    await harness.close();
    harness = await createHarness({ config: { appToken: 'xoxb-not-an-app-token' } });
    await harness.start();
    expect(status().lastError).toMatch(/app-level token \(xapp-/);
    await harness.close();
    harness = await createHarness({ config: { botToken: { source: 'env', provider: 'default', id: 'SLACK_BOT_TOKEN' } }, accountId: 'work' });
    await harness.start();
    expect(status().lastError).toMatch(/^channels\.slack\.accounts\.work\.botToken is a SecretRef \(env:SLACK_BOT_TOKEN\) that was not resolved/);
  });

  test('probe re-checks the token and reports a revocation', async () => {
    const { fake, channel } = await started();
    expect(await channel.probe!()).toMatchObject({ connected: true });
    fake.revokeBotToken();
    expect(await channel.probe!()).toMatchObject({ connected: false, lastError: expect.stringMatching(/token_revoked/) });
    fake.restoreBotToken();
    expect(await channel.probe!()).toMatchObject({ connected: true });
    expect(fake.socket.connectionsAccepted).toBe(1);
  });

  test('stop during a backoff wait cancels the retry', async () => {
    harness = await createHarness({ tuning: { reconnectBaseMs: 150 } });
    harness.fake.failNext('auth.test', { status: 500 });
    harness.fake.failNext('auth.test', { status: 500 });
    await harness.start();
    await harness.channel.stop();
    await sleep(400);
    expect(harness.fake.callsTo('auth.test')).toHaveLength(2);
  });
});
