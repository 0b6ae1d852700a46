// Test support shared by the end-to-end tests (not exported): a fake Slack plus a channel pointed at it.
import { silentLogger, type Channel, type ChannelHttpHandler, type InboundMessage, type Logger } from '@rusty-claw/plugin-sdk';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackAccountConfig } from './config/slack-config-schema.js';
import { createSlackChannel } from './slack-channel.js';
import type { SlackChannelTuning } from './slack-channel-options.js';
import { FakeSlackServer, type FakeSlackServerOptions } from './testing/fake-slack-server.js';

export const fastTuning: Partial<SlackChannelTuning> = { reconnectBaseMs: 40, reconnectMaxMs: 200, helloTimeoutMs: 1000, webApiRetries: 1, lookupTimeoutMs: 500 };

export interface LogLine {
  level: keyof Logger;
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: keyof Logger) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/** The gateway's side of `registerHttpRoute`: a loopback server dispatching to registered routes. */
export class RouteServer {
  readonly routes = new Map<string, ChannelHttpHandler>();
  readonly #server: Server = createServer((request, response) => {
    const handler = this.routes.get(`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`);
    if (handler === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    void handler(request, response);
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  register = (method: 'GET' | 'POST', path: string, handler: ChannelHttpHandler): void => {
    this.routes.set(`${method} ${path}`, handler);
  };

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export interface Harness {
  fake: FakeSlackServer;
  channel: Channel;
  inbound: InboundMessage[];
  /** Replace to make onInbound fail or wait. */
  onInbound: (message: InboundMessage) => Promise<void>;
  abort: AbortController;
  logs: LogLine[];
  routes: RouteServer | undefined;
  baseUrl: string | undefined;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(
  options: {
    config?: Partial<SlackAccountConfig>;
    fake?: FakeSlackServerOptions;
    tuning?: Partial<SlackChannelTuning>;
    accountId?: string;
    http?: boolean;
    /** Point the channel at the fake through the `apiRoot` config key (as a spawned gateway would) instead of the option. */
    apiRootInConfig?: boolean;
  } = {},
): Promise<Harness> {
  const fake = await FakeSlackServer.start({ ackTimeoutMs: 1500, ...options.fake });
  const { logger, lines } = recordingLogger();
  const http = options.http === true;
  const routes = http ? new RouteServer() : undefined;
  const baseUrl = routes === undefined ? undefined : await routes.listen();
  const apiRootInConfig = options.apiRootInConfig === true;
  // Without its trailing slash, as people write it in a config file.
  const apiRoot = apiRootInConfig ? { apiRoot: fake.apiUrl.replace(/\/+$/, '') } : {};
  const config: SlackAccountConfig = http
    ? { mode: 'http', botToken: fake.identity.botToken, signingSecret: 'test-signing-secret', webhookPath: '/slack/events', ...apiRoot, ...options.config }
    : { mode: 'socket', botToken: fake.identity.botToken, appToken: fake.identity.appToken, ...apiRoot, ...options.config };
  const channel = createSlackChannel({
    accountId: options.accountId ?? 'default',
    config,
    logger,
    ...(apiRootInConfig ? {} : { slackApiUrl: fake.apiUrl }),
    tuning: { ...fastTuning, ...options.tuning },
  });
  const harness: Harness = {
    fake,
    channel,
    inbound: [],
    onInbound: async () => {},
    abort: new AbortController(),
    logs: lines,
    routes,
    baseUrl,
    async start() {
      await channel.start({
        logger: silentLogger,
        signal: harness.abort.signal,
        onInbound: (message) => {
          harness.inbound.push(message);
          return harness.onInbound(message);
        },
        ...(routes === undefined ? {} : { registerHttpRoute: routes.register }),
      });
    },
    async close() {
      harness.abort.abort();
      await channel.stop();
      await routes?.close();
      await fake.close();
    },
  };
  return harness;
}

export async function waitFor(condition: () => boolean, describe: () => string = () => '', timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
