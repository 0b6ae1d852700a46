// The channel (a ChannelFactory): Bolt, the Slack SDKs and the WebSocket stack load only in start().
export { createSlackChannel } from './slack-channel.js';
export { DEFAULT_SLACK_TUNING, type CreateSlackChannelOptions, type SlackChannelTuning } from './slack-channel-options.js';

// Config: OpenClaw's `channels.slack` keys, accounts, keys accepted but not implemented yet.
export {
  createSlackConfigSchema,
  slackAccountConfigSchema,
  slackConfigSchema,
  slackSecretRefSchema,
  type CreateSlackConfigSchemaOptions,
  type SlackAccountConfig,
  type SlackConfig,
  type SlackConfigInput,
  type SlackSecretInput,
  type SlackSecretRef,
} from './config/slack-config-schema.js';
export { DEFAULT_SLACK_ACCOUNT_ID, defaultSlackAccountId, resolveSlackAccounts, type ResolvedSlackAccount } from './config/resolve-slack-accounts.js';
export { SLACK_UNSUPPORTED_KEYS, unsupportedKeys } from './config/unsupported-keys.js';
export { registerSlackConfig, type SlackConfigRegistry } from './config/register-slack-config.js';

// Pure helpers (formatting, chunking, request verification).
export { markdownToMrkdwn } from './format/markdown-to-mrkdwn.js';
export { chunkText } from './format/chunk-text.js';
export { escapeMrkdwn } from './format/escape-mrkdwn.js';
export { slackToPlainText } from './format/slack-to-plain-text.js';
export { SLACK_SIGNATURE_TOLERANCE_SECONDS, verifySlackSignature, type SlackSignatureCheck, type SlackSignatureFailure } from './http/verify-slack-signature.js';
export { SLACK_HARD_TEXT_LIMIT } from './outbound/slack-outbound.js';

export const VERSION = '0.1.0';
