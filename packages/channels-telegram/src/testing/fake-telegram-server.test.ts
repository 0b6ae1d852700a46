import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FakeTelegramServer } from './fake-telegram-server.js';
import { parseMultipart } from './parse-multipart.js';
import { parseTelegramHtml } from './parse-telegram-html.js';

let fake: FakeTelegramServer;
beforeEach(async () => {
  fake = new FakeTelegramServer();
  await fake.start();
});
afterEach(async () => {
  await fake.close();
});

async function call(method: string, params: Record<string, unknown> = {}, token = fake.token) {
  const response = await fetch(`${fake.apiRoot}/bot${token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } } };
}

describe('fake Bot API wire behaviour', () => {
  test('getUpdates holds the long poll and answers as soon as an update is injected', async () => {
    const started = Date.now();
    const pending = call('getUpdates', { timeout: 5 });
    await fake.waitForCalls('getUpdates');
    const id = fake.injectUpdate({ message: { message_id: 1 } });
    const { body } = await pending;
    expect(Date.now() - started).toBeLessThan(4000);
    expect(body).toEqual({ ok: true, result: [{ update_id: id, message: { message_id: 1 } }] });
  });

  test('an empty long poll is answered [] after `timeout` seconds; timeout 0 answers at once', async () => {
    expect((await call('getUpdates', { timeout: 0 })).body.result).toEqual([]);
    expect((await call('getUpdates', { timeout: 1 })).body.result).toEqual([]);
  });

  test('offset confirms: updates below it are forgotten, others are delivered again until confirmed', async () => {
    const first = fake.injectUpdate({ message: {} });
    const second = fake.injectUpdate({ message: {} });
    expect(((await call('getUpdates')).body.result as Array<{ update_id: number }>).map((update) => update.update_id)).toEqual([first, second]);
    expect(((await call('getUpdates')).body.result as unknown[]).length).toBe(2); // nothing confirmed yet
    expect(((await call('getUpdates', { offset: second })).body.result as Array<{ update_id: number }>).map((update) => update.update_id)).toEqual([second]);
    expect(fake.pendingUpdateIds()).toEqual([second]);
    expect(((await call('getUpdates', { offset: -1 })).body.result as unknown[]).length).toBe(1); // negative: last N, no confirmation
    expect((await call('getUpdates', { offset: second + 1 })).body.result).toEqual([]);
    expect(fake.pendingUpdateIds()).toEqual([]);
  });

  test('a second concurrent getUpdates terminates the first with 409; an active webhook makes it 409 too', async () => {
    const older = call('getUpdates', { timeout: 5 });
    await fake.waitForCalls('getUpdates');
    const newer = call('getUpdates', { timeout: 0 });
    expect(await older).toMatchObject({ status: 409, body: { ok: false, error_code: 409, description: expect.stringContaining('terminated by other getUpdates request') } });
    await newer;
    await call('setWebhook', { url: 'https://example.com/hook', secret_token: 'abc' });
    expect((await call('getUpdates')).body.description).toContain('webhook is active');
    expect((await call('setWebhook', { url: 'https://example.com/hook', secret_token: 'bad secret!' })).status).toBe(400);
    await call('deleteWebhook');
    expect((await call('getUpdates')).status).toBe(200);
  });

  test('auth and unknown methods: wrong token 401, unknown method 404, revoked token 401 until restored', async () => {
    expect((await call('getMe', {}, '1:nope')).body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    expect((await call('noSuchMethod')).status).toBe(404);
    fake.fault({ kind: 'unauthorized' });
    expect((await call('getMe')).status).toBe(401);
    fake.restoreToken();
    expect((await call('getMe')).body.result).toMatchObject({ id: fake.bot.id, is_bot: true, username: fake.bot.username });
  });

  test('sendMessage validates like Telegram: empty, too long (after entity parsing), bad HTML', async () => {
    expect((await call('sendMessage', { chat_id: 1, text: '' })).body.description).toBe('Bad Request: message text is empty');
    expect((await call('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).body.description).toBe('Bad Request: message is too long');
    // 4096 visible characters are fine even though the HTML is longer.
    expect((await call('sendMessage', { chat_id: 1, text: `<b>${'x'.repeat(4096)}</b>`, parse_mode: 'HTML' })).status).toBe(200);
    expect((await call('sendMessage', { chat_id: 1, text: 'a < b', parse_mode: 'HTML' })).body.description).toContain("can't parse entities");
    expect((await call('sendMessage', { text: 'x' })).body.description).toBe('Bad Request: chat_id is empty');
  });

  test('faults: 429 with retry_after, 5xx, and the file route', async () => {
    fake.fault({ kind: 'rate-limit', retryAfter: 7 });
    expect((await call('sendMessage', { chat_id: 1, text: 'x' })).body).toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    fake.fault({ kind: 'server-error', status: 503, methods: ['getMe'] });
    expect((await call('getMe')).status).toBe(503);
    const file = fake.addFile(new Uint8Array([1, 2, 3]));
    expect((await call('getFile', { file_id: file.file_id })).body.result).toEqual(file);
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await fetch(`${fake.apiRoot}/file/bot1:x/${file.file_path}`)).status).toBe(401);
  });
});

describe('parseTelegramHtml', () => {
  test('accepts the documented tags and entities, rejects the rest', () => {
    expect(parseTelegramHtml('<b>x</b> &lt;&amp;&gt;&quot; &#65;&#x42; <a href="https://a">l</a> <pre><code class="language-js">c</code></pre>')).toEqual({ ok: true, text: 'x <&>" AB l c' });
    for (const bad of ['a < b', 'a & b', '<div>x</div>', '<b>x', '<b><i>x</b></i>', '</b>', '<a>x</a>', 'x > y', '&nbsp;']) expect(parseTelegramHtml(bad).ok, bad).toBe(false);
  });
});

describe('parseMultipart', () => {
  test('parses grammY-style unquoted filenames and fields', () => {
    const body = Buffer.from('--XYZ\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--XYZ\r\ncontent-disposition:form-data;name="abc";filename=photo.png\r\ncontent-type:application/octet-stream\r\n\r\n\x00\x01\r\n--XYZ--\r\n', 'latin1');
    const parts = parseMultipart(body, 'multipart/form-data; boundary=XYZ');
    expect(parts[0]).toMatchObject({ name: 'chat_id', data: Buffer.from('42') });
    expect(parts[1]).toMatchObject({ name: 'abc', fileName: 'photo.png', contentType: 'application/octet-stream', data: Buffer.from([0, 1]) });
    expect(() => parseMultipart(body, 'multipart/form-data')).toThrow('boundary');
  });
});
