import type { InboundMessage, Logger } from '@rusty-claw/plugin-sdk';
import { DedupeCache } from './dedupe-cache.js';
import type { TelegramAccessDecision } from './telegram-access.js';
import { mapTelegramUpdate, type MapTelegramUpdateContext } from './map-telegram-update.js';
import type { TelegramHealth } from './telegram-health.js';
import type { UpdateOutcome } from './telegram-polling.js';

export interface TelegramInboundPipelineOptions {
  health: TelegramHealth;
  logger: Logger;
  /** Read at call time: the bot identity is known only after getMe. */
  mapContext(): MapTelegramUpdateContext;
  onInbound(message: InboundMessage): Promise<void>;
  isRunning(): boolean;
  /** Channel-side access rules (groups, mention gating, disabled DMs); refused messages are acknowledged and dropped. */
  access(message: InboundMessage): TelegramAccessDecision;
  dedupeCapacity?: number;
}

/**
 * Update → InboundMessage → onInbound, shared by polling and webhook mode. A message is remembered as delivered only
 * after onInbound resolved; a redelivery of a remembered message is acknowledged without a second onInbound. Two
 * concurrent deliveries of the same message (a webhook retried while the first call still runs) share one onInbound.
 */
export class TelegramInboundPipeline {
  private readonly delivered: DedupeCache;
  private readonly inFlight = new Map<string, Promise<UpdateOutcome>>();

  constructor(private readonly options: TelegramInboundPipelineOptions) {
    this.delivered = new DedupeCache(options.dedupeCapacity ?? 2048);
  }

  async process(update: unknown): Promise<UpdateOutcome> {
    const mapped = mapTelegramUpdate(update, this.options.mapContext());
    if (mapped.kind === 'skip') {
      this.options.logger[mapped.level]({ updateId: mapped.updateId, reason: mapped.reason }, 'telegram update skipped');
      return 'done';
    }
    const decision = this.options.access(mapped.message);
    if (!decision.allowed) {
      this.options.logger.debug({ updateId: mapped.updateId, chatId: mapped.message.chat.id, senderId: mapped.message.sender.id, reason: decision.reason }, 'telegram message refused by access rules');
      return 'done';
    }
    const key = `${mapped.message.chat.id}:${mapped.message.messageId}`;
    if (this.delivered.has(key)) {
      this.options.logger.debug({ updateId: mapped.updateId, key }, 'telegram duplicate message ignored');
      return 'done';
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    const delivery = this.deliver(key, mapped.updateId, mapped.message);
    this.inFlight.set(key, delivery);
    try {
      return await delivery;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async deliver(key: string, updateId: number, message: InboundMessage): Promise<UpdateOutcome> {
    if (!this.options.isRunning()) return 'retry';
    try {
      await this.options.onInbound(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.logger.warn({ updateId, key, error: reason }, 'telegram inbound not stored; not acknowledged, will be redelivered');
      this.options.health.recordError(`inbound message not stored: ${reason}`);
      return 'retry';
    }
    this.delivered.add(key);
    this.options.health.lastInboundAt = Date.now();
    return 'done';
  }
}
