import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelError, type ChannelFactory, type ChannelHttpHandler } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createWebchatChannel, createWebchatRoutes, resolveWebchatSettings, webchatEmbedSnippet, webchatPageUrl, WEBCHAT_CSP } from './index.js';
import { startWebchatGateway, type WebchatGateway } from './test-support/start-webchat-gateway.js';

const assetsDir = inject('webchatAssetsDir');

describe('web chat HTTP routes on a real gateway', () => {
  let env: WebchatGateway | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('serves the page at /chat and /, and the assets, with exact types, no-cache + ETag and the security headers', async () => {
    env = await startWebchatGateway({ assetsDir, settings: { title: 'Ask <Claw> & co' } });
    const page = await fetch(`${env.httpUrl}/chat`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(WEBCHAT_CSP);
    expect(WEBCHAT_CSP).toContain("default-src 'self'; connect-src 'self' ws: wss:");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    // The title is escaped where it lands in markup, and the assets come from /webchat.
    expect(html).toContain('<title>Ask &#60;Claw&#62; &#38; co</title>');
    expect(html).toContain('<script src="/webchat/chat.js" defer></script>');
    expect(html).not.toMatch(/<script>|style=/);
    expect(await (await fetch(`${env.httpUrl}/`)).text()).toBe(html);

    const types = { '/webchat/chat.js': 'text/javascript; charset=utf-8', '/webchat/widget.js': 'text/javascript; charset=utf-8', '/webchat/chat.css': 'text/css; charset=utf-8' };
    for (const [path, type] of Object.entries(types)) {
      const response = await fetch(`${env.httpUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(Number(response.headers.get('content-length'))).toBe((await response.arrayBuffer()).byteLength);
    }
    expect((await fetch(`${env.httpUrl}/webchat/widget.js`)).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${env.httpUrl}/webchat/chat.js`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect((await fetch(`${env.httpUrl}/webchat/other.js`)).status).toBe(404);
  });

  it('revalidates with If-None-Match (304, no body) and answers HEAD without a body', async () => {
    env = await startWebchatGateway({ assetsDir });
    const first = await fetch(`${env.httpUrl}/webchat/widget.js`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await fetch(`${env.httpUrl}/webchat/widget.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    const changed = await fetch(`${env.httpUrl}/webchat/widget.js`, { headers: { 'if-none-match': '"stale"' } });
    expect(changed.status).toBe(200);
    const head = await fetch(`${env.httpUrl}/chat`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${env.httpUrl}/chat`, { method: 'POST' })).status).toBe(405);
  });

  it('honours basePath, assetsPath and serveAtRoot: false', async () => {
    env = await startWebchatGateway({ assetsDir, settings: { basePath: '/help/chat', assetsPath: '/static/rc', serveAtRoot: false } });
    const html = await (await fetch(`${env.httpUrl}/help/chat`)).text();
    expect(html).toContain('/static/rc/chat.css');
    expect((await fetch(`${env.httpUrl}/static/rc/widget.js`)).status).toBe(200);
    expect((await fetch(`${env.httpUrl}/`)).status).toBe(404);
    expect((await fetch(`${env.httpUrl}/chat`)).status).toBe(404);
  });
});

describe('web chat settings, assets and links', () => {
  it('refuses bad settings with a typed ChannelError', () => {
    const bad = [
      { basePath: 'chat' },
      { basePath: '/a/../b' },
      { assetsPath: '/x y' },
      { serveAtRoot: 'yes' },
      { title: '' },
      { colour: 'red' },
      { basePath: '/webchat/page' },
      { allowedOrigins: 'https://x.example' },
      { agentId: 3 },
      'nope',
    ];
    for (const settings of bad) {
      let caught: unknown;
      try {
        resolveWebchatSettings(settings);
      } catch (error) {
        caught = error;
      }
      expect(ChannelError.isInstance(caught), JSON.stringify(settings)).toBe(true);
      expect((caught as ChannelError).code).toBe('WEBCHAT_SETTINGS_INVALID');
    }
    // The gateway-side keys may sit in the same channels.webchat block.
    expect(resolveWebchatSettings({ enabled: true, allowedOrigins: ['https://x.example'], agentId: 'ops' })).toMatchObject({ basePath: '/chat', assetsPath: '/webchat', serveAtRoot: true, title: 'Chat' });
  });

  it('says how to build the assets when they are missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'rc-webchat-empty-'));
    try {
      await expect(createWebchatRoutes({ assetsDir: empty })).rejects.toMatchObject({ code: 'WEBCHAT_ASSETS_MISSING', message: expect.stringContaining('pnpm --filter @rusty-claw/channels-webchat build') });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('builds the page link (token in the fragment) and the embed snippet (attributes escaped)', () => {
    expect(webchatPageUrl('https://gw.example:8443', 'wct_a/b')).toBe('https://gw.example:8443/chat#token=wct_a%2Fb');
    expect(webchatEmbedSnippet('https://gw.example', 'wct_x', { title: 'Say "hi"' })).toBe(
      '<script src="https://gw.example/webchat/widget.js" data-token="wct_x" data-title="Say &#34;hi&#34;" defer></script>',
    );
  });
});

describe('the web chat as a Channel', () => {
  it('is a ChannelFactory; start mounts the routes through registerHttpRoute; status is honest; send is refused', async () => {
    const factory: ChannelFactory = createWebchatChannel;
    const channel = factory({ accountId: 'site', config: { assetsDir, serveAtRoot: false }, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    expect(channel.status()).toMatchObject({ accountId: 'site', running: false, connected: false });
    const mounted: Array<[string, string, ChannelHttpHandler]> = [];
    const abort = new AbortController();
    await channel.start({ onInbound: async () => {}, logger: { debug() {}, info() {}, warn() {}, error() {} }, signal: abort.signal, registerHttpRoute: (method, path, handler) => void mounted.push([method, path, handler]) });
    expect(mounted.map(([method, path]) => `${method} ${path}`)).toEqual(['GET /chat', 'GET /webchat/chat.js', 'GET /webchat/chat.css', 'GET /webchat/widget.js']);
    expect(channel.status()).toMatchObject({ running: true, connected: true, reconnectCount: 0 });
    await expect(channel.send({ chatId: 'x' }, { text: 'hi' })).rejects.toMatchObject({ code: 'WEBCHAT_SEND_UNSUPPORTED' });
    await channel.stop();
    expect(channel.status()).toMatchObject({ running: false, connected: false });
  });

  it('fails to start, with the reason in status, without an HTTP seam or without assets', async () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const noHttp = createWebchatChannel({ config: { assetsDir } });
    await expect(noHttp.start({ onInbound: async () => {}, logger, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'WEBCHAT_NO_HTTP' });
    expect(noHttp.status().lastError).toContain('registerHttpRoute');
    const noAssets = createWebchatChannel({ config: { assetsDir: join(tmpdir(), 'rc-webchat-does-not-exist') } });
    await expect(noAssets.start({ onInbound: async () => {}, logger, signal: new AbortController().signal, registerHttpRoute: () => undefined })).rejects.toMatchObject({ code: 'WEBCHAT_ASSETS_MISSING' });
    expect(noAssets.status()).toMatchObject({ running: false, lastError: expect.stringContaining('not built') });
  });
});
