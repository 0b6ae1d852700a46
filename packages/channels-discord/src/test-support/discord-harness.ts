import type { Channel, InboundMessage, Logger } from '@rusty-claw/plugin-sdk';
import { createDiscordChannel, type DiscordChannelTuning } from '../discord-channel.js';
import type { DiscordAccountConfig } from '../discord-config-schema.js';
import { createFakeDiscordServer, type FakeDiscordServer, type FakeDiscordServerOptions } from '../testing/fake-discord-server.js';

export const GUILD_ID = '200000000000000001';
export const GENERAL_ID = '300000000000000001';
export const THREAD_ID = '300000000000000002';
export const RANDOM_ID = '300000000000000003';
export const ROLE_ID = '400000000000000001';
export const DM_ID = '500000000000000001';
export const USER_ID = '600000000000000001';
export const OTHER_USER_ID = '600000000000000002';
export const BOT_ID = '100000000000000001';
export const TOKEN = 'fake-discord-token';

/** Short timings so fault tests finish in a couple of seconds (production defaults are in DEFAULT_DISCORD_TUNING). */
export const FAST_TUNING: Partial<DiscordChannelTuning> = {
  connectTimeoutMs: 3000,
  reconnectGraceMs: 1500,
  backoffBaseMs: 100,
  backoffMaxMs: 400,
  identifyIntervalMs: 50,
  inboundRetry: { baseMs: 50, maxMs: 200, maxAttempts: 4 },
  maxRateLimitWaitMs: 2000,
  restTimeoutMs: 3000,
};

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(entries: LogEntry[]): Logger {
  const at = (level: LogEntry['level']) => (fields: Record<string, unknown>, message: string) => {
    entries.push({ level, fields, message });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function waitFor(condition: () => boolean, timeoutMs = 4000, describe?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${describe ? `: ${describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Harness {
  fake: FakeDiscordServer;
  channel: Channel;
  inbound: InboundMessage[];
  logs: LogEntry[];
  /** Replace to make onInbound reject or wait (default: resolve). */
  onInbound: (message: InboundMessage) => Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: Partial<DiscordAccountConfig>;
  fake?: FakeDiscordServerOptions;
  tuning?: Partial<DiscordChannelTuning>;
  env?: Record<string, string | undefined>;
}

/** A fake Discord (one guild with #general, a thread in it, and #random) and a channel pointed at it. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await createFakeDiscordServer({
    heartbeatIntervalMs: 400,
    guilds: [
      {
        id: GUILD_ID,
        name: 'Test Guild',
        channels: [
          { id: GENERAL_ID, type: 0, name: 'general' },
          { id: RANDOM_ID, type: 0, name: 'random' },
        ],
        threads: [{ id: THREAD_ID, type: 11, name: 'a thread', parent_id: GENERAL_ID }],
        roles: [{ id: ROLE_ID, name: 'mods' }],
      },
    ],
    ...options.fake,
  });
  const logs: LogEntry[] = [];
  const inbound: InboundMessage[] = [];
  const abort = new AbortController();
  const logger = recordingLogger(logs);
  const channel = createDiscordChannel({
    accountId: 'default',
    config: { token: TOKEN, dmPolicy: 'open', allowFrom: ['*'], groupPolicy: 'open', ...options.config } as DiscordAccountConfig,
    logger,
    env: options.env ?? {},
    apiRoot: fake.apiUrl,
    cdnRoot: fake.cdnUrl,
    tuning: { ...FAST_TUNING, ...options.tuning },
  });
  const harness: Harness = {
    fake,
    channel,
    inbound,
    logs,
    onInbound: async () => {},
    async start() {
      await channel.start({
        logger,
        signal: abort.signal,
        onInbound: (message) => {
          inbound.push(message);
          return harness.onInbound(message);
        },
      });
    },
    async close() {
      abort.abort();
      await channel.stop();
      await fake.close();
    },
  };
  return harness;
}

/** Starts the harness and waits for the gateway to be READY. */
export async function startConnected(options: HarnessOptions = {}): Promise<Harness> {
  const harness = await createHarness(options);
  await harness.start();
  await waitFor(() => harness.channel.status().connected, 4000, () => JSON.stringify(harness.channel.status()));
  return harness;
}
