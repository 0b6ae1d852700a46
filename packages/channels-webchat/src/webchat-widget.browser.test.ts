import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { webchatEmbedSnippet } from './index.js';
import { launchChromium } from './test-support/chromium.js';
import { GatedLanguageModel } from './test-support/gated-model.js';
import { startWebchatGateway, WEBCHAT_TOKEN, type WebchatGateway } from './test-support/start-webchat-gateway.js';

const assetsDir = inject('webchatAssetsDir');
/** Resolved to 127.0.0.1 by Chromium, but not loopback names: their origins must be allowed explicitly. */
const SHOP = 'shop.test';
const EVIL = 'evil.test';

/** A site that embeds the widget, with hostile-ish CSS of its own that must not leak into the widget. */
function hostPage(snippet: string): string {
  return `<!doctype html><html><head><title>Shop</title>
<style>* { font-family: serif; } button { background: lime !important; border-radius: 0; } .rcw-launcher { display: none; }</style>
</head><body><h1>Welcome to the shop</h1><p>Products…</p>${snippet}</body></html>`;
}

describe('the widget embedded in another site, in Chromium', () => {
  let browser: Browser;
  let site: Server;
  let sitePort = 0;
  let siteHtml = '';
  let context: BrowserContext | undefined;
  let env: WebchatGateway | undefined;

  beforeAll(async () => {
    browser = await launchChromium({ hosts: [SHOP, EVIL] });
    site = createServer((request, response) => {
      if (request.url !== '/') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(siteHtml);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    sitePort = (site.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await env?.close();
    env = undefined;
  });

  /** Uncaught errors in the host page (the widget runs there). */
  let scriptErrors: string[] = [];

  async function visit(host: string, snippet: string): Promise<{ page: Page; sockets: string[] }> {
    siteHtml = hostPage(snippet);
    scriptErrors = [];
    context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(`http://${host}:${sitePort}/`);
    return { page, sockets };
  }

  it('adds a launcher; opening it connects from the allowed origin and chats; the site CSS does not leak in', async () => {
    const model = new GatedLanguageModel(['Hi from ', 'the widget'], 1);
    env = await startWebchatGateway({ assetsDir, model, webchat: { token: WEBCHAT_TOKEN, allowedOrigins: [`http://${SHOP}:${sitePort}`] } });
    const { page, sockets } = await visit(SHOP, webchatEmbedSnippet(env.httpUrl, WEBCHAT_TOKEN, { title: 'Shop help' }));
    const launcher = page.locator('#rusty-claw-webchat .rcw-launcher');
    await launcher.waitFor();
    // Shadow DOM: the site's `button { background: lime !important }` and `.rcw-launcher { display: none }` miss it.
    expect(await launcher.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(194, 65, 12)');
    expect(await page.locator('.rcw-panel').isVisible()).toBe(false);
    // Nothing connects until the visitor opens the chat.
    expect(sockets).toEqual([]);

    await launcher.click();
    await page.locator('.rcw-panel .rcw-status[data-status="ready"]').waitFor();
    expect(sockets).toEqual([`${env.url}/`]);
    expect(await page.locator('.rcw-panel .rcw-title').textContent()).toBe('Shop help');
    await page.locator('.rcw-panel .rcw-input').fill('Where is my order?');
    await page.locator('.rcw-panel .rcw-send').click();
    await page.locator('.rcw-panel .rcw-assistant[data-streaming]', { hasText: 'Hi from' }).waitFor();
    model.release();
    await page.locator('.rcw-panel .rcw-assistant:not([data-streaming])', { hasText: 'Hi from the widget' }).waitFor();
    expect(JSON.stringify(model.prompts[0])).toContain('Where is my order?');
    await page.screenshot({ path: join(tmpdir(), 'rc-webchat-widget.png') });

    // Closing hides the panel; the conversation is still there when it opens again.
    await launcher.click();
    expect(await page.locator('.rcw-panel').isVisible()).toBe(false);
    await launcher.click();
    expect(await page.locator('.rcw-panel .rcw-user').allTextContents()).toEqual(['Where is my order?']);
    expect(scriptErrors).toEqual([]);
  });

  it('on a site whose origin is not allowed, the widget says so instead of chatting', async () => {
    env = await startWebchatGateway({ assetsDir, webchat: { token: WEBCHAT_TOKEN, allowedOrigins: [`http://${SHOP}:${sitePort}`] } });
    const snippet = webchatEmbedSnippet(env.httpUrl, WEBCHAT_TOKEN).replace(' defer>', ' data-open="true" defer>');
    const { page } = await visit(EVIL, snippet);
    await page.locator('.rcw-panel .rcw-status[data-status="failed"]').waitFor();
    expect(await page.locator('.rcw-panel .rcw-problem-code').textContent()).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
    expect(await page.locator('.rcw-panel .rcw-problem-text').textContent()).toContain('not allowed');
    expect(await page.locator('.rcw-panel .rcw-input').isDisabled()).toBe(true);
  });

  it('a snippet without a token shows the missing-token explanation', async () => {
    env = await startWebchatGateway({ assetsDir, webchat: { token: WEBCHAT_TOKEN, allowedOrigins: [`http://${SHOP}:${sitePort}`] } });
    const { page, sockets } = await visit(SHOP, `<script src="${env.httpUrl}/webchat/widget.js" data-open="true"></script>`);
    await page.locator('.rcw-panel .rcw-problem-code', { hasText: 'NO_TOKEN' }).waitFor();
    expect(sockets).toEqual([]);
  });
});
