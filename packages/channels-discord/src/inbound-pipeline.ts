import type { InboundMessage, Logger } from '@rusty-claw/plugin-sdk';
import { backoffDelay, sleep } from './backoff.js';
import { RecentKeys } from './recent-keys.js';

export interface InboundRetryOptions {
  /** First retry after about this long; doubles per attempt (with jitter). */
  baseMs: number;
  maxMs: number;
  /** Deliveries tried in total before the message is given up (and logged as lost). */
  maxAttempts: number;
}

export interface InboundPipelineOptions {
  logger: Logger;
  /** Aborted when the channel stops: nothing new is accepted and pending retries end. */
  signal: AbortSignal;
  /** `ChannelContext.onInbound`: resolves once the message is durable. */
  deliver(message: InboundMessage): Promise<void>;
  onDelivered?(message: InboundMessage): void;
  retry: InboundRetryOptions;
  /** How many delivered message keys are remembered for deduplication. */
  dedupeCapacity: number;
}

/** What prepare() returns: the message to deliver, or why it is dropped (access rules). */
export type PreparedInbound = { message: InboundMessage } | { dropped: string };

/**
 * Durable-before-ack for a platform without acks. Discord cannot redeliver a message the channel failed to hand
 * over, so the channel keeps it: a rejected onInbound is retried with backoff (bounded, then logged as lost),
 * messages of one chat are delivered in order (a later one waits for an earlier retry), and a key is remembered
 * only once onInbound resolved, so a redelivery after a RESUME is dropped but a message that never made it is not.
 */
export class InboundPipeline {
  private readonly delivered: RecentKeys;
  private readonly inFlight = new Set<string>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: InboundPipelineOptions) {
    this.delivered = new RecentKeys(options.dedupeCapacity);
  }

  /**
   * Queues a message for delivery in its chat's order. Returns false (and does nothing) for a duplicate: a key
   * delivered before or still being delivered.
   */
  submit(chatKey: string, dedupeKey: string, prepare: () => Promise<PreparedInbound>): boolean {
    if (this.options.signal.aborted) return false;
    if (this.delivered.has(dedupeKey) || this.inFlight.has(dedupeKey)) {
      this.options.logger.debug({ key: dedupeKey }, 'discord: duplicate message delivery dropped');
      return false;
    }
    this.inFlight.add(dedupeKey);
    const previous = this.queues.get(chatKey) ?? Promise.resolve();
    const next = previous.then(() => this.process(dedupeKey, prepare));
    this.queues.set(chatKey, next);
    void next.finally(() => {
      if (this.queues.get(chatKey) === next) this.queues.delete(chatKey);
    });
    return true;
  }

  /** Resolves when every queued message was delivered, dropped or given up (tests, orderly stop). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all(this.queues.values());
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async process(key: string, prepare: () => Promise<PreparedInbound>): Promise<void> {
    const { logger, retry, signal } = this.options;
    try {
      for (let attempt = 1; !signal.aborted; attempt += 1) {
        try {
          const prepared = await prepare();
          if ('dropped' in prepared) {
            logger.debug({ key, reason: prepared.dropped }, 'discord: message not delivered (access rules)');
            this.delivered.add(key);
            return;
          }
          await this.options.deliver(prepared.message);
          this.delivered.add(key);
          this.options.onDelivered?.(prepared.message);
          return;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (attempt >= retry.maxAttempts) {
            logger.error({ key, attempts: attempt, error: reason }, 'discord: inbound message lost: onInbound kept failing, giving up');
            return;
          }
          const delay = backoffDelay(attempt - 1, { baseMs: retry.baseMs, maxMs: retry.maxMs });
          logger.warn({ key, attempt, retryInMs: delay, error: reason }, 'discord: inbound message not stored; retrying');
          await sleep(delay, signal);
        }
      }
      logger.warn({ key }, 'discord: channel stopped before an inbound message was stored');
    } finally {
      this.inFlight.delete(key);
    }
  }
}
