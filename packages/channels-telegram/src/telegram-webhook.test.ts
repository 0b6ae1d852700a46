import { createServer, type Server } from 'node:http';
import type { ChannelHttpHandler } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { secretMatches } from './telegram-webhook-handler.js';
import { recordingLogger, TelegramHarness } from './test-support/telegram-test-harness.js';

/** A stand-in for the gateway's HTTP server: routes registered through ChannelContext.registerHttpRoute. */
async function startRouteServer() {
  const routes = new Map<string, ChannelHttpHandler>();
  const server: Server = createServer((request, response) => {
    const handler = routes.get(`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`);
    if (!handler) return void response.writeHead(404).end();
    void handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    routes,
    url: `http://127.0.0.1:${port}`,
    register: (method: 'GET' | 'POST', path: string, handler: ChannelHttpHandler) => void routes.set(`${method} ${path}`, handler),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SECRET = 'wh_secret-123';
let harness: TelegramHarness;
let gateway: Awaited<ReturnType<typeof startRouteServer>>;
beforeEach(async () => {
  harness = await new TelegramHarness().start();
  gateway = await startRouteServer();
});
afterEach(async () => {
  await harness.close();
  await gateway.close();
});

async function webhookChannel(config: Record<string, unknown> = {}, logger = recordingLogger()) {
  const channel = harness.channel({ webhookUrl: `${gateway.url}/telegram-webhook`, webhookSecret: SECRET, ...config }, { logger });
  const run = await harness.run(channel, { registerHttpRoute: gateway.register });
  await harness.waitForStatus(channel, (status) => status.connected);
  return { channel, run, logger };
}

describe('webhook mode', () => {
  test('setWebhook with secret_token; the route is registered on the gateway; no polling', async () => {
    const { channel } = await webhookChannel();
    expect(harness.fake.callsTo('setWebhook')[0]?.params).toMatchObject({ url: `${gateway.url}/telegram-webhook`, secret_token: SECRET, allowed_updates: ['message', 'channel_post'] });
    expect([...gateway.routes.keys()]).toEqual(['POST /telegram-webhook']);
    expect(harness.fake.callsTo('getUpdates')).toHaveLength(0);
    expect(channel.status()).toMatchObject({ running: true, connected: true, mode: 'webhook' });
    expect((await channel.probe()).connected).toBe(true);
  });

  test('a delivery with the right secret reaches onInbound and is answered 200 only after it resolved', async () => {
    const { run } = await webhookChannel();
    let release: (() => void) | undefined;
    run.setHandler(() => new Promise<void>((resolve) => (release = resolve)));
    let answered = false;
    const delivery = harness.fake.deliverWebhook(harness.fake.messageUpdate({ chatId: -100900, fromId: 5, text: 'hook', threadId: 3, mentionBot: true })).then((result) => {
      answered = true;
      return result;
    });
    await run.waitFor((all) => all.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false); // still waiting for durability
    release?.();
    expect((await delivery).status).toBe(200);
    expect(run.inbound[0]).toMatchObject({ chat: { id: '-100900', type: 'group' }, threadId: '3', sender: { id: '5' }, mentionsBot: true });
  });

  test('a wrong or missing secret is 401 and nothing is delivered', async () => {
    const { run, logger } = await webhookChannel();
    const update = harness.fake.messageUpdate({ chatId: 1, text: 'forged' });
    expect((await harness.fake.deliverWebhook(update, { secret: 'wh_secret-124' })).status).toBe(401);
    expect((await harness.fake.deliverWebhook(update, { secret: null })).status).toBe(401);
    expect((await harness.fake.deliverWebhook(update, { secret: `${SECRET}x` })).status).toBe(401);
    expect(run.inbound).toHaveLength(0);
    expect(logger.records.filter((record) => record.message.includes('wrong secret'))).toHaveLength(3);
  });

  test('onInbound rejection → 500 so Telegram redelivers; the redelivery succeeds once; duplicates after that are 200 without delivery', async () => {
    const { run } = await webhookChannel();
    run.setHandler(async () => {
      throw new Error('store down');
    });
    const update = harness.fake.messageUpdate({ chatId: 1, text: 'retry me', messageId: 77 });
    expect((await harness.fake.deliverWebhook({ ...update, update_id: 500 })).status).toBe(500);
    run.setHandler(async () => {});
    expect((await harness.fake.deliverWebhook({ ...update, update_id: 500 })).status).toBe(200);
    expect((await harness.fake.deliverWebhook({ ...update, update_id: 500 })).status).toBe(200);
    expect(run.inbound.map((message) => message.messageId)).toEqual(['77', '77']);
  });

  test('malformed JSON is 400; unknown updates are 200 and skipped; other methods 405', async () => {
    const { run } = await webhookChannel();
    const post = (body: string, method = 'POST') =>
      fetch(`${gateway.url}/telegram-webhook`, { method, headers: { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' }, ...(method === 'POST' ? { body } : {}) });
    expect((await post('{not json')).status).toBe(400);
    expect((await harness.fake.deliverWebhook({ something_new: { a: 1 } })).status).toBe(200);
    expect((await harness.fake.deliverWebhook({ message: { text: 'no chat' } })).status).toBe(200);
    expect((await post('x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    expect(run.inbound).toHaveLength(0);
  });

  test('after stop the route answers 503 (Telegram keeps the update) and nothing is delivered', async () => {
    const { channel, run } = await webhookChannel();
    await channel.stop();
    expect(channel.status()).toMatchObject({ running: false, connected: false });
    expect((await harness.fake.deliverWebhook(harness.fake.messageUpdate({ chatId: 1, text: 'late' }))).status).toBe(503);
    expect(run.inbound).toHaveLength(0);
  });

  test('without registerHttpRoute the channel listens on webhookHost:webhookPort itself', async () => {
    const channel = harness.channel({ webhookUrl: 'http://127.0.0.1:1/placeholder', webhookSecret: SECRET, webhookPort: 0, webhookPath: '/tg' });
    const run = await harness.run(channel);
    await harness.waitForStatus(channel, (status) => status.connected);
    const address = channel.webhookListenerAddress();
    expect(address?.host).toBe('127.0.0.1');
    harness.fake.webhook = { url: `http://127.0.0.1:${address?.port}/tg`, secretToken: SECRET };
    expect((await harness.fake.deliverWebhook(harness.fake.messageUpdate({ chatId: 2, text: 'direct' }))).status).toBe(200);
    expect(run.inbound[0]?.text).toBe('direct');
  });

  test('a wrong token in webhook mode stops with a clear status', async () => {
    const channel = harness.channel({ botToken: '1:bad', webhookUrl: `${gateway.url}/telegram-webhook`, webhookSecret: SECRET });
    await harness.run(channel, { registerHttpRoute: gateway.register });
    await harness.waitForStatus(channel, (status) => !status.running);
    expect(channel.status().lastError).toContain('bot token invalid or revoked');
    expect(harness.fake.callsTo('setWebhook')).toHaveLength(0);
  });

  test('secretMatches compares in constant time over hashes (any length, wrong types)', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches('short', SECRET)).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches([SECRET, SECRET], SECRET)).toBe(false);
  });
});
