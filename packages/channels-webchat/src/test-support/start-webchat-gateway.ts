import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '@rusty-claw/core';
import { createGateway, type Gateway, type GatewayWebchatOptions } from '@rusty-claw/gateway';
import type { LanguageModel } from '@rusty-claw/plugin-sdk';
import { createWebchatRoutes } from '../create-webchat-routes.js';
import type { WebchatSettings } from '../webchat-settings.js';

export const ADMIN_TOKEN = 'admin-token-never-in-a-browser-0123456789';
export const WEBCHAT_TOKEN = 'wct_test-webchat-token-abcdefghijklmnop';

export interface WebchatGateway {
  gateway: Gateway;
  /** `http://127.0.0.1:<port>` */
  httpUrl: string;
  /** `ws://127.0.0.1:<port>` */
  url: string;
  stateDir: string;
  close(): Promise<void>;
}

/**
 * A real gateway on 127.0.0.1:0 that serves the web chat (routes from the built assets) and answers chat with
 * `model`, injected the way apps inject provider packages: a provider factory for the `mock` provider's api.
 */
export async function startWebchatGateway(options: {
  assetsDir: string;
  model?: LanguageModel;
  settings?: WebchatSettings;
  webchat?: GatewayWebchatOptions;
}): Promise<WebchatGateway> {
  const stateDir = await mkdtemp(join(tmpdir(), 'rc-webchat-'));
  const model = options.model;
  const config = validateConfig({
    models: { providers: { mock: { baseUrl: 'http://127.0.0.1:9', api: 'openai-completions', models: [{ id: 'chat-1', name: 'chat-1', contextWindow: 100_000 }] } } },
    agents: { defaults: { model: { primary: 'mock/chat-1' } } },
  }).config;
  const gateway = createGateway({
    config,
    configPath: join(stateDir, 'rusty-claw.json'),
    stateDir,
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'token', token: ADMIN_TOKEN },
    httpRoutes: await createWebchatRoutes({ assetsDir: options.assetsDir, ...options.settings }),
    webchat: options.webchat ?? { token: WEBCHAT_TOKEN },
    agentRuntime: { deltaThrottleMs: 0 },
    providers: {
      'openai-completions': (settings) => ({
        specificationVersion: 'v1',
        id: settings.id,
        languageModel: () => {
          if (!model) throw new Error('this test gateway has no model');
          return model;
        },
      }),
    },
  });
  const { port, url } = await gateway.listen();
  return {
    gateway,
    httpUrl: `http://127.0.0.1:${port}`,
    url,
    stateDir,
    async close() {
      await gateway.close('test finished');
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
