import type { Logger } from '@rusty-claw/plugin-sdk';
import type { SlackAccountConfig } from './config/slack-config-schema.js';

/** Timings of the transport, with production defaults; tests shorten them. */
export interface SlackChannelTuning {
  /** First reconnect delay after a dropped socket or failed start (ms); doubles per failure, half jittered. */
  reconnectBaseMs: number;
  /** Ceiling of the reconnect delay (ms). */
  reconnectMaxMs: number;
  /** A socket that gives no `hello` within this time is abandoned and retried (ms). */
  helloTimeoutMs: number;
  /** A connection that stayed up this long resets the backoff (ms). */
  stableConnectionMs: number;
  /** Retries of one Web API call (network errors, 5xx, 429 after its Retry-After). */
  webApiRetries: number;
  /** Longest wait for a users.info / conversations.info enrichment before the message goes on without it (ms). */
  lookupTimeoutMs: number;
  /** How many delivered message keys the deduplication remembers. */
  dedupeCapacity: number;
  random?: () => number;
}

export const DEFAULT_SLACK_TUNING: SlackChannelTuning = {
  reconnectBaseMs: 1000,
  reconnectMaxMs: 60_000,
  helloTimeoutMs: 10_000,
  stableConnectionMs: 30_000,
  webApiRetries: 2,
  lookupTimeoutMs: 1500,
  dedupeCapacity: 5000,
};

/** Socket Mode ping timeouts when `channels.slack.socketMode` does not set them (the SDK's defaults). */
export const DEFAULT_CLIENT_PING_TIMEOUT_MS = 5000;
export const DEFAULT_SERVER_PING_TIMEOUT_MS = 30_000;
/** Readable chunk size: Slack recommends ≤ 4,000 characters per message and collapses longer ones. */
export const DEFAULT_TEXT_CHUNK_LIMIT = 4000;
export const DEFAULT_MEDIA_MAX_MB = 20;

export interface CreateSlackChannelOptions {
  accountId: string;
  /** The account's effective `channels.slack` settings (see `resolveSlackAccounts`). */
  config: SlackAccountConfig;
  logger: Logger;
  /**
   * Web API base URL, default `https://slack.com/api/`. Socket Mode's `apps.connections.open` uses it too. Tests
   * point it at `FakeSlackServer.apiUrl`; its origin may also receive the bot token for file downloads. Wins over
   * the `apiRoot` config key.
   */
  slackApiUrl?: string;
  tuning?: Partial<SlackChannelTuning>;
}
