// The gateway process of the channels idle-RSS bench: `node channels-gateway-child.mjs <stateDir> <token> <slackApiUrl>`.
// Plain JavaScript on purpose: a `.ts` entry would make Node load its TypeScript stripper (tens of MiB) and inflate
// the very number being measured. runGateway from the built packages, with the same channel factories as the apps;
// Slack's Web API URL is a factory option (not a config key), so it is passed here.
import { runGateway } from '@rusty-claw/gateway';

const [stateDir, token, slackApiUrl] = process.argv.slice(2);

await runGateway({
  port: 0,
  stateDir,
  token,
  env: { RUSTY_CLAW_LOG_LEVEL: 'error' },
  channels: {
    telegram: () => import('@rusty-claw/channels-telegram').then((m) => m.createTelegramChannel),
    discord: () => import('@rusty-claw/channels-discord').then((m) => m.createDiscordChannel),
    slack: () =>
      import('@rusty-claw/channels-slack').then((m) => (options) => m.createSlackChannel({ ...options, config: m.slackAccountConfigSchema.parse(options.config), slackApiUrl })),
    webchat: () => import('@rusty-claw/channels-webchat').then((m) => m.createWebchatChannel),
  },
});
