import type { ChannelFactories } from '@rusty-claw/gateway';

/**
 * The channel packages, by `channels.<name>`. Each is imported the first time a configured account of it starts
 * (never on the start path, never when not configured); the gateway package itself depends on none of them.
 * Slack's factory takes its typed account settings, so they are checked with its schema here (a bad key becomes
 * the account's `lastError`); the other packages validate their own.
 */
export function channelFactories(): ChannelFactories {
  return {
    telegram: () => import('@rusty-claw/channels-telegram').then((m) => m.createTelegramChannel),
    discord: () => import('@rusty-claw/channels-discord').then((m) => (options) => m.createDiscordChannel({ ...options, config: options.config as Parameters<typeof m.createDiscordChannel>[0]['config'] })),
    slack: () =>
      import('@rusty-claw/channels-slack').then((m) => (options) => {
        const { defaultAccount: _defaultAccount, ...config } = options.config as Record<string, unknown>;
        return m.createSlackChannel({ ...options, config: m.slackAccountConfigSchema.parse(config) });
      }),
    webchat: () => import('@rusty-claw/channels-webchat').then((m) => m.createWebchatChannel),
  };
}
