import type { InboundAttachment, InboundMessage } from '@rusty-claw/plugin-sdk';
import { z } from 'zod';
import { slackToPlainText } from '../format/slack-to-plain-text.js';

const fileSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  title: z.string().optional(),
  mimetype: z.string().optional(),
  size: z.number().optional(),
  url_private: z.string().optional(),
  url_private_download: z.string().optional(),
  subtype: z.string().optional(),
});
export type SlackFile = z.infer<typeof fileSchema>;

const messageSchema = z.looseObject({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().regex(/^\d+\.\d+$/),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
  hidden: z.boolean().optional(),
  files: z.array(fileSchema).optional(),
});

/**
 * Message subtypes that are a person (or, with allowBots, a bot) saying something. Everything else — edits
 * (`message_changed`), deletions, joins/leaves, topic changes, the bot's own echoes — is not a new message.
 */
const CONVERSATIONAL_SUBTYPES = new Set(['file_share', 'thread_broadcast', 'me_message', 'bot_message']);

export interface MapSlackMessageContext {
  accountId: string;
  botUserId: string;
  botId?: string;
  /** Accept messages written by other bots (OpenClaw's `allowBots`). */
  allowBots: boolean;
  /** Names for `@mentions` in the plain text (includes the bot's own). */
  userNames?: ReadonlyMap<string, string>;
  /** Builds the download function of an attachment (through the bot token). */
  download(file: SlackFile): (signal?: AbortSignal) => Promise<Uint8Array>;
}

export type SlackMessageMapping = { kind: 'message'; message: InboundMessage } | { kind: 'skip'; reason: string };

/** Maps a Slack `message`/`app_mention` event to an InboundMessage, or says why it is not one. */
export function mapSlackMessage(event: unknown, context: MapSlackMessageContext): SlackMessageMapping {
  const parsed = messageSchema.safeParse(event);
  if (!parsed.success) return { kind: 'skip', reason: `malformed message event: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`).join('; ')}` };
  const message = parsed.data;
  if (message.hidden === true) return { kind: 'skip', reason: 'hidden message' };
  if (message.subtype !== undefined && !CONVERSATIONAL_SUBTYPES.has(message.subtype)) return { kind: 'skip', reason: `subtype ${message.subtype}` };
  const fromSelf = message.user === context.botUserId || (message.bot_id !== undefined && message.bot_id === context.botId);
  if (fromSelf) return { kind: 'skip', reason: 'own message' };
  const isBot = message.bot_id !== undefined || message.subtype === 'bot_message';
  if (isBot && !context.allowBots) return { kind: 'skip', reason: 'message from another bot (allowBots is off)' };
  const senderId = message.user ?? message.bot_id;
  if (senderId === undefined) return { kind: 'skip', reason: 'message without a sender' };

  const rawText = message.text ?? '';
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const mentionsBot =
    message.type === 'app_mention' ||
    rawText.includes(`<@${context.botUserId}>`) ||
    rawText.includes(`<@${context.botUserId}|`) ||
    // A reply in a thread the bot started is addressed to the bot (OpenClaw's implicit thread mention).
    (inThread && message.parent_user_id === context.botUserId);
  const chatType = chatTypeOf(message.channel_type, message.channel);
  const attachments = (message.files ?? []).flatMap((file) => attachmentOf(file, context));
  const inbound: InboundMessage = {
    channel: 'slack',
    accountId: context.accountId,
    messageId: message.ts,
    chat: { id: message.channel, type: chatType },
    sender: { id: senderId, ...(isBot ? { isBot: true } : {}) },
    text: slackToPlainText(rawText, context.userNames === undefined ? {} : { userNames: context.userNames }),
    timestamp: Math.round(Number(message.ts) * 1000),
  };
  if (chatType !== 'direct') inbound.mentionsBot = mentionsBot;
  if (inThread && message.thread_ts !== undefined) {
    inbound.threadId = message.thread_ts;
    inbound.replyToMessageId = message.thread_ts;
  }
  if (attachments.length > 0) inbound.attachments = attachments;
  return { kind: 'message', message: inbound };
}

/**
 * OpenClaw's mapping (so session keys match): `im` → direct, `mpim` → group, public and private channels →
 * channel. `app_mention` events carry no `channel_type`, so the id prefix decides (D… is a DM).
 */
export function chatTypeOf(channelType: string | undefined, channelId: string): InboundMessage['chat']['type'] {
  const type = channelType ?? (channelId.startsWith('D') ? 'im' : 'channel');
  if (type === 'im' || channelId.startsWith('D')) return 'direct';
  if (type === 'mpim') return 'group';
  return 'channel';
}

function attachmentOf(file: SlackFile, context: MapSlackMessageContext): InboundAttachment[] {
  // Files from Slack Connect or deleted files come without a URL; there is nothing to download.
  if (file.url_private_download === undefined && file.url_private === undefined) return [];
  const mimeType = file.mimetype ?? 'application/octet-stream';
  const attachment: InboundAttachment = { kind: kindOf(mimeType, file.subtype), mimeType, download: context.download(file) };
  const fileName = file.name ?? file.title;
  if (fileName !== undefined) attachment.fileName = fileName;
  if (file.size !== undefined) attachment.sizeBytes = file.size;
  return [attachment];
}

function kindOf(mimeType: string, subtype: string | undefined): InboundAttachment['kind'] {
  if (subtype === 'slack_audio') return 'voice';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'document';
}
