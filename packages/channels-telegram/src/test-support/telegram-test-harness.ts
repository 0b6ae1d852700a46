import { silentLogger, type ChannelContext, type InboundMessage, type Logger } from '@rusty-claw/plugin-sdk';
import { waitUntil } from '@rusty-claw/testkit';
import { FakeTelegramServer } from '../testing/fake-telegram-server.js';
import { createTelegramChannel, type TelegramChannel } from '../telegram-channel.js';
import type { TelegramChannelTuning } from '../telegram-tuning.js';

/** Short timings so fault and retry tests finish in well under a second each. */
export const fastTuning: TelegramChannelTuning = {
  pollTimeoutSeconds: 1,
  pollGraceMs: 500,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  inboundRetryBaseMs: 20,
  inboundRetryMaxMs: 100,
  maxRateLimitWaitMs: 3_000,
  stopTimeoutMs: 1_000,
};

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: LogRecord['level']) => (fields: Record<string, unknown>, message: string) => void records.push({ level, fields, message });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A fake server plus channels under test; `close()` stops every channel and the server. */
export class TelegramHarness {
  readonly fake = new FakeTelegramServer();
  readonly channels: TelegramChannel[] = [];
  readonly aborts: AbortController[] = [];

  async start(): Promise<this> {
    await this.fake.start();
    return this;
  }

  channel(config: Record<string, unknown> = {}, options: { accountId?: string; logger?: Logger; tuning?: TelegramChannelTuning } = {}): TelegramChannel {
    const channel = createTelegramChannel({
      accountId: options.accountId ?? 'default',
      config: { botToken: this.fake.token, apiRoot: this.fake.apiRoot, dmPolicy: 'open', allowFrom: ['*'], groupPolicy: 'open', groups: { '*': { requireMention: false } }, ...config },
      logger: options.logger ?? silentLogger,
      env: {},
      tuning: { ...fastTuning, ...options.tuning },
    });
    this.channels.push(channel);
    return channel;
  }

  /** Starts `channel` with a context that records inbound messages; `handler` decides onInbound's outcome. */
  async run(channel: TelegramChannel, extra: Partial<ChannelContext> = {}) {
    const inbound: InboundMessage[] = [];
    let handler: (message: InboundMessage) => Promise<void> = async () => {};
    const abort = new AbortController();
    this.aborts.push(abort);
    await channel.start({
      logger: silentLogger,
      signal: abort.signal,
      onInbound: (message) => {
        inbound.push(message);
        return handler(message);
      },
      ...extra,
    });
    return {
      inbound,
      setHandler(next: (message: InboundMessage) => Promise<void>) {
        handler = next;
      },
      async waitFor(predicate: (all: InboundMessage[]) => boolean, timeoutMs = 4000) {
        await waitUntil(() => predicate(inbound), timeoutMs, () => JSON.stringify(inbound.map((message) => message.text)));
        return inbound;
      },
    };
  }

  async waitForStatus(channel: TelegramChannel, predicate: (status: ReturnType<TelegramChannel['status']>) => boolean, timeoutMs = 4000): Promise<void> {
    await waitUntil(() => predicate(channel.status()), timeoutMs, () => JSON.stringify(channel.status()));
  }

  async close(): Promise<void> {
    for (const abort of this.aborts.splice(0)) abort.abort();
    for (const channel of this.channels.splice(0)) await channel.stop();
    await this.fake.close();
  }
}
