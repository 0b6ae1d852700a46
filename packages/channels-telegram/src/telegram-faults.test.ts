import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { recordingLogger, TelegramHarness } from './test-support/telegram-test-harness.js';

let harness: TelegramHarness;
beforeEach(async () => {
  harness = await new TelegramHarness().start();
});
afterEach(async () => {
  await harness.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('health under faults injected by the fake Bot API', () => {
  test('a wrong token at start: start resolves, status says why, the channel stops without retrying', async () => {
    const logger = recordingLogger();
    const channel = harness.channel({ botToken: '123:wrong' }, { logger });
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => !status.running);
    expect(channel.status()).toMatchObject({ running: false, connected: false, lastError: expect.stringContaining('bot token invalid or revoked (401') });
    expect(logger.records.some((record) => record.level === 'error' && record.message.includes('bot token invalid or revoked'))).toBe(true);
    const calls = harness.fake.calls.length;
    await sleep(200);
    expect(harness.fake.calls.length).toBe(calls); // no hot loop
    expect(harness.fake.callsTo('getMe').every((call) => !call.authorized)).toBe(true);
  });

  test('no token at all: status error, nothing called', async () => {
    const channel = harness.channel({ botToken: undefined });
    await harness.run(channel);
    expect(channel.status()).toMatchObject({ running: false, lastError: expect.stringContaining('no Telegram bot token') });
    expect(harness.fake.calls).toHaveLength(0);
    await expect(channel.send({ chatId: '1' }, { text: 'x' })).rejects.toMatchObject({ code: 'CHANNEL_NOT_STARTED' });
  });

  test('a token revoked while polling: stopped with "bot token invalid or revoked", no more calls', async () => {
    const channel = harness.channel();
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    harness.fake.fault({ kind: 'unauthorized' });
    await harness.waitForStatus(channel, (status) => !status.running);
    expect(channel.status()).toMatchObject({ connected: false, lastError: expect.stringContaining('bot token invalid or revoked') });
    const calls = harness.fake.calls.length;
    await sleep(200);
    expect(harness.fake.calls.length).toBe(calls);
  });

  test('409 Conflict: status error "another instance is polling", backoff, then recovery', async () => {
    const channel = harness.channel();
    const run = await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    harness.fake.fault({ kind: 'conflict', times: 3 });
    harness.fake.fault({ kind: 'drop-poll' }); // end the held poll so the next one meets the 409s
    await harness.waitForStatus(channel, (status) => !status.connected && (status.lastError ?? '').includes('another instance is polling'));
    harness.fake.injectMessage({ chatId: 20, text: 'after conflict' });
    await run.waitFor((all) => all.some((message) => message.text === 'after conflict'));
    await harness.waitForStatus(channel, (status) => status.connected);
    expect(channel.status().running).toBe(true);
  });

  test('a real second poller: Telegram terminates the older poll with 409 and the channel reports it', async () => {
    const channel = harness.channel();
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    await harness.fake.waitForCalls('getUpdates', 2);
    // Another process polls the same token (raw Bot API call): our held poll is answered 409.
    const other = fetch(`${harness.fake.apiRoot}/bot${harness.fake.token}/getUpdates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"timeout":1}' });
    await harness.waitForStatus(channel, (status) => (status.lastError ?? '').includes('another instance is polling'));
    await (await other).text();
  });

  test('5xx: connected false, reconnectCount counts each retry, recovery needs no restart', async () => {
    const channel = harness.channel();
    const run = await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    harness.fake.fault({ kind: 'server-error', times: 3, status: 502 });
    harness.fake.fault({ kind: 'drop-poll' });
    await harness.waitForStatus(channel, (status) => status.reconnectCount >= 3);
    expect(channel.status().lastError).toMatch(/Bad Gateway|Telegram polling failed/);
    harness.fake.injectMessage({ chatId: 21, text: 'back' });
    await run.waitFor((all) => all.some((message) => message.text === 'back'));
    await harness.waitForStatus(channel, (status) => status.connected);
    expect(channel.status().reconnectCount).toBe(4); // the drop + three 502s
  });

  test('a stalled poll (half-open socket) is abandoned after timeout + grace and the channel reconnects', async () => {
    const channel = harness.channel({}, { tuning: { pollGraceMs: 200 } });
    const run = await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    harness.fake.fault({ kind: 'stall-poll' });
    harness.fake.fault({ kind: 'drop-poll' });
    await harness.waitForStatus(channel, (status) => status.reconnectCount >= 2, 5000);
    harness.fake.injectMessage({ chatId: 22, text: 'after stall' });
    await run.waitFor((all) => all.some((message) => message.text === 'after stall'));
    await harness.waitForStatus(channel, (status) => status.connected);
  });

  test('429 on getUpdates waits retry_after and does not count as a reconnect', async () => {
    const channel = harness.channel();
    const run = await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    harness.fake.fault({ kind: 'rate-limit', retryAfter: 1, methods: ['getUpdates'] });
    harness.fake.fault({ kind: 'drop-poll' });
    await harness.waitForStatus(channel, (status) => (status.lastError ?? '').includes('rate limited'));
    harness.fake.injectMessage({ chatId: 23, text: 'after 429' });
    await run.waitFor((all) => all.some((message) => message.text === 'after 429'));
    expect(channel.status().reconnectCount).toBe(1); // only the drop
  });
});
