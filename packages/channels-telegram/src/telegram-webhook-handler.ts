import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChannelHttpHandler, Logger } from '@rusty-claw/plugin-sdk';
import type { UpdateOutcome } from './telegram-polling.js';

export interface TelegramWebhookHandlerOptions {
  secret: string;
  logger: Logger;
  isRunning(): boolean;
  processUpdate(update: unknown): Promise<UpdateOutcome>;
  /** Largest accepted body (Telegram updates are a few KiB; default 1 MiB). */
  maxBodyBytes?: number;
}

/** Constant-time comparison of a presented secret with the expected one (hashing first hides the length too). */
export function secretMatches(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The webhook route. Telegram retries a delivery until it gets a 2xx, so the answer is the durability signal:
 * 200 only after onInbound resolved (or the update was a duplicate / skipped), 500 when it rejected (Telegram
 * redelivers), 503 while stopped. A missing or wrong `X-Telegram-Bot-Api-Secret-Token` is a 401 and the body is
 * not even read.
 */
export function createTelegramWebhookHandler(options: TelegramWebhookHandlerOptions): ChannelHttpHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return async (request, response) => {
    if (request.method !== 'POST') return reply(response, 405, 'method not allowed', { allow: 'POST' });
    if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], options.secret)) {
      options.logger.warn({ remoteAddress: request.socket.remoteAddress }, 'telegram webhook call with a missing or wrong secret token refused');
      request.resume();
      return reply(response, 401, 'unauthorized');
    }
    if (!options.isRunning()) {
      request.resume();
      return reply(response, 503, 'not running');
    }
    const body = await readBody(request, maxBodyBytes);
    if (body === 'too-large') return reply(response, 413, 'payload too large');
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      options.logger.warn({ bytes: body.length }, 'telegram webhook body is not JSON; refused');
      return reply(response, 400, 'body must be a JSON update');
    }
    try {
      const outcome = await options.processUpdate(update);
      if (outcome === 'done') return reply(response, 200, '');
      return reply(response, 500, 'not stored; retry later');
    } catch (error) {
      options.logger.error({ error: (error as Error).message }, 'telegram webhook update failed');
      return reply(response, 500, 'internal error');
    }
  };
}

function reply(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep draining past the limit (discarding) so the 413 can still be written on a healthy socket; the caller
  // already checked the secret, so only Telegram (or someone holding the secret) can send a large body.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  return size > maxBytes ? 'too-large' : Buffer.concat(chunks).toString('utf8');
}
