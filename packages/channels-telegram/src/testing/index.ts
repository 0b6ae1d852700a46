export { FakeTelegramServer, startFakeTelegramServer } from './fake-telegram-server.js';
export type {
  FakeTelegramCall,
  FakeTelegramFault,
  FakeTelegramFile,
  FakeTelegramInjectMessage,
  FakeTelegramMessageKind,
  FakeTelegramSentMessage,
  FakeTelegramServerOptions,
} from './fake-telegram-types.js';
export { parseTelegramHtml, type ParsedTelegramHtml } from './parse-telegram-html.js';
