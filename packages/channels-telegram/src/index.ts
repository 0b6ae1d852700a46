// Cheap to import: grammY is loaded lazily by TelegramChannel.start().
export { createTelegramChannel, TelegramChannel, type TelegramChannelOptions } from './telegram-channel.js';
export type { TelegramChannelTuning } from './telegram-tuning.js';
export {
  telegramConfigSchema,
  createTelegramConfigSchema,
  unsupportedKeys,
  telegramOpenclawOnlyKeys,
  type TelegramConfig,
  type TelegramConfigInput,
  type TelegramAccountConfig,
  type TelegramAccountOverride,
  type TelegramGroupConfig,
  type TelegramSecretInput,
  type TelegramSecretRef,
} from './telegram-config-schema.js';
export { registerTelegramConfig, type TelegramConfigRegistry } from './register-telegram-config.js';
export { resolveTelegramAccounts, resolveTelegramAccount, loadTelegramBotToken, type ResolvedTelegramAccount } from './resolve-telegram-accounts.js';
export { markdownToTelegramHtml, escapeTelegramHtml } from './markdown-to-telegram-html.js';
export { chunkMarkdown, splitMarkdownBlocks, type ChunkMarkdownOptions } from './chunk-markdown.js';
export { renderTelegramChunks, TELEGRAM_MAX_MESSAGE_LENGTH, TELEGRAM_MAX_CAPTION_LENGTH } from './telegram-outbound.js';
export { mapTelegramUpdate, type MappedTelegramUpdate } from './map-telegram-update.js';
export { evaluateTelegramAccess, normalizeTelegramAllowFrom, type TelegramAccessDecision } from './telegram-access.js';

export const VERSION = '0.1.0';
