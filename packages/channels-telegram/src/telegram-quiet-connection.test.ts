import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TelegramHarness } from './test-support/telegram-test-harness.js';

let harness: TelegramHarness;
beforeEach(async () => {
  harness = await new TelegramHarness().start();
});
afterEach(async () => {
  await harness.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a quiet connection stays up', () => {
  test('a quiet but healthy connection is not churned', async () => {
    const channel = harness.channel();
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    const pollsBefore = harness.fake.callsTo('getUpdates').length;
    let disconnectedSamples = 0;
    for (let sample = 0; sample < 30; sample += 1) {
      if (!channel.status().connected) disconnectedSamples += 1;
      await sleep(50);
    }
    expect(disconnectedSamples).toBe(0);
    expect(channel.status().reconnectCount).toBe(0);
    // 1.5 s of silence with a 1 s long-poll: a couple of polls, each held until Telegram's timeout.
    expect(harness.fake.callsTo('getUpdates').length - pollsBefore).toBeLessThanOrEqual(3);
  });

  test('a short timeoutSeconds (API client timeout) does not cut long polls short', async () => {
    const channel = harness.channel({ timeoutSeconds: 1 }, { tuning: { pollTimeoutSeconds: 2, pollGraceMs: 500 } });
    await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    await sleep(1600); // longer than timeoutSeconds while a 2 s poll is held
    expect(channel.status()).toMatchObject({ connected: true, reconnectCount: 0 });
  });
});
