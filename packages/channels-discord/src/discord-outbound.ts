import { ChannelError, type OutboundMessage, type OutboundTarget, type SentMessage } from '@rusty-claw/plugin-sdk';
import type { REST, RawFile, Routes } from 'discord.js';
import { chunkMarkdown } from './chunk-markdown.js';
import { uploadFileName } from './discord-attachments.js';
import { markdownToDiscord, type DiscordTableMode } from './markdown-to-discord.js';
import { toChannelError } from './to-channel-error.js';

/** Discord's limits: 2000 characters of content and 10 files per message. */
export const DISCORD_MAX_MESSAGE_LENGTH = 2000;
const MAX_FILES_PER_MESSAGE = 10;

export interface DiscordOutboundOptions {
  rest: REST;
  /** Characters per message (OpenClaw `textChunkLimit`, at most 2000). */
  limit: number;
  maxLines?: number | undefined;
  tables?: DiscordTableMode | undefined;
  /** Largest upload accepted (OpenClaw `mediaMaxMb`). */
  maxUploadBytes: number;
  /** Called after each message Discord created or edited (lastOutboundAt). */
  onSent(): void;
  /** Called when Discord answered 401 (the token is wrong or revoked). */
  onAuthRejected(): void;
}

interface MessageBody {
  content?: string;
  allowed_mentions: { parse: string[]; replied_user: boolean };
  message_reference?: { message_id: string; fail_if_not_exists: boolean };
  attachments?: Array<{ id: number; filename: string }>;
}

/**
 * Everything the bot writes: Markdown converted to Discord's dialect and chunked, posted to the thread when the
 * target has one, the first chunk replying to `replyToMessageId`, files uploaded (multipart) with the last text
 * chunk. Mentions never ping @everyone, @here or roles (`allowed_mentions`), whatever the model wrote.
 */
export class DiscordOutbound {
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly options: DiscordOutboundOptions) {}

  async send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage[]> {
    if (typeof message.text !== 'string') throw new ChannelError('discord', 'message text must be a string', { code: 'INVALID_MESSAGE' });
    const attachments = message.attachments ?? [];
    for (const attachment of attachments) {
      if (attachment.data.byteLength > this.options.maxUploadBytes) {
        throw new ChannelError('discord', `attachment ${uploadFileName(attachment, 0)} is ${attachment.data.byteLength} bytes, over the ${this.options.maxUploadBytes} byte limit (channels.discord.mediaMaxMb)`, {
          code: 'ATTACHMENT_TOO_LARGE',
        });
      }
    }
    const chunks = chunkMarkdown(markdownToDiscord(message.text, { tables: this.options.tables }), { limit: this.options.limit, maxLines: this.options.maxLines });
    const files: RawFile[] = attachments.map((attachment, index) => ({
      name: uploadFileName(attachment, index),
      data: Buffer.from(attachment.data.buffer, attachment.data.byteOffset, attachment.data.byteLength),
      contentType: attachment.mimeType,
    }));
    if (chunks.length === 0 && files.length === 0) throw new ChannelError('discord', 'nothing to send: the message has no text and no attachments', { code: 'EMPTY_MESSAGE' });
    const channelId = await this.channelFor(target);
    // Plan: one post per chunk; the files ride on the last chunk, ten per message, extra batches follow alone.
    const batches: RawFile[][] = [];
    for (let index = 0; index < files.length; index += MAX_FILES_PER_MESSAGE) batches.push(files.slice(index, index + MAX_FILES_PER_MESSAGE));
    const posts: Array<{ content?: string; files: RawFile[] }> = chunks.map((content) => ({ content, files: [] }));
    batches.forEach((batch, index) => {
      const last = posts.at(-1);
      if (index === 0 && last) last.files = batch;
      else posts.push({ files: batch });
    });
    const sent: SentMessage[] = [];
    for (const [index, post] of posts.entries()) {
      const body: MessageBody = { allowed_mentions: { parse: ['users'], replied_user: true } };
      if (post.content !== undefined) body.content = post.content;
      if (index === 0 && target.replyToMessageId) body.message_reference = { message_id: target.replyToMessageId, fail_if_not_exists: false };
      if (post.files.length > 0) body.attachments = post.files.map((file, id) => ({ id, filename: file.name }));
      const created = (await this.request('send a message', (rest, routes) =>
        rest.post(routes.channelMessages(channelId), { body, ...(post.files.length > 0 ? { files: post.files } : {}) }),
      )) as { id: string };
      sent.push({ chatId: target.chatId, messageId: created.id });
      this.options.onSent();
    }
    return sent;
  }

  async edit(target: OutboundTarget & { messageId: string }, text: string): Promise<void> {
    const content = markdownToDiscord(text, { tables: this.options.tables });
    if (content.length > this.options.limit) {
      throw new ChannelError('discord', `edited text is ${content.length} characters, over Discord's ${this.options.limit}; send the rest as a new message`, {
        code: 'TEXT_TOO_LONG',
      });
    }
    if (content.trim() === '') throw new ChannelError('discord', 'cannot edit a message to empty text', { code: 'EMPTY_MESSAGE' });
    const channelId = await this.channelFor(target);
    await this.request('edit a message', (rest, routes) =>
      rest.patch(routes.channelMessage(channelId, target.messageId), { body: { content, allowed_mentions: { parse: ['users'] } } }),
    );
    this.options.onSent();
  }

  async typing(target: OutboundTarget): Promise<void> {
    const channelId = await this.channelFor(target);
    await this.request('show typing', (rest, routes) => rest.post(routes.channelTyping(channelId)));
  }

  async react(target: OutboundTarget & { messageId: string }, emoji: string): Promise<void> {
    if (emoji.trim() === '') throw new ChannelError('discord', 'reaction emoji is empty', { code: 'INVALID_MESSAGE' });
    const channelId = await this.channelFor(target);
    await this.request('add a reaction', (rest, routes) =>
      rest.put(routes.channelMessageOwnReaction(channelId, target.messageId, encodeURIComponent(emoji.trim()))),
    );
  }

  /** The channel a target names: its thread, a DM opened for `user:<id>`, or the chat (`<id>` or `channel:<id>`). */
  private async channelFor(target: OutboundTarget): Promise<string> {
    if (target.threadId !== undefined) return this.snowflake(target.threadId, 'threadId');
    const user = /^user:(\d{1,20})$/.exec(target.chatId);
    if (user) {
      const userId = user[1] as string;
      const known = this.dmChannels.get(userId);
      if (known) return known;
      const channel = (await this.request('open a DM', (rest, routes) => rest.post(routes.userChannels(), { body: { recipient_id: userId } }))) as { id: string };
      this.dmChannels.set(userId, channel.id);
      return channel.id;
    }
    return this.snowflake(target.chatId.replace(/^channel:/, ''), 'chatId');
  }

  private snowflake(value: string, field: string): string {
    if (!/^\d{1,20}$/.test(value)) {
      throw new ChannelError('discord', `${field} "${value.slice(0, 64)}" is not a Discord channel id (digits, "channel:<id>" or "user:<id>")`, { code: 'INVALID_TARGET' });
    }
    return value;
  }

  private async request(action: string, run: (rest: REST, routes: typeof Routes) => Promise<unknown>): Promise<unknown> {
    const discord = await import('discord.js');
    try {
      return await run(this.options.rest, discord.Routes);
    } catch (error) {
      const channelError = toChannelError(error, action);
      if (channelError.statusCode === 401) this.options.onAuthRejected();
      throw channelError;
    }
  }
}
