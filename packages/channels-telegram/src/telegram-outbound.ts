import { ChannelError, type Logger, type OutboundAttachment, type OutboundMessage, type OutboundTarget, type SentMessage } from '@rusty-claw/plugin-sdk';
import type { Api, InputFile } from 'grammy';
import { sleep } from './backoff-delay.js';
import { grammySignal, type GrammySignal } from './grammy-signal.js';
import { chunkMarkdown } from './chunk-markdown.js';
import { classifyTelegramError, toChannelError } from './classify-telegram-error.js';
import { markdownToTelegramHtml } from './markdown-to-telegram-html.js';
import type { TelegramHealth } from './telegram-health.js';

/** Telegram's limits: 4096 characters per message text, 1024 per media caption (after entity parsing). */
export const TELEGRAM_MAX_MESSAGE_LENGTH = 4096;
export const TELEGRAM_MAX_CAPTION_LENGTH = 1024;

export interface TelegramOutboundOptions {
  api: Api;
  InputFile: typeof InputFile;
  health: TelegramHealth;
  logger: Logger;
  /** Chunk size measured on the rendered HTML (≤ 4096; OpenClaw's textChunkLimit, default 4000). */
  chunkLimit: number;
  linkPreview: boolean | undefined;
  /** Longest 429 retry_after the sender waits out before giving up with a retryable ChannelError. */
  maxRateLimitWaitMs: number;
  signal: AbortSignal;
}

export interface RenderedChunk {
  markdown: string;
  html: string;
}

/** Markdown → chunks of Telegram HTML, each at most `limit` characters of HTML (so also of visible text). */
export function renderTelegramChunks(markdown: string, limit: number): RenderedChunk[] {
  return chunkMarkdown(markdown, { limit, measure: (chunk) => markdownToTelegramHtml(chunk).length }).map((chunk) => ({
    markdown: chunk,
    html: markdownToTelegramHtml(chunk),
  }));
}

const MEDIA_METHOD = { image: 'sendPhoto', document: 'sendDocument', voice: 'sendVoice', audio: 'sendAudio', video: 'sendVideo' } as const;

/** Sends, edits, reacts and shows typing through grammY's Api, with Telegram HTML and 429 handling. */
export class TelegramOutbound {
  constructor(private readonly options: TelegramOutboundOptions) {}

  async send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage[]> {
    const attachments = message.attachments ?? [];
    const text = message.text ?? '';
    if (text.trim() === '' && attachments.length === 0) throw new ChannelError('telegram', 'nothing to send: empty text and no attachments', { code: 'CHANNEL_BAD_REQUEST' });
    const chunks = text.trim() === '' ? [] : renderTelegramChunks(text, this.options.chunkLimit);
    const sent: SentMessage[] = [];
    let replyPending = target.replyToMessageId;
    const replyParameters = () => {
      if (replyPending === undefined) return {};
      const messageId = Number(replyPending);
      replyPending = undefined; // only the first message of a reply quotes the original
      return { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
    };
    // One attachment with a short text: send it as the media caption (one message instead of two).
    const caption = attachments.length === 1 && chunks.length === 1 && (chunks[0] as RenderedChunk).html.length <= TELEGRAM_MAX_CAPTION_LENGTH ? chunks.pop() : undefined;
    for (const chunk of chunks) {
      const result = await this.sendText(target, chunk, replyParameters());
      sent.push({ chatId: target.chatId, messageId: String(result.message_id) });
    }
    for (const attachment of attachments) {
      const result = await this.sendMedia(target, attachment, caption, replyParameters());
      sent.push({ chatId: target.chatId, messageId: String(result.message_id) });
    }
    this.options.health.lastOutboundAt = Date.now();
    return sent;
  }

  /** Edits a draft in place (streaming). A text longer than one message is cut to its first chunk. */
  async edit(target: OutboundTarget & { messageId: string }, text: string): Promise<void> {
    const [first] = renderTelegramChunks(text.trim() === '' ? '…' : text, this.options.chunkLimit);
    const chunk = first as RenderedChunk;
    try {
      await this.call('editMessageText', (signal) =>
        this.options.api.editMessageText(target.chatId, Number(target.messageId), chunk.html, { parse_mode: 'HTML', ...this.linkPreview() }, signal),
      );
    } catch (error) {
      // Editing to the same text is a no-op for us, an error for Telegram.
      if (ChannelError.isInstance(error) && /message is not modified/i.test(error.message)) return;
      if (!isEntityError(error)) throw error;
      await this.call('editMessageText', (signal) => this.options.api.editMessageText(target.chatId, Number(target.messageId), chunk.markdown, {}, signal));
    }
    this.options.health.lastOutboundAt = Date.now();
  }

  async typing(target: OutboundTarget): Promise<void> {
    await this.call('sendChatAction', (signal) => this.options.api.sendChatAction(target.chatId, 'typing', threadParameters(target), signal));
  }

  async react(target: OutboundTarget & { messageId: string }, emoji: string): Promise<void> {
    await this.call('setMessageReaction', (signal) =>
      this.options.api.setMessageReaction(target.chatId, Number(target.messageId), [{ type: 'emoji', emoji } as never], {}, signal),
    );
  }

  private async sendText(target: OutboundTarget, chunk: RenderedChunk, reply: object) {
    const common = { ...threadParameters(target), ...reply, ...this.linkPreview() };
    try {
      return await this.call('sendMessage', (signal) => this.options.api.sendMessage(target.chatId, chunk.html, { parse_mode: 'HTML', ...common }, signal));
    } catch (error) {
      if (!isEntityError(error)) throw error;
      // Our HTML should always parse; if Telegram disagrees, the words matter more than the formatting.
      this.options.logger.warn({ chatId: target.chatId, error: (error as Error).message }, 'telegram rejected HTML; resending as plain text');
      return await this.call('sendMessage', (signal) => this.options.api.sendMessage(target.chatId, chunk.markdown, common, signal));
    }
  }

  private async sendMedia(target: OutboundTarget, attachment: OutboundAttachment, caption: RenderedChunk | undefined, reply: object) {
    const method = MEDIA_METHOD[attachment.kind];
    const file = new this.options.InputFile(attachment.data, attachment.fileName ?? defaultFileName(attachment));
    const other = { ...threadParameters(target), ...reply, ...(caption ? { caption: caption.html, parse_mode: 'HTML' as const } : {}) };
    const api = this.options.api;
    return await this.call<{ message_id: number }>(method, (signal) => {
      switch (attachment.kind) {
        case 'image':
          return api.sendPhoto(target.chatId, file, other, signal);
        case 'document':
          return api.sendDocument(target.chatId, file, other, signal);
        case 'voice':
          return api.sendVoice(target.chatId, file, other, signal);
        case 'audio':
          return api.sendAudio(target.chatId, file, other, signal);
        case 'video':
          return api.sendVideo(target.chatId, file, other, signal);
      }
    });
  }

  private linkPreview() {
    return this.options.linkPreview === false ? { link_preview_options: { is_disabled: true } } : {};
  }

  /**
   * One Bot API call with 429 handling: waits out `retry_after` (up to maxRateLimitWaitMs, at most 3 attempts; a
   * 429 means Telegram did not send, so retrying cannot duplicate). Other failures are not retried here: a 5xx may
   * have sent the message already. Errors become typed ChannelErrors.
   */
  private async call<T>(method: string, run: (signal: GrammySignal) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await run(grammySignal(this.options.signal));
      } catch (error) {
        const failure = classifyTelegramError(error);
        const wait = failure.retryAfterMs ?? 1000;
        if (failure.kind === 'rate-limit' && attempt < 2 && wait <= this.options.maxRateLimitWaitMs && !this.options.signal.aborted) {
          this.options.logger.warn({ method, retryAfterMs: wait }, 'telegram rate limit; waiting retry_after');
          await sleep(wait, this.options.signal);
          continue;
        }
        const typed = toChannelError(method, error);
        if (failure.kind === 'unauthorized') this.options.health.recordError('bot token invalid or revoked (401 Unauthorized)');
        throw typed;
      }
    }
  }
}

function threadParameters(target: OutboundTarget): { message_thread_id?: number } {
  // The General topic of a forum (id 1) rejects an explicit message_thread_id; messages go there without one.
  if (target.threadId === undefined || target.threadId === '1') return {};
  const threadId = Number(target.threadId);
  return Number.isInteger(threadId) ? { message_thread_id: threadId } : {};
}

function isEntityError(error: unknown): boolean {
  return ChannelError.isInstance(error) && error.statusCode === 400 && /can't parse entities|can't find end tag|unsupported start tag/i.test(error.message);
}

function defaultFileName(attachment: OutboundAttachment): string {
  const extension = attachment.mimeType.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
  return `${attachment.kind}.${extension === 'jpeg' ? 'jpg' : extension}`;
}
