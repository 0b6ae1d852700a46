import type { InboundAttachment, InboundMessage } from '@rusty-claw/plugin-sdk';

export interface MapTelegramUpdateContext {
  accountId: string;
  bot: { id: number; username?: string };
  /** Downloads a file by file_id through the Bot API (getFile + file URL with the token). */
  download(fileId: string, signal?: AbortSignal): Promise<Uint8Array>;
}

export type MappedTelegramUpdate =
  | { kind: 'message'; updateId: number; message: InboundMessage }
  | { kind: 'skip'; updateId: number | undefined; reason: string; level: 'debug' | 'warn' };

type Json = Record<string, unknown>;

const MESSAGE_KINDS = new Set(['message', 'channel_post']);
/** Update kinds Telegram documents that this channel deliberately does not turn into inbound messages. */
const KNOWN_SKIPPED = new Set([
  'edited_message', 'edited_channel_post', 'business_connection', 'business_message', 'edited_business_message',
  'deleted_business_messages', 'message_reaction', 'message_reaction_count', 'inline_query', 'chosen_inline_result',
  'callback_query', 'shipping_query', 'pre_checkout_query', 'purchased_paid_media', 'poll', 'poll_answer',
  'my_chat_member', 'chat_member', 'chat_join_request', 'chat_boost', 'removed_chat_boost',
]);

const record = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const integer = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Maps one Bot API `Update` (untrusted JSON) to an InboundMessage, or says why it is skipped. Never throws: a
 * malformed or unknown update is a `skip` the caller logs, and the offset moves past it.
 */
export function mapTelegramUpdate(update: unknown, context: MapTelegramUpdateContext): MappedTelegramUpdate {
  const body = record(update);
  const updateId = integer(body?.['update_id']);
  if (!body || updateId === undefined || updateId < 0) return { kind: 'skip', updateId: undefined, reason: 'malformed update: no update_id', level: 'warn' };
  const kinds = Object.keys(body).filter((key) => key !== 'update_id');
  const kind = kinds.find((key) => MESSAGE_KINDS.has(key));
  if (!kind) {
    const name = kinds[0] ?? '(empty)';
    return KNOWN_SKIPPED.has(name)
      ? { kind: 'skip', updateId, reason: `update kind ${name} is not delivered as a message`, level: 'debug' }
      : { kind: 'skip', updateId, reason: `unknown update kind ${name}`, level: 'warn' };
  }
  const message = record(body[kind]);
  const chat = record(message?.['chat']);
  const messageId = integer(message?.['message_id']);
  const chatId = integer(chat?.['id']);
  const chatType = mapChatType(text(chat?.['type']));
  const date = integer(message?.['date']);
  if (!message || !chat || messageId === undefined || chatId === undefined || !chatType || date === undefined) {
    return { kind: 'skip', updateId, reason: `malformed ${kind}: missing message_id, chat or date`, level: 'warn' };
  }
  const from = record(message['from']) ?? record(message['sender_chat']) ?? (chatType === 'channel' ? chat : undefined);
  const senderId = integer(from?.['id']);
  if (!from || senderId === undefined) return { kind: 'skip', updateId, reason: `malformed ${kind}: no sender`, level: 'warn' };
  if (senderId === context.bot.id) return { kind: 'skip', updateId, reason: 'message from the bot itself', level: 'debug' };

  const hasText = typeof message['text'] === 'string';
  const content = hasText ? (message['text'] as string) : (text(message['caption']) ?? '');
  const rawEntities = hasText ? message['entities'] : message['caption_entities'];
  const entities: unknown[] = Array.isArray(rawEntities) ? rawEntities : [];
  const attachments = mapAttachments(message, context);
  if (content === '' && attachments.length === 0) return { kind: 'skip', updateId, reason: 'service message or unsupported content', level: 'debug' };

  const threadNumber = integer(message['message_thread_id']);
  const isTopic = message['is_topic_message'] === true || chat['is_forum'] === true || chatType === 'direct';
  const threadId = threadNumber !== undefined && isTopic ? String(threadNumber) : undefined;
  const reply = record(message['reply_to_message']);
  // In a forum topic every message "replies" to the topic's root message; that is not a real reply.
  const isTopicRoot = reply !== undefined && (reply['forum_topic_created'] !== undefined || integer(reply['message_id']) === threadNumber);
  const replyId = reply && !isTopicRoot ? integer(reply['message_id']) : undefined;
  const repliesToBot = reply !== undefined && !isTopicRoot && integer(record(reply['from'])?.['id']) === context.bot.id;

  const displayName = [text(from['first_name']), text(from['last_name'])].filter(Boolean).join(' ') || text(from['title']);
  const username = text(from['username']);
  const title = text(chat['title']);
  return {
    kind: 'message',
    updateId,
    message: {
      channel: 'telegram',
      accountId: context.accountId,
      messageId: String(messageId),
      chat: { id: String(chatId), type: chatType, ...(title ? { title } : {}) },
      ...(threadId ? { threadId } : {}),
      sender: {
        id: String(senderId),
        ...(username ? { username } : {}),
        ...(displayName ? { displayName } : {}),
        ...(from['is_bot'] === true ? { isBot: true } : {}),
      },
      text: content,
      ...(chatType === 'direct' ? {} : { mentionsBot: repliesToBot || mentionsBot(content, entities, context.bot) }),
      ...(replyId === undefined ? {} : { replyToMessageId: String(replyId) }),
      ...(attachments.length > 0 ? { attachments } : {}),
      timestamp: date * 1000,
    },
  };
}

function mapChatType(type: string | undefined): InboundMessage['chat']['type'] | undefined {
  if (type === 'private') return 'direct';
  if (type === 'group' || type === 'supergroup') return 'group';
  if (type === 'channel') return 'channel';
  return undefined;
}

/** `@username` mention or bot_command entities naming the bot, a text_mention of its id, or the bare `@username`. */
export function mentionsBot(body: string, entities: unknown[], bot: { id: number; username?: string }): boolean {
  const handle = bot.username ? `@${bot.username.toLowerCase()}` : undefined;
  for (const entity of entities) {
    const item = record(entity);
    const offset = integer(item?.['offset']);
    const length = integer(item?.['length']);
    if (!item || offset === undefined || length === undefined) continue;
    const slice = body.slice(offset, offset + length).toLowerCase(); // offsets are UTF-16 units, like JS strings
    if (item['type'] === 'mention' && handle && slice === handle) return true;
    if (item['type'] === 'bot_command' && handle && slice.endsWith(handle)) return true;
    if (item['type'] === 'text_mention' && integer(record(item['user'])?.['id']) === bot.id) return true;
  }
  if (!handle) return false;
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])${escaped}(?![\\w])`, 'i').test(body);
}

function mapAttachments(message: Json, context: MapTelegramUpdateContext): InboundAttachment[] {
  const attachments: InboundAttachment[] = [];
  const add = (kind: InboundAttachment['kind'], file: Json | undefined, fallbackMime?: string) => {
    const fileId = text(file?.['file_id']);
    if (!file || !fileId) return;
    const mimeType = text(file['mime_type']) ?? fallbackMime;
    const fileName = text(file['file_name']);
    const size = integer(file['file_size']);
    attachments.push({
      kind,
      ...(mimeType ? { mimeType } : {}),
      ...(fileName ? { fileName } : {}),
      ...(size === undefined ? {} : { sizeBytes: size }),
      download: (signal) => context.download(fileId, signal),
    });
  };
  const photo = message['photo'];
  if (Array.isArray(photo) && photo.length > 0) {
    // Telegram lists the sizes smallest first; take the largest.
    const largest = photo.map(record).filter((size): size is Json => size !== undefined).sort((a, b) => area(a) - area(b)).at(-1);
    add('image', largest, 'image/jpeg');
  }
  add('voice', record(message['voice']), 'audio/ogg');
  add('audio', record(message['audio']), 'audio/mpeg');
  add('document', record(message['document']));
  add('video', record(message['video']), 'video/mp4');
  add('video', record(message['video_note']), 'video/mp4');
  add('video', record(message['animation']), 'video/mp4');
  add('sticker', record(message['sticker']), 'image/webp');
  return attachments;
}

const area = (size: Json): number => (integer(size['width']) ?? 0) * (integer(size['height']) ?? 0) || (integer(size['file_size']) ?? 0);
