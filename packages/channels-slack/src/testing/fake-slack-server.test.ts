import { webApi } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { FakeSlackServer } from './fake-slack-server.js';
import { buildMessageEvent } from './slack-event-builders.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} };

describe('FakeSlackServer (driven by the real @slack/web-api and @slack/socket-mode)', () => {
  let fake: FakeSlackServer;
  beforeEach(async () => {
    fake = await FakeSlackServer.start({ ackTimeoutMs: 150 });
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = (token: string, retries = 0) => new webApi.WebClient(token, { slackApiUrl: fake.apiUrl, logger: quiet, retryConfig: { retries, minTimeout: 10, maxTimeout: 20 } });

  test('form-encoded Web API calls with the bot token; JSON bodies too', async () => {
    const bot = client(fake.identity.botToken);
    expect(await bot.auth.test()).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', user: 'claw' });
    const posted = await bot.chat.postMessage({ channel: 'C1', text: 'hi', thread_ts: '1.000001' });
    expect(posted).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ contentType: 'application/x-www-form-urlencoded', token: 'xoxb-fake-bot-token', params: { channel: 'C1', text: 'hi' } });
    const json = await fetch(`${fake.apiUrl}chat.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.identity.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', ts: posted.ts, text: 'edited' }),
    });
    expect(await json.json()).toMatchObject({ ok: true, text: 'edited' });
    expect(fake.messages[0]).toMatchObject({ text: 'edited', threadTs: '1.000001', edits: ['hi', 'edited'] });
  });

  test('Slack errors: invalid_auth, token_revoked, not_authed, injected faults and 429 with Retry-After', async () => {
    await expect(client('xoxb-wrong').auth.test()).rejects.toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'invalid_auth' } });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(client(fake.identity.botToken).chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 0 });
    const limited = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', body: 'token=x' , headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0']);
    fake.revokeBotToken();
    await expect(client(fake.identity.botToken).auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
    const anonymous = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await anonymous.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  test('file upload (getUploadURLExternal → upload URL → completeUploadExternal) and authorised download', async () => {
    const bot = client(fake.identity.botToken);
    await bot.filesUploadV2({ channel_id: 'C1', thread_ts: '1.000001', file: Buffer.from('png-bytes'), filename: 'cat.png' });
    expect(fake.uploads[0]).toMatchObject({ filename: 'cat.png', length: 9, channelId: 'C1', threadTs: '1.000001', completed: true });
    expect(Buffer.from(fake.uploads[0]?.bytes ?? []).toString()).toBe('png-bytes');
    const file = fake.addFile({ id: 'F1', name: 'a.txt', mimetype: 'text/plain', bytes: Buffer.from('hello') });
    const ok = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${fake.identity.botToken}` } });
    expect(await ok.text()).toBe('hello');
    const anonymous = await fetch(file.url_private);
    expect(anonymous.headers.get('content-type')).toContain('text/html');
  });

  test('Socket Mode: apps.connections.open, hello, envelope, ack; an unacked envelope is redelivered', async () => {
    const socket = new SocketModeClient({ appToken: fake.identity.appToken, logger: quiet as never, clientOptions: { slackApiUrl: fake.apiUrl } });
    const received: Array<{ envelope_id: string; retry_num?: number; body: { event_id: string } }> = [];
    let ackFirst = false;
    socket.on('slack_event', async (event: { envelope_id: string; retry_num?: number; body: { event_id: string }; ack: () => Promise<void> }) => {
      received.push(event);
      if (ackFirst || received.length > 1) await event.ack();
    });
    await socket.start();
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(fake.identity.appToken);
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'hi' }), { eventId: 'Ev1' });
    await waitFor(() => received.length >= 2 && fake.socket.envelopes.some((envelope) => envelope.acked));
    expect(received.map((event) => [event.body.event_id, event.retry_num])).toEqual([['Ev1', 0], ['Ev1', 1]]);
    expect(fake.socket.envelopes.map((envelope) => envelope.acked)).toEqual([false, true]);
    ackFirst = true;
    await socket.disconnect();
  });

  test('a used or unknown ticket is refused', async () => {
    const status = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    expect(await status(`${fake.url.replace('http', 'ws')}/link/?ticket=nope`)).toBe(401);
    const opened = await client(fake.identity.appToken).apps.connections.open();
    expect(await status(opened.url ?? '')).toBe(101);
    expect(await status(opened.url ?? '')).toBe(401);
    expect(fake.socket.connectionsRefused).toBe(2);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
