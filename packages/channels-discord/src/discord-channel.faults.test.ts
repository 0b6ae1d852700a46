import { afterEach, describe, expect, test } from 'vitest';
import { DM_ID, USER_ID, startConnected, waitFor, type Harness, type HarnessOptions } from './test-support/discord-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function connected(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startConnected(options);
  return harness;
}

const status = (h: Harness) => h.channel.status();
const describeStatus = (h: Harness) => () => JSON.stringify(status(h));
const warnings = (h: Harness) => h.logs.filter((entry) => entry.level === 'warn' || entry.level === 'error').map((entry) => entry.message);

describe('discord gateway faults and recovery', () => {
  test('half-open socket (heartbeats no longer acknowledged): status flips within 2 intervals, then the session resumes', async () => {
    const interval = 400;
    const h = await connected({ fake: { heartbeatIntervalMs: interval } });
    await waitFor(() => h.fake.gateway.heartbeatCount >= 2); // the interval is known and acks flowed
    const faultAt = Date.now();
    h.fake.gateway.stopHeartbeatAcks();
    await waitFor(() => !status(h).connected, 3000, describeStatus(h));
    // Threshold: 1.5 intervals of silence since the last ack (checked every interval/4); 300 ms slack for a busy CI.
    expect(Date.now() - faultAt).toBeLessThanOrEqual(2 * interval + 300);
    expect(status(h).lastError).toMatch(/half-open/);
    await waitFor(() => status(h).connected, 4000, describeStatus(h));
    expect(h.fake.gateway.resumeCount).toBe(1);
    expect(h.fake.gateway.identifyCount).toBe(1);
    expect(status(h).reconnectCount).toBe(1);
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'after resume' });
    await waitFor(() => h.inbound.length === 1);
  });

  test('a resumable close (4000) and an op 7 RECONNECT both resume the session without a new IDENTIFY', async () => {
    const h = await connected();
    h.fake.gateway.closeConnection(4000);
    await waitFor(() => h.fake.gateway.resumeCount === 1 && status(h).connected, 4000, describeStatus(h));
    h.fake.gateway.requestReconnect();
    await waitFor(() => h.fake.gateway.resumeCount === 2 && status(h).connected, 4000, describeStatus(h));
    expect(h.fake.gateway.identifyCount).toBe(1);
    expect(status(h).reconnectCount).toBe(2);
  });

  test('INVALID_SESSION: resumable (d:true) resumes; d:false identifies again; both recover without a restart', async () => {
    const h = await connected();
    h.fake.gateway.invalidateSession(true);
    await waitFor(() => h.fake.gateway.resumeCount === 1, 4000, describeStatus(h));
    await waitFor(() => status(h).connected);
    h.fake.gateway.invalidateSession(false);
    await waitFor(() => h.fake.gateway.identifyCount === 2 && status(h).connected, 4000, describeStatus(h));
    h.fake.injectMessage({ channelId: DM_ID, author: { id: USER_ID }, content: 'new session' });
    await waitFor(() => h.inbound.length === 1);
    expect(status(h).running).toBe(true);
  });

  test('an outage longer than the reconnect grace: fresh login with backoff, recovery once the gateway is back', async () => {
    const h = await connected({ tuning: { reconnectGraceMs: 700 } });
    h.fake.gateway.refuseConnections(true);
    await waitFor(() => !status(h).connected, 2000, describeStatus(h));
    expect(status(h).running).toBe(true);
    await waitFor(() => warnings(h).includes('discord: gateway connection failed; logging in again after a backoff'), 4000, describeStatus(h));
    expect(status(h).lastError).toMatch(/did not come back within 700 ms/);
    h.fake.gateway.refuseConnections(false);
    await waitFor(() => status(h).connected, 4000, describeStatus(h));
    expect(h.fake.gateway.identifyCount).toBe(2);
    expect(h.fake.calls.filter((call) => call.path === '/gateway/bot').length).toBeGreaterThanOrEqual(2);
    expect(status(h).reconnectCount).toBeGreaterThanOrEqual(2);
  });

  test('a token revoked while connected: the failed resume/identify (4004) stops the account with a clear status', async () => {
    const h = await connected();
    h.fake.revokeToken();
    h.fake.gateway.closeConnection(4000);
    await waitFor(() => !status(h).running, 5000, describeStatus(h));
    expect(status(h).lastError).toMatch(/4004/);
    expect(status(h).connected).toBe(false);
  });
});
