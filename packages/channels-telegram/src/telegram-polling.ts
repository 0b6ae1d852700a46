import type { Logger } from '@rusty-claw/plugin-sdk';
import type { Api } from 'grammy';
import { backoffDelay, sleep, type BackoffOptions } from './backoff-delay.js';
import { classifyTelegramError } from './classify-telegram-error.js';
import { grammySignal } from './grammy-signal.js';
import type { TelegramHealth } from './telegram-health.js';

/** What the channel does with one update: `done` (delivered, duplicate or skipped → advance), `retry` (not durable). */
export type UpdateOutcome = 'done' | 'retry';

export interface TelegramPollingOptions {
  api: Api;
  health: TelegramHealth;
  logger: Logger;
  signal: AbortSignal;
  /** getMe (cached after the first success); throws what grammY throws. */
  ensureIdentity(): Promise<void>;
  processUpdate(update: unknown): Promise<UpdateOutcome>;
  /** The token is invalid or revoked: the channel stops (no retry loop on a 401). */
  onUnauthorized(reason: string): void;
  pollTimeoutSeconds: number;
  /** A poll still unanswered after timeout + grace is treated as a dead (half-open) connection. */
  pollGraceMs: number;
  backoff: BackoffOptions;
  inboundRetry: BackoffOptions;
}

const ALLOWED_UPDATES = ['message', 'channel_post'] as const;

/**
 * The long-polling loop. grammY's `bot.start()` / runner confirm an update's offset as soon as it is fetched; we
 * need "advance only after onInbound resolved", so the loop calls `api.getUpdates` itself and keeps `offset` at the
 * first update not yet durable. When onInbound rejects, the loop stops the batch, waits (backoff), and polls again
 * with the same offset: Telegram hands the same update over again, so nothing is lost across retries or a crash.
 *
 * Failures: 401 → stop ("bot token invalid or revoked"); 409 → "another instance is polling", backoff; 429 → wait
 * retry_after; 5xx, dropped or stalled polls → connected false, reconnectCount + 1, backoff with jitter, retry.
 */
export async function runTelegramPolling(options: TelegramPollingOptions): Promise<void> {
  const { api, health, logger, signal } = options;
  let offset: number | undefined;
  let failures = 0;
  let inboundFailures = 0;
  let webhookCleared = false;
  // The first poll after (re)connecting asks with timeout 0: an immediate round trip proves the transport (honest
  // `connected` within one RTT) instead of after a full long-poll hold.
  let quick = true;
  while (!signal.aborted) {
    try {
      await options.ensureIdentity();
      if (!webhookCleared) {
        // A leftover webhook makes every getUpdates fail with 409; pending updates are kept (not dropped).
        await api.deleteWebhook({ drop_pending_updates: false }, grammySignal(signal));
        webhookCleared = true;
      }
      const updates = await pollOnce(options, offset, quick ? 0 : options.pollTimeoutSeconds);
      quick = false;
      if (failures > 0) logger.info({ failures }, 'telegram polling reconnected');
      health.markTransportOk();
      failures = 0;
      for (const update of updates) {
        if (signal.aborted) return; // stopped: nothing more reaches onInbound
        const outcome = await options.processUpdate(update);
        if (outcome === 'retry') {
          inboundFailures += 1;
          await sleep(backoffDelay(inboundFailures - 1, options.inboundRetry), signal);
          break; // offset unchanged: the next poll returns this update again
        }
        inboundFailures = 0;
        const id = updateIdOf(update);
        if (id !== undefined) offset = Math.max(offset ?? 0, id + 1);
      }
    } catch (error) {
      health.pollInFlight = false;
      quick = true;
      if (signal.aborted) return;
      const failure = classifyTelegramError(error);
      if (failure.kind === 'unauthorized' || (failure.statusCode === 404 && health.self === undefined)) {
        options.onUnauthorized(`bot token invalid or revoked (${failure.statusCode} ${failure.description})`);
        return;
      }
      if (failure.kind === 'conflict') {
        if (/webhook/i.test(failure.description)) webhookCleared = false;
        health.markTransportFailed(`another instance is polling this bot token (409: ${failure.description})`);
        logger.warn({ description: failure.description }, 'telegram getUpdates conflict: another instance is polling');
      } else if (failure.kind === 'rate-limit') {
        health.recordError(`rate limited by Telegram (429: ${failure.description})`);
        await sleep(failure.retryAfterMs ?? backoffDelay(failures, options.backoff), signal);
        continue;
      } else {
        health.markTransportFailed(`Telegram polling failed: ${failure.description}`);
        health.reconnectCount += 1;
        logger.warn({ kind: failure.kind, statusCode: failure.statusCode, description: failure.description }, 'telegram polling failed; reconnecting');
      }
      await sleep(backoffDelay(failures, options.backoff), signal);
      failures += 1;
    }
  }
}

async function pollOnce(options: TelegramPollingOptions, offset: number | undefined, timeoutSeconds: number): Promise<unknown[]> {
  const deadline = new AbortController();
  const onStop = () => deadline.abort();
  options.signal.addEventListener('abort', onStop, { once: true });
  const timer = setTimeout(() => deadline.abort(), timeoutSeconds * 1000 + options.pollGraceMs);
  options.health.pollInFlight = true;
  try {
    const updates: unknown = await options.api.getUpdates(
      { ...(offset === undefined ? {} : { offset }), timeout: timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
      grammySignal(deadline.signal),
    );
    // The answer is untrusted: anything but an array is treated like a failed poll.
    if (!Array.isArray(updates)) throw new Error('getUpdates answered something that is not a list of updates');
    return updates;
  } finally {
    options.health.pollInFlight = false;
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onStop);
  }
}

function updateIdOf(update: unknown): number | undefined {
  const id = typeof update === 'object' && update !== null ? (update as { update_id?: unknown }).update_id : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
}
