import type { Logger } from '@rusty-claw/plugin-sdk';
import type { App } from '@slack/bolt';
import type { DeliveryDeduper } from '../inbound/delivery-deduper.js';
import { isRedeliverable } from './to-channel-error.js';

/** `redeliver`: do not acknowledge (Slack sends it again); everything else is acknowledged. */
export type DispatchOutcome = 'processed' | 'duplicate' | 'redeliver' | 'dropped';

export interface DispatchSlackEventOptions {
  app: App;
  /** Remembers event_ids that were processed, so Slack's retries of a whole event skip Bolt entirely. */
  events: DeliveryDeduper;
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
  logger: Logger;
  logFields: Record<string, unknown>;
}

/**
 * Runs one Events API body through Bolt with acknowledgement left to the caller. Bolt gets a no-op `ack` (it would
 * otherwise ack before the listeners run); the caller acks only when this resolves to something other than
 * `redeliver`, i.e. after our listener handed the message over durably.
 */
export async function dispatchSlackEvent(options: DispatchSlackEventOptions): Promise<DispatchOutcome> {
  const { app, body, logger, logFields } = options;
  const eventId = typeof body['event_id'] === 'string' ? body['event_id'] : undefined;
  const process = () =>
    app.processEvent({
      body,
      ack: async () => {},
      ...(options.retryNum === undefined ? {} : { retryNum: options.retryNum }),
      ...(options.retryReason === undefined ? {} : { retryReason: options.retryReason }),
    });
  try {
    if (eventId === undefined) {
      await process();
      return 'processed';
    }
    const outcome = await options.events.run(eventId, process);
    if (outcome === 'duplicate') logger.debug({ ...logFields, eventId, retryNum: options.retryNum }, 'slack event redelivery dropped (already processed)');
    return outcome === 'duplicate' ? 'duplicate' : 'processed';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isRedeliverable(error)) {
      logger.warn({ ...logFields, eventId, error: reason }, 'slack event not stored; not acknowledged, Slack will deliver it again');
      return 'redeliver';
    }
    // A malformed event would fail every retry too: take it and drop it.
    logger.warn({ ...logFields, eventId, error: reason }, 'malformed slack event could not be processed; acknowledged and dropped');
    return 'dropped';
  }
}
