import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient, type ChatHistoryResult } from '@rusty-claw/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './test-support/chromium.js';
import { GatedLanguageModel } from './test-support/gated-model.js';
import { ADMIN_TOKEN, startWebchatGateway, WEBCHAT_TOKEN, type WebchatGateway } from './test-support/start-webchat-gateway.js';

const assetsDir = inject('webchatAssetsDir');

/** Where the one screenshot goes (looked at by hand; never committed). */
export const SCREENSHOT = join(tmpdir(), 'rc-webchat-page.png');

describe('the chat page in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let env: WebchatGateway | undefined;
  let problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await env?.close();
    env = undefined;
  });

  async function openPage(url: string): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 900, height: 640 } });
    const page = await context.newPage();
    problems = [];
    // CSP violations and script errors surface here; a clean page has none.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    return page;
  }

  const assistantText = (page: Page): Promise<string[]> => page.locator('.rcw-assistant').allTextContents();

  it('sends a message, renders the reply while it streams and when it is final, and keeps the conversation', async () => {
    const model = new GatedLanguageModel(['Hello', ', streaming', ' world!'], 1);
    env = await startWebchatGateway({ assetsDir, model });
    const page = await openPage(`${env.httpUrl}/chat#token=${WEBCHAT_TOKEN}`);
    await page.locator('.rcw-status[data-status="ready"]').waitFor();
    // The token left the address bar (it stays in localStorage for reloads).
    expect(new URL(page.url()).hash).toBe('');

    await page.locator('.rcw-input').fill('What is up?');
    await page.locator('.rcw-input').press('Enter');
    await page.locator('.rcw-user', { hasText: 'What is up?' }).waitFor();
    // Part of the reply is on screen while the run is still streaming.
    await page.locator('.rcw-assistant[data-streaming]', { hasText: 'Hello' }).waitFor();
    expect(await assistantText(page)).toEqual(['Hello']);
    expect(await page.locator('.rcw-stop').isVisible()).toBe(true);

    model.release();
    await page.locator('.rcw-assistant:not([data-streaming])', { hasText: 'Hello, streaming world!' }).waitFor();
    await page.locator('.rcw-stop').waitFor({ state: 'hidden' });
    expect(await assistantText(page)).toEqual(['Hello, streaming world!']);
    await page.screenshot({ path: SCREENSHOT });

    // The model saw the visitor's words, on the visitor's own session.
    expect(JSON.stringify(model.prompts[0])).toContain('What is up?');
    const visitor = await page.evaluate(() => localStorage.getItem('rusty-claw.webchat.visitor'));
    expect(visitor).toMatch(/^[0-9a-f-]{36}$/);
    const operator = new GatewayClient({ url: env.url, token: ADMIN_TOKEN, scopes: ['operator.read'] });
    try {
      await operator.connect();
      const history = await operator.request<ChatHistoryResult>('chat.history', { sessionKey: `agent:main:webchat:direct:${visitor}` });
      expect(history.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    } finally {
      await operator.close();
    }

    // A reload (no token in the URL now) continues the same conversation from chat.history.
    await page.reload();
    await page.locator('.rcw-status[data-status="ready"]').waitFor();
    await page.locator('.rcw-assistant', { hasText: 'Hello, streaming world!' }).waitFor();
    expect(await page.locator('.rcw-user').allTextContents()).toEqual(['What is up?']);
    expect(problems).toEqual([]);
  });

  it('Stop aborts the streaming run (chat.abort on its own session); a lost gateway shows "reconnecting"', async () => {
    const model = new GatedLanguageModel(['Thinking', ' about it…'], 1);
    env = await startWebchatGateway({ assetsDir, model });
    const page = await openPage(`${env.httpUrl}/chat#token=${WEBCHAT_TOKEN}`);
    await page.locator('.rcw-status[data-status="ready"]').waitFor();
    await page.locator('.rcw-input').fill('Take your time');
    await page.locator('.rcw-send').click();
    await page.locator('.rcw-assistant[data-streaming]', { hasText: 'Thinking' }).waitFor();
    await page.locator('.rcw-stop').click();
    // The run ends as aborted: the bubble stops streaming with the partial text, and the stop button goes.
    await page.locator('.rcw-assistant:not([data-streaming])', { hasText: 'Thinking' }).waitFor();
    await page.locator('.rcw-stop').waitFor({ state: 'hidden' });
    expect(await page.locator('.rcw-error').count()).toBe(0);

    await env.close();
    env = undefined;
    await page.locator('.rcw-status[data-status="reconnecting"]').waitFor();
    expect(await page.locator('.rcw-problem-code').textContent()).toBe('CONNECTION_LOST');
    expect(await page.locator('.rcw-input').isDisabled()).toBe(true);
  });

  it('a wrong token shows a clear refusal and disables the input', async () => {
    env = await startWebchatGateway({ assetsDir });
    const page = await openPage(`${env.httpUrl}/chat#token=wct_not-the-right-token`);
    await page.locator('.rcw-status[data-status="failed"]').waitFor();
    const problem = page.locator('.rcw-problem');
    expect(await problem.locator('.rcw-problem-text').textContent()).toContain('refused this chat link');
    expect(await problem.locator('.rcw-problem-code').textContent()).toBe('AUTH_TOKEN_MISMATCH');
    expect(await page.locator('.rcw-input').isDisabled()).toBe(true);
  });

  it('no token at all says how to get one, without connecting', async () => {
    env = await startWebchatGateway({ assetsDir });
    const page = await openPage(`${env.httpUrl}/chat`);
    await page.locator('.rcw-status[data-status="failed"]').waitFor();
    expect(await page.locator('.rcw-problem-code').textContent()).toBe('NO_TOKEN');
    expect(await page.locator('.rcw-problem-text').textContent()).toContain('#token=');
  });

  it("the page's socket cannot call admin methods, other read methods or other sessions", async () => {
    env = await startWebchatGateway({ assetsDir });
    const page = await openPage(`${env.httpUrl}/chat#token=${WEBCHAT_TOKEN}`);
    await page.locator('.rcw-status[data-status="ready"]').waitFor();
    // A second socket from the page's own context, speaking the protocol by hand with the page's token.
    const answers = await page.evaluate(async (token) => {
      const ws = new WebSocket(`ws://${location.host}/`);
      const frames: Array<{ type: string; id?: string; ok?: boolean; payload?: unknown; error?: { code: string; message: string; details?: { code?: string } } }> = [];
      const waiters: Array<() => void> = [];
      ws.onmessage = (message) => {
        frames.push(JSON.parse(String(message.data)));
        for (const wake of waiters.splice(0)) wake();
      };
      const answer = async (id: string) => {
        for (;;) {
          const found = frames.find((frame) => frame.type === 'res' && frame.id === id);
          if (found) return found;
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
      };
      await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
      const client = { id: 'webchat', version: 't', platform: 'test', mode: 'webchat', instanceId: crypto.randomUUID() };
      ws.send(JSON.stringify({ type: 'req', id: 'c', method: 'connect', params: { minProtocol: 3, maxProtocol: 4, client, role: 'operator', scopes: ['operator.admin', 'operator.read', 'operator.write'], auth: { token } } }));
      const hello = (await answer('c')).payload as { auth: { scopes: string[] }; snapshot: { sessionDefaults: { mainSessionKey: string } } };
      const calls: Array<[string, Record<string, unknown>]> = [
        ['config.patch', { raw: '{}', baseHash: 'x' }],
        ['sessions.patch', { key: 'agent:main:main', label: 'pwned' }],
        ['sessions.list', {}],
        ['chat.history', { sessionKey: 'agent:main:main' }],
        ['chat.history', { sessionKey: hello.snapshot.sessionDefaults.mainSessionKey }],
      ];
      const results = [];
      for (const [index, [method, params]] of calls.entries()) {
        ws.send(JSON.stringify({ type: 'req', id: `r${index}`, method, params }));
        const frame = await answer(`r${index}`);
        results.push({ method, ok: frame.ok, code: frame.error?.code, message: frame.error?.message, detail: frame.error?.details?.code });
      }
      ws.close();
      return { scopes: hello.auth.scopes, results };
    }, WEBCHAT_TOKEN);
    expect(answers.scopes).toEqual(['operator.read', 'operator.write']);
    expect(answers.results).toEqual([
      { method: 'config.patch', ok: false, code: 'FORBIDDEN', message: 'missing scope: operator.admin', detail: 'MISSING_SCOPE' },
      { method: 'sessions.patch', ok: false, code: 'FORBIDDEN', message: 'missing scope: operator.admin', detail: 'MISSING_SCOPE' },
      { method: 'sessions.list', ok: false, code: 'FORBIDDEN', message: expect.stringContaining('may only call chat.send'), detail: 'WEBCHAT_FORBIDDEN' },
      { method: 'chat.history', ok: false, code: 'FORBIDDEN', message: expect.stringContaining('its own session'), detail: 'WEBCHAT_FORBIDDEN' },
      { method: 'chat.history', ok: true, code: undefined, message: undefined, detail: undefined },
    ]);
  });
});
