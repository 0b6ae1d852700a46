import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSessionStore, validateConfig } from '@rusty-claw/core';
import type { ChannelCapabilities, LanguageModelCallOptions, SessionStore } from '@rusty-claw/plugin-sdk';
import { GatewayClient } from '@rusty-claw/protocol';
import { MockLanguageModel, textStreamParts, type MockStreamScript } from '@rusty-claw/testkit';
import { GatewayServer } from '../../server/gateway-server.js';
import { RecordingLogger, TEST_TOKEN } from '../../test-support/test-gateway.js';
import { createCoreAgentRunner } from '../../router/create-core-agent-runner.js';
import { FakeChatPlatform } from './fake-chat-platform.js';

/** The text of the last user message a model call got (what the echo model answers to). */
export function lastUserText(options: LanguageModelCallOptions): string {
  const user = [...options.prompt].reverse().find((message) => message.role === 'user');
  return user?.role === 'user' ? user.content.map((part) => (part.type === 'text' ? part.text : '')).join('') : '';
}

export interface ChannelTestGateway {
  server: GatewayServer;
  url: string;
  httpUrl: string;
  stateDir: string;
  platform: FakeChatPlatform;
  model: MockLanguageModel;
  logger: RecordingLogger;
  store(agentId?: string): SessionStore;
  /** One RPC as an admin operator. */
  call<T = Record<string, unknown>>(method: string, params?: unknown): Promise<T>;
  /** Closes the gateway (like a stop); `keepState` keeps the state dir for a restart. */
  close(options?: { keepState?: boolean }): Promise<void>;
}

export interface ChannelTestGatewayOptions {
  /** The `channels.fakechat` block. */
  channel?: Record<string, unknown>;
  config?: Record<string, unknown>;
  capabilities?: Partial<ChannelCapabilities>;
  /** Default: answers `echo: <last user text>`. */
  stream?: MockStreamScript | MockStreamScript[] | ((options: LanguageModelCallOptions, index: number) => MockStreamScript | Promise<MockStreamScript>);
  /** Reuse a state dir (a restart) and a platform (its unacknowledged updates). */
  stateDir?: string;
  platform?: FakeChatPlatform;
  /** A runner that never answers (until the gateway stops): messages are stored and wait. */
  noRunner?: boolean;
  /** Extra bindings (`bindings` is not in the core schema yet, so it is set on the config object). */
  bindings?: unknown[];
}

/**
 * A real gateway on 127.0.0.1:0 with the fake chat platform as channel `fakechat` and core's agent loop over a
 * scripted model, with transcripts in a real FileSessionStore: every part between the channel and the model is
 * the production code.
 */
export async function startChannelTestGateway(options: ChannelTestGatewayOptions = {}): Promise<ChannelTestGateway> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'rc-channels-')));
  const platform = options.platform ?? new FakeChatPlatform();
  const model = new MockLanguageModel({ stream: options.stream ?? ((call) => ({ parts: textStreamParts(`echo: ${lastUserText(call)}`) })) });
  const stores = new Map<string, FileSessionStore>();
  const store = (agentId = 'main'): FileSessionStore => {
    let existing = stores.get(agentId);
    if (!existing) {
      existing = new FileSessionStore({ stateDir, agentId });
      stores.set(agentId, existing);
    }
    return existing;
  };
  const config = validateConfig({ channels: { fakechat: options.channel ?? { dmPolicy: 'open', allowFrom: ['*'] } }, ...options.config }).config;
  if (options.bindings) Object.assign(config, { bindings: options.bindings });
  const logger = new RecordingLogger();
  const server = new GatewayServer({
    config,
    configPath: join(stateDir, 'rusty-claw.json'),
    stateDir,
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'token', token: TEST_TOKEN },
    logger,
    policy: { drainTimeoutMs: 200 },
    channels: { fakechat: () => platform.factory(options.capabilities) },
    channelReplies: { draftIntervalMs: 20, typingIntervalMs: 50, sendRetryDelayMs: 10 },
    ...(options.noRunner
      ? { agentRunner: { enqueue: (_key, _inbound, call) => new Promise<never>((_resolve, reject) => call.signal.addEventListener('abort', () => reject(new Error('stopped')))) } }
      : { agentRunner: createCoreAgentRunner({ sessionStore: store, models: () => [{ ref: 'mock/mock-model', model }] }) }),
  });
  const address = await server.listen();
  await server.channelsStarted;
  return {
    server,
    url: address.url,
    httpUrl: `http://127.0.0.1:${address.port}`,
    stateDir,
    platform,
    model,
    logger,
    store,
    async call<T>(method: string, params?: unknown): Promise<T> {
      const client = new GatewayClient({ url: address.url, token: TEST_TOKEN, scopes: ['operator.admin'], reconnect: false });
      try {
        await client.connect();
        return await client.request<T>(method, params);
      } finally {
        await client.close();
      }
    },
    async close(closeOptions = {}) {
      await server.close('test finished');
      for (const opened of stores.values()) await opened.close();
      if (!closeOptions.keepState) await rm(stateDir, { recursive: true, force: true });
    },
  };
}
