import { silentLogger } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, test } from 'vitest';
import { createHarness, sleep, waitFor, type Harness } from './slack-test-harness.js';
import { deliverSlackEvent, postSlackEvent, signSlackRequest } from './testing/sign-slack-request.js';
import { buildEventCallback, buildMessageEvent } from './testing/slack-event-builders.js';

const secret = 'test-signing-secret';
const callback = (text: string, ts?: string) => buildEventCallback(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text, ...(ts === undefined ? {} : { ts }) }));

describe('Slack channel, HTTP Events API on the gateway route', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
  });
  const started = async (options: Parameters<typeof createHarness>[0] = {}) => {
    harness = await createHarness({ http: true, ...options });
    await harness.start();
    return harness;
  };
  const url = () => `${harness.baseUrl}/slack/events`;

  test('the route is registered on the gateway server; status is connected once the token checked out', async () => {
    const { channel, routes, fake } = await started();
    expect([...(routes?.routes.keys() ?? [])]).toEqual(['POST /slack/events']);
    expect(channel.status()).toMatchObject({ running: true, connected: true, mode: 'http', self: { id: 'U0BOT' } });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(0);
  });

  test('url_verification is answered with the challenge (signed requests only)', async () => {
    await started();
    const challenge = await postSlackEvent(url(), { signingSecret: secret, body: { type: 'url_verification', token: 't', challenge: 'c-123' } });
    expect(challenge).toEqual({ status: 200, body: JSON.stringify({ challenge: 'c-123' }) });
    const forged = await postSlackEvent(url(), { signingSecret: 'wrong', body: { type: 'url_verification', challenge: 'c-123' } });
    expect(forged.status).toBe(401);
  });

  test('an event is answered 200 only after onInbound resolved', async () => {
    await started();
    let release!: () => void;
    harness.onInbound = () => new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    const response = postSlackEvent(url(), { signingSecret: secret, body: callback('over http', '1700000000.000100') }).then((result) => {
      answered = true;
      return result;
    });
    await waitFor(() => harness.inbound.length === 1);
    await sleep(50);
    expect(answered).toBe(false);
    release();
    expect(await response).toEqual({ status: 200, body: '' });
    expect(harness.inbound[0]).toMatchObject({ chat: { id: 'D1', type: 'direct' }, sender: { id: 'U1' }, text: 'over http', messageId: '1700000000.000100' });
  });

  test('wrong signature, replayed or future timestamps and missing headers are refused with 401', async () => {
    await started();
    const now = Math.floor(Date.now() / 1000);
    const body = callback('forged');
    expect((await postSlackEvent(url(), { signingSecret: 'not-the-secret', body })).status).toBe(401);
    expect((await postSlackEvent(url(), { signingSecret: secret, body, timestampSeconds: now - 301 })).status).toBe(401);
    expect((await postSlackEvent(url(), { signingSecret: secret, body, timestampSeconds: now + 400 })).status).toBe(401);
    expect((await postSlackEvent(url(), { signingSecret: secret, body, signature: 'v0=deadbeef' })).status).toBe(401);
    const bare = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(bare.status).toBe(401);
    // The signature covers the raw bytes: the same JSON re-serialised with other spacing does not verify.
    const raw = JSON.stringify(body);
    const headers = signSlackRequest(secret, raw);
    const tampered = await fetch(url(), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body, null, 1) });
    expect(tampered.status).toBe(401);
    expect(harness.inbound).toHaveLength(0);
    expect(harness.logs.filter((line) => line.message === 'slack http request refused').map((line) => line.fields['reason'])).toEqual([
      'bad_signature',
      'stale_timestamp',
      'future_timestamp',
      'bad_signature',
      'missing_headers',
      'bad_signature',
    ]);
  });

  test('onInbound rejects → 500 → Slack retries (x-slack-retry-num) → stored once; later retries are deduplicated', async () => {
    await started();
    let calls = 0;
    harness.onInbound = async () => {
      calls += 1;
      if (calls === 1) throw new Error('session store unavailable');
    };
    const body = callback('retry me', '1700000001.000100');
    const attempts = await deliverSlackEvent(url(), { signingSecret: secret, body });
    expect(attempts.map((attempt) => [attempt.retryNum, attempt.status])).toEqual([[0, 500], [1, 200]]);
    const late = await postSlackEvent(url(), { signingSecret: secret, body, retryNum: 2, retryReason: 'http_timeout' });
    expect(late.status).toBe(200);
    expect(harness.inbound.map((message) => message.messageId)).toEqual(['1700000001.000100', '1700000001.000100']);
    expect(calls).toBe(2);
  });

  test('unparseable bodies get 400, malformed events 200 (dropped), slash commands 200, oversized bodies 413', async () => {
    await started();
    expect((await postSlackEvent(url(), { signingSecret: secret, body: '{not json' })).status).toBe(400);
    const malformed = buildEventCallback({ type: 'message', channel: 42, ts: 'x' });
    expect((await postSlackEvent(url(), { signingSecret: secret, body: malformed })).status).toBe(200);
    const command = 'command=%2Fclaw&text=hi&user_id=U1&channel_id=C1';
    expect((await postSlackEvent(url(), { signingSecret: secret, body: command, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    const huge = buildEventCallback(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'x'.repeat(1_100_000) }));
    expect((await postSlackEvent(url(), { signingSecret: secret, body: huge })).status).toBe(413);
    expect(harness.inbound).toHaveLength(0);
  });

  test('after stop the route answers 503 (Slack retries later); a restart reuses the same route', async () => {
    const { channel, routes } = await started();
    await channel.stop();
    expect((await postSlackEvent(url(), { signingSecret: secret, body: callback('late') })).status).toBe(503);
    expect(channel.status()).toMatchObject({ running: false, connected: false });
    const registered = routes?.routes.get('POST /slack/events');
    await harness.start();
    expect(routes?.routes.get('POST /slack/events')).toBe(registered);
    expect((await postSlackEvent(url(), { signingSecret: secret, body: callback('after restart') })).status).toBe(200);
    expect(harness.inbound.map((message) => message.text)).toEqual(['after restart']);
  });

  test('HTTP mode without the gateway route, or without a signing secret, is a clear error', async () => {
    harness = await createHarness({ http: true });
    await harness.channel.start({ logger: silentLogger, signal: harness.abort.signal, onInbound: async () => {} });
    expect(harness.channel.status()).toMatchObject({ running: false, lastError: expect.stringMatching(/registerHttpRoute/) });
    await harness.close();
    harness = await createHarness({ http: true, config: { signingSecret: undefined } });
    await harness.start();
    expect(harness.channel.status().lastError).toBe('channels.slack.signingSecret is not set (needed in http mode)');
  });

  test('a custom webhookPath is honoured (multi-account)', async () => {
    const { routes } = await started({ config: { webhookPath: '/slack/events-work' }, accountId: 'work' });
    expect([...(routes?.routes.keys() ?? [])]).toEqual(['POST /slack/events-work']);
    const response = await postSlackEvent(`${harness.baseUrl}/slack/events-work`, { signingSecret: secret, body: callback('to work') });
    expect(response.status).toBe(200);
    expect(harness.inbound[0]).toMatchObject({ accountId: 'work', text: 'to work' });
  });
});
