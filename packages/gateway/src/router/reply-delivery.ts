import type { Channel, Logger, OutboundTarget, SentMessage } from '@rusty-claw/plugin-sdk';
import { splitReplyText } from './split-reply-text.js';

export interface ReplyDeliveryOptions {
  channel: Channel;
  target: OutboundTarget;
  logger: Logger;
  /** Streaming drafts: the first draft goes out this long after text starts, later edits at most this often. */
  draftIntervalMs?: number;
  /** Typing indicator refresh (platforms drop it after ~5 s). */
  typingIntervalMs?: number;
}

/**
 * Shows one reply in a chat while the agent works: a typing indicator until something visible is sent, then, where
 * the channel can edit messages and streams drafts, a draft message edited as text arrives, finalised with the
 * complete reply. Without those capabilities the reply is one `send` at the end (the channel chunks it).
 */
export class ReplyDelivery {
  readonly channel: Channel;
  readonly #channel: Channel;
  readonly #target: OutboundTarget;
  readonly #logger: Logger;
  readonly #draftIntervalMs: number;
  readonly #typingIntervalMs: number;
  readonly #drafts: boolean;
  #typingTimer: NodeJS.Timeout | undefined;
  #draftTimer: NodeJS.Timeout | undefined;
  #draftId: string | undefined;
  #draftText = '';
  #latest = '';
  #flushing: Promise<void> = Promise.resolve();
  #finished = false;

  constructor(options: ReplyDeliveryOptions) {
    this.channel = options.channel;
    this.#channel = options.channel;
    this.#target = options.target;
    this.#logger = options.logger;
    this.#draftIntervalMs = options.draftIntervalMs ?? 1_000;
    this.#typingIntervalMs = options.typingIntervalMs ?? 4_000;
    const { capabilities } = options.channel;
    this.#drafts = capabilities.streamingDrafts && capabilities.edit && typeof options.channel.edit === 'function';
  }

  /** Starts the typing indicator (when the channel has one). */
  start(): void {
    if (!this.#channel.capabilities.typing || typeof this.#channel.typing !== 'function') return;
    const tick = (): void => {
      this.#channel.typing?.(this.#target).catch((error: unknown) => this.#logger.debug({ error: String(error) }, 'typing indicator failed'));
    };
    tick();
    this.#typingTimer = setInterval(tick, this.#typingIntervalMs);
    this.#typingTimer.unref();
  }

  /** The reply text so far (the whole text, not a delta). */
  update(text: string): void {
    if (!this.#drafts || this.#finished) return;
    this.#latest = text;
    if (this.#draftTimer === undefined && text.trim() !== '') {
      this.#draftTimer = setTimeout(() => {
        this.#draftTimer = undefined;
        this.#flushing = this.#flushing.then(() => this.#flushDraft());
      }, this.#draftIntervalMs);
      this.#draftTimer.unref();
    }
  }

  /** Sends (or finalises the draft with) the complete reply. Rejects when the channel could not send it. */
  async finish(text: string): Promise<SentMessage[]> {
    this.#finished = true;
    this.stop();
    await this.#flushing;
    const limit = this.#channel.capabilities.maxMessageLength;
    if (this.#draftId === undefined) return this.#channel.send(this.#target, { text });
    const draft = { ...this.#target, messageId: this.#draftId };
    const [head, rest] = splitReplyText(text, limit);
    if (head !== this.#draftText) await this.#channel.edit?.(draft, head);
    const sent: SentMessage[] = [{ chatId: this.#target.chatId, messageId: this.#draftId }];
    if (rest !== '') sent.push(...(await this.#channel.send(this.#target, { text: rest })));
    return sent;
  }

  /** Stops the timers (typing, pending draft); idempotent. */
  stop(): void {
    if (this.#typingTimer !== undefined) clearInterval(this.#typingTimer);
    if (this.#draftTimer !== undefined) clearTimeout(this.#draftTimer);
    this.#typingTimer = undefined;
    this.#draftTimer = undefined;
  }

  async #flushDraft(): Promise<void> {
    if (this.#finished) return;
    const limit = this.#channel.capabilities.maxMessageLength;
    const preview = this.#latest.length <= limit ? this.#latest : `${this.#latest.slice(0, Math.max(1, limit - 1))}…`;
    if (preview === this.#draftText || preview.trim() === '') return;
    try {
      if (this.#draftId === undefined) {
        const sent = await this.#channel.send(this.#target, { text: preview });
        this.#draftId = sent[0]?.messageId;
        // Something visible is in the chat now: the typing indicator has done its job.
        if (this.#typingTimer !== undefined) clearInterval(this.#typingTimer);
        this.#typingTimer = undefined;
      } else {
        await this.#channel.edit?.({ ...this.#target, messageId: this.#draftId }, preview);
      }
      this.#draftText = preview;
    } catch (error) {
      this.#logger.warn({ error: String(error) }, 'streaming draft update failed; the final reply is still sent');
    }
    // More text may have arrived while this update was in flight.
    if (!this.#finished && this.#latest !== this.#draftText) this.update(this.#latest);
  }
}
