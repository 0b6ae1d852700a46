import type { FakeTelegramCall, FakeTelegramFile, FakeTelegramInjectMessage, FakeTelegramMessageKind, FakeTelegramSentMessage } from './fake-telegram-types.js';
import { parseTelegramHtml } from './parse-telegram-html.js';

/** A Bot API answer: `{ok:true,result}` or `{ok:false,error_code,description,parameters?}`. */
export type BotApiAnswer = { status: number; body: Record<string, unknown> };

export const ok = (result: unknown): BotApiAnswer => ({ status: 200, body: { ok: true, result } });
export const apiError = (status: number, description: string, parameters?: Record<string, unknown>): BotApiAnswer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

const MEDIA_FIELDS: Record<string, FakeTelegramMessageKind> = { sendPhoto: 'photo', sendDocument: 'document', sendVoice: 'voice', sendAudio: 'audio', sendVideo: 'video' };
const MEDIA_PARAM: Record<FakeTelegramMessageKind, string> = { text: 'text', photo: 'photo', document: 'document', voice: 'voice', audio: 'audio', video: 'video' };

/** The bot's side of the fake: messages it sent and edited, reactions, chat actions. */
export class FakeTelegramMessages {
  readonly sent: FakeTelegramSentMessage[] = [];
  readonly edits: Array<{ chatId: string; messageId: number; text: string; raw: string }> = [];
  private nextMessageId = 1000;

  constructor(private readonly bot: { id: number; username: string; first_name: string }) {}

  allocateMessageId(): number {
    this.nextMessageId += 1;
    return this.nextMessageId;
  }

  /** sendMessage and the send<Media> methods. */
  send(call: FakeTelegramCall): BotApiAnswer {
    const kind: FakeTelegramMessageKind = call.method === 'sendMessage' ? 'text' : (MEDIA_FIELDS[call.method] as FakeTelegramMessageKind);
    const chatId = call.params['chat_id'];
    if (chatId === undefined || chatId === '') return apiError(400, 'Bad Request: chat_id is empty');
    const raw = String((kind === 'text' ? call.params['text'] : call.params['caption']) ?? '');
    const parseMode = typeof call.params['parse_mode'] === 'string' ? call.params['parse_mode'] : undefined;
    const parsed = parseMode === 'HTML' ? parseTelegramHtml(raw) : ({ ok: true, text: raw } as const);
    if (!parsed.ok) return apiError(400, parsed.error);
    if (kind === 'text' && parsed.text.trim() === '') return apiError(400, 'Bad Request: message text is empty');
    if (kind === 'text' && parsed.text.length > 4096) return apiError(400, 'Bad Request: message is too long');
    if (kind !== 'text' && parsed.text.length > 1024) return apiError(400, 'Bad Request: message caption is too long');
    let file: FakeTelegramSentMessage['file'];
    if (kind !== 'text') {
      const reference = call.params[MEDIA_PARAM[kind]];
      const attached = typeof reference === 'string' && reference.startsWith('attach://') ? call.files.find((part) => part.name === reference.slice(9)) : undefined;
      if (!attached) return apiError(400, `Bad Request: there is no ${kind} in the request`);
      file = { data: attached.data, ...(attached.fileName ? { fileName: attached.fileName } : {}) };
    }
    const threadId = call.params['message_thread_id'];
    const reply = call.params['reply_parameters'] as { message_id?: number } | undefined;
    const message: FakeTelegramSentMessage = {
      messageId: this.allocateMessageId(),
      chatId: String(chatId),
      ...(threadId === undefined ? {} : { threadId: String(threadId) }),
      kind,
      text: parsed.text,
      raw,
      ...(parseMode ? { parseMode } : {}),
      ...(typeof reply?.message_id === 'number' ? { replyToMessageId: reply.message_id } : {}),
      ...(file ? { file } : {}),
    };
    this.sent.push(message);
    return ok(this.toWire(message));
  }

  edit(call: FakeTelegramCall): BotApiAnswer {
    const chatId = String(call.params['chat_id'] ?? '');
    const messageId = Number(call.params['message_id']);
    const target = this.sent.find((message) => message.chatId === chatId && message.messageId === messageId);
    if (!target) return apiError(400, 'Bad Request: message to edit not found');
    const raw = String(call.params['text'] ?? '');
    const parsed = call.params['parse_mode'] === 'HTML' ? parseTelegramHtml(raw) : ({ ok: true, text: raw } as const);
    if (!parsed.ok) return apiError(400, parsed.error);
    if (parsed.text.length > 4096) return apiError(400, 'Bad Request: message is too long');
    if (parsed.text === target.text) {
      return apiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    target.text = parsed.text;
    target.raw = raw;
    this.edits.push({ chatId, messageId, text: parsed.text, raw });
    return ok(this.toWire(target));
  }

  private toWire(message: FakeTelegramSentMessage): Record<string, unknown> {
    const numericChat = Number(message.chatId);
    return {
      message_id: message.messageId,
      date: Math.floor(Date.now() / 1000),
      from: { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username },
      chat: { id: Number.isFinite(numericChat) ? numericChat : message.chatId, type: numericChat < 0 ? 'supergroup' : 'private' },
      ...(message.threadId ? { message_thread_id: Number(message.threadId), is_topic_message: true } : {}),
      ...(message.kind === 'text' ? { text: message.text } : message.text ? { caption: message.text } : {}),
      ...(message.kind === 'photo' ? { photo: [{ file_id: `sent-${message.messageId}`, file_unique_id: `u${message.messageId}`, width: 1, height: 1 }] } : {}),
      ...(message.kind !== 'text' && message.kind !== 'photo' ? { [message.kind]: { file_id: `sent-${message.messageId}`, file_unique_id: `u${message.messageId}` } } : {}),
    };
  }
}

/** Builds a realistic Bot API `Message` update body for `injectMessage`. */
export function buildInjectedMessage(
  input: FakeTelegramInjectMessage,
  bot: { id: number; username: string; first_name: string },
  messageId: number,
): Record<string, unknown> {
  const chatId = Number(input.chatId);
  const chatType = input.chatType ?? (chatId > 0 ? 'private' : 'supergroup');
  const fromId = Number(input.fromId ?? (chatType === 'private' ? chatId : 4242));
  let text = input.text;
  const entities: Array<Record<string, unknown>> = [];
  if (input.mentionBot && text !== undefined) {
    text = `@${bot.username} ${text}`;
    entities.push({ type: 'mention', offset: 0, length: bot.username.length + 1 });
  }
  const threadId = input.threadId === undefined ? undefined : Number(input.threadId);
  const replyTo =
    input.replyToBot || input.replyToMessageId !== undefined
      ? {
          message_id: input.replyToMessageId ?? messageId - 1,
          date: Math.floor(Date.now() / 1000) - 60,
          chat: { id: chatId, type: chatType },
          ...(input.replyToBot ? { from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username } } : {}),
          text: 'earlier',
        }
      : undefined;
  return {
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: {
      id: chatId,
      type: chatType,
      ...(chatType === 'private' ? { first_name: 'User' } : { title: input.chatTitle ?? 'Test group' }),
      ...(threadId !== undefined && chatType !== 'private' ? { is_forum: true } : {}),
    },
    ...(chatType === 'channel' ? { sender_chat: { id: chatId, type: 'channel', title: input.chatTitle ?? 'Test channel' } } : {
      from: { id: fromId, is_bot: input.fromIsBot ?? false, first_name: 'Test', last_name: `User${fromId}`, ...(input.fromUsername ? { username: input.fromUsername } : {}) },
    }),
    ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(entities.length > 0 ? { entities } : {}),
    ...(input.caption !== undefined ? { caption: input.caption } : {}),
    ...(input.photo ? { photo: [{ file_id: `${input.photo.file_id}-thumb`, file_unique_id: `${input.photo.file_unique_id}-thumb`, file_size: 10, width: 10, height: 10 }, { ...input.photo, width: 800, height: 600 }] } : {}),
    ...(input.voice ? { voice: { ...input.voice, duration: 2, mime_type: 'audio/ogg' } } : {}),
    ...(input.document ? { document: input.document } : {}),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
  };
}

export type { FakeTelegramFile };
