import type { InboundAttachment, InboundMessage } from '@rusty-claw/plugin-sdk';
import { discordMarkupToText } from './discord-markup-to-text.js';
import { VOICE_MESSAGE_FLAG, type DiscordAttachmentPayload, type DiscordMessage } from './discord-message-schema.js';

/** Where a message was written, resolved from the channel cache (or REST) before mapping. */
export interface DiscordChatInfo {
  kind: 'dm' | 'group-dm' | 'guild';
  /** The chat: the DM channel, the guild channel, or — for a thread — the thread's parent channel. */
  chatId: string;
  /** The thread's own channel id when the message was written in a thread. */
  threadId?: string | undefined;
  chatTitle?: string | undefined;
  guildName?: string | undefined;
}

export interface MapDiscordMessageContext {
  accountId: string;
  botId: string;
  chat: DiscordChatInfo;
  channelNames?: ReadonlyMap<string, string>;
  roleNames?: ReadonlyMap<string, string>;
  download(attachment: DiscordAttachmentPayload, signal?: AbortSignal): Promise<Uint8Array>;
}

/** The bot is addressed: mentioned by id, or the message replies to one of the bot's messages. */
export function mentionsDiscordBot(message: DiscordMessage, botId: string): boolean {
  if (message.mentions.some((user) => user.id === botId)) return true;
  if (message.content.includes(`<@${botId}>`) || message.content.includes(`<@!${botId}>`)) return true;
  return message.referenced_message?.author?.id === botId;
}

/** Mentions of someone other than the bot (users or roles; @everyone/@here do not count). */
export function mentionsOthers(message: DiscordMessage, botId: string): boolean {
  return message.mentions.some((user) => user.id !== botId) || message.mention_roles.length > 0;
}

function attachmentKind(attachment: DiscordAttachmentPayload, flags: number): InboundAttachment['kind'] {
  const type = attachment.content_type ?? '';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return (flags & VOICE_MESSAGE_FLAG) !== 0 ? 'voice' : 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'document';
}

/** A validated gateway message → the SDK's InboundMessage (chat, thread and sender kept apart). */
export function mapDiscordMessage(message: DiscordMessage, context: MapDiscordMessageContext): InboundMessage {
  const users = new Map(message.mentions.map((user) => [user.id, user.global_name ?? user.username ?? user.id] as const));
  const text = discordMarkupToText(message.content, {
    botId: context.botId,
    users,
    ...(context.channelNames ? { channels: context.channelNames } : {}),
    ...(context.roleNames ? { roles: context.roleNames } : {}),
  });
  const flags = message.flags ?? 0;
  const attachments = message.attachments.map((attachment): InboundAttachment => ({
    kind: attachmentKind(attachment, flags),
    ...(attachment.content_type ? { mimeType: attachment.content_type } : {}),
    fileName: attachment.filename,
    ...(attachment.size !== undefined ? { sizeBytes: attachment.size } : {}),
    download: (signal?: AbortSignal) => context.download(attachment, signal),
  }));
  const displayName = message.member?.nick ?? message.author.global_name ?? message.author.username;
  const timestamp = Date.parse(message.timestamp);
  const replyTo = message.type === 19 ? (message.message_reference?.message_id ?? message.referenced_message?.id) : undefined;
  return {
    channel: 'discord',
    accountId: context.accountId,
    messageId: message.id,
    chat: {
      id: context.chat.chatId,
      type: context.chat.kind === 'dm' ? 'direct' : 'group',
      ...(context.chat.chatTitle ? { title: context.chat.chatTitle } : {}),
    },
    ...(context.chat.threadId ? { threadId: context.chat.threadId } : {}),
    sender: {
      id: message.author.id,
      ...(message.author.username ? { username: message.author.username } : {}),
      ...(displayName ? { displayName } : {}),
      ...(message.author.bot ? { isBot: true } : {}),
    },
    text,
    ...(message.guild_id ? { guildId: message.guild_id, memberRoleIds: message.member?.roles ?? [] } : {}),
    ...(context.chat.kind === 'dm' ? {} : { mentionsBot: mentionsDiscordBot(message, context.botId) }),
    ...(replyTo ? { replyToMessageId: replyTo } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    timestamp: Number.isNaN(timestamp) ? Date.now() : timestamp,
  };
}
