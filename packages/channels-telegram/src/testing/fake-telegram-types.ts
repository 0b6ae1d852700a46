import type { MultipartPart } from './parse-multipart.js';

/** One Bot API call the fake received (JSON body or multipart fields, normalised to one params object). */
export interface FakeTelegramCall {
  method: string;
  params: Record<string, unknown>;
  /** Uploaded files (multipart `attach://` parts). */
  files: MultipartPart[];
  /** Whether the token in the URL was the fake's token. */
  authorized: boolean;
  at: number;
}

export type FakeTelegramMessageKind = 'text' | 'photo' | 'document' | 'voice' | 'audio' | 'video';

/** A message the bot created through sendMessage / sendPhoto / …, as Telegram would store it. */
export interface FakeTelegramSentMessage {
  messageId: number;
  chatId: string;
  threadId?: string;
  kind: FakeTelegramMessageKind;
  /** Text (or caption) after entity parsing: what the user sees, and what Telegram's length limits measure. */
  text: string;
  /** Text (or caption) exactly as sent. */
  raw: string;
  parseMode?: string;
  replyToMessageId?: number;
  file?: { fileName?: string; data: Buffer };
}

/** A file the fake serves through getFile + `/file/bot<token>/<file_path>`. */
export interface FakeTelegramFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
}

/**
 * Faults the fake can inject:
 * - `drop-poll`: destroy the socket of the held (or next) getUpdates request;
 * - `conflict`: answer the next `times` getUpdates with 409 "terminated by other getUpdates request";
 * - `server-error`: answer the next `times` calls of `methods` (default getUpdates) with `status` (default 502);
 * - `rate-limit`: answer the next `times` calls of `methods` (default sendMessage) with 429 and `retry_after`;
 * - `stall-poll`: never answer the next getUpdates (a half-open connection: no data, no close);
 * - `unauthorized`: revoke the token, every call answers 401 until `restoreToken()`.
 */
export type FakeTelegramFault =
  | { kind: 'drop-poll' }
  | { kind: 'stall-poll' }
  | { kind: 'conflict'; times?: number }
  | { kind: 'server-error'; times?: number; status?: number; methods?: string[] }
  | { kind: 'rate-limit'; retryAfter: number; times?: number; methods?: string[] }
  | { kind: 'unauthorized' };

export interface FakeTelegramInjectMessage {
  chatId: string | number;
  /** Defaults to `private` when chatId equals fromId or is positive, else `supergroup`. */
  chatType?: 'private' | 'group' | 'supergroup' | 'channel';
  chatTitle?: string;
  fromId?: string | number;
  fromUsername?: string;
  fromIsBot?: boolean;
  text?: string;
  caption?: string;
  /** Repeat a message id to simulate a redelivered/duplicated message. */
  messageId?: number;
  /** Forum topic: sets `message_thread_id`, `is_topic_message` and `chat.is_forum`. */
  threadId?: string | number;
  /** Prefix the text with `@<bot username> ` and a `mention` entity. */
  mentionBot?: boolean;
  replyToMessageId?: number;
  /** Reply to a message the bot sent (reply_to_message.from is the bot). */
  replyToBot?: boolean;
  photo?: FakeTelegramFile;
  voice?: FakeTelegramFile;
  document?: FakeTelegramFile & { file_name?: string; mime_type?: string };
  /** Which update field carries it (default `message`). */
  updateKind?: 'message' | 'edited_message' | 'channel_post';
}

export interface FakeTelegramServerOptions {
  token?: string;
  botId?: number;
  botUsername?: string;
  /**
   * While a webhook is set, injected updates are pushed to it like Telegram does: in order, one at a time, and
   * retried after this delay until the endpoint answers 2xx (default 100 ms; Telegram itself backs off longer).
   */
  webhookRetryMs?: number;
}
