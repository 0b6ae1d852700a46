export const VERSION = '0.1.0';

export {
  createDiscordChannel,
  DEFAULT_DISCORD_TUNING,
  DISCORD_API,
  type CreateDiscordChannelOptions,
  type DiscordChannelTuning,
} from './discord-channel.js';
export { registerDiscordConfig, type DiscordConfigRegistry } from './register-discord-config.js';
export {
  createDiscordConfigSchema,
  discordConfigSchema,
  discordAccountConfigSchema,
  DISCORD_UNSUPPORTED_ACCOUNT_KEYS,
  type CreateDiscordConfigSchemaOptions,
  type DiscordConfig,
  type DiscordConfigInput,
  type DiscordSecretInput,
  type DiscordSecretRef,
  type DiscordAccountConfig,
  type DiscordGuildConfig,
  type DiscordGuildChannelConfig,
  type DiscordDmPolicy,
  type DiscordGroupPolicy,
} from './discord-config-schema.js';
export { unsupportedKeys } from './unsupported-keys.js';
export {
  resolveDiscordAccounts,
  resolveDiscordToken,
  resolveDiscordDmPolicy,
  DEFAULT_DISCORD_ACCOUNT_ID,
  type ResolvedDiscordAccount,
} from './resolve-discord-accounts.js';
export { evaluateDiscordAccess, discordSlug, type DiscordAccessInput, type DiscordAccessDecision } from './discord-access.js';
export { chunkMarkdown, type ChunkMarkdownOptions } from './chunk-markdown.js';
export { markdownToDiscord, type MarkdownToDiscordOptions, type DiscordTableMode } from './markdown-to-discord.js';
export { discordMarkupToText, type DiscordMarkupNames } from './discord-markup-to-text.js';
export { DISCORD_MAX_MESSAGE_LENGTH } from './discord-outbound.js';
export { DISCORD_CDN } from './discord-attachments.js';
