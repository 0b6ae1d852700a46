import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChannelHttpHandler, Logger } from '@rusty-claw/plugin-sdk';
import type { App, Receiver } from '@slack/bolt';
import { DeliveryDeduper } from '../inbound/delivery-deduper.js';
import { dispatchSlackEvent } from '../transport/dispatch-slack-event.js';
import { verifySlackSignature, type SlackSignatureFailure } from './verify-slack-signature.js';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  logFields: Record<string, unknown>;
  /** Larger bodies are refused with 413 before they are verified (Slack's events are a few KB). */
  maxBodyBytes?: number;
  now?: () => number;
}

const REFUSALS: Record<SlackSignatureFailure, string> = {
  missing_headers: 'missing Slack signature headers',
  malformed_timestamp: 'malformed x-slack-request-timestamp',
  stale_timestamp: 'request timestamp too old (replay refused)',
  future_timestamp: 'request timestamp too far in the future',
  bad_signature: 'invalid signature',
};

/**
 * A Bolt receiver for the HTTP Events API that lives on the gateway's own HTTP server (its `handler` is registered
 * with `context.registerHttpRoute`); Bolt never opens a port.
 *
 * Each POST is checked before anything else: signature (HMAC-SHA256 over `v0:${ts}:${rawBody}`, constant-time) and
 * timestamp (±5 minutes, replays refused). `url_verification` is answered with its challenge. An event is handed to
 * `App.processEvent`, and the HTTP 200 is written only after it resolved — i.e. after our listener's `onInbound`
 * made the message durable. If it rejected, the answer is 500 and Slack retries (`x-slack-retry-num`); the listener
 * deduplicates those retries.
 */
export class SlackHttpReceiver implements Receiver {
  #app: App | undefined;
  #accepting = false;
  readonly #events = new DeliveryDeduper(2000);

  constructor(private readonly options: SlackHttpReceiverOptions) {}

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<void> {
    this.#accepting = true;
  }

  async stop(): Promise<void> {
    this.#accepting = false;
  }

  readonly handler: ChannelHttpHandler = async (request, response) => {
    try {
      await this.#handle(request, response);
    } catch (error) {
      this.options.logger.error({ ...this.options.logFields, error: error instanceof Error ? error.message : String(error) }, 'slack http event handling failed');
      if (!response.headersSent) reply(response, 500, 'internal error');
    }
  };

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { logger, logFields } = this.options;
    if (!this.#accepting || this.#app === undefined) return reply(response, 503, 'channel not running');
    if (request.method !== 'POST') return reply(response, 405, 'method not allowed');
    const raw = await readLimited(request, this.options.maxBodyBytes ?? 1024 * 1024);
    if (raw === undefined) return reply(response, 413, 'payload too large');
    const check = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      timestamp: header(request, 'x-slack-request-timestamp'),
      signature: header(request, 'x-slack-signature'),
      rawBody: raw,
      nowMs: (this.options.now ?? Date.now)(),
    });
    if (!check.ok) {
      logger.warn({ ...logFields, reason: check.reason, remote: request.socket.remoteAddress }, 'slack http request refused');
      return reply(response, 401, REFUSALS[check.reason]);
    }
    const body = parseBody(raw.toString('utf8'), header(request, 'content-type') ?? '');
    if (body === undefined) return reply(response, 400, 'unparseable body');
    if (body['ssl_check'] !== undefined) return reply(response, 200, '');
    if (body['type'] === 'url_verification') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ challenge: typeof body['challenge'] === 'string' ? body['challenge'] : '' }));
      return;
    }
    if (body['type'] !== 'event_callback') {
      // Slash commands and interactivity are not handled yet: answer 200 so Slack shows the user no error.
      logger.debug({ ...logFields, type: body['type'] }, 'slack http payload not handled');
      return reply(response, 200, '');
    }
    const retryNum = Number(header(request, 'x-slack-retry-num') ?? Number.NaN);
    const retryReason = header(request, 'x-slack-retry-reason');
    const outcome = await dispatchSlackEvent({
      app: this.#app,
      events: this.#events,
      body,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason === undefined ? {} : { retryReason }),
      logger,
      logFields,
    });
    if (outcome === 'redeliver') return reply(response, 500, 'not stored');
    reply(response, 200, '');
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

async function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Events arrive as JSON; interactivity as `payload=<json>` and slash commands as plain form fields. */
function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(raw));
      return typeof form['payload'] === 'string' ? (JSON.parse(form['payload']) as Record<string, unknown>) : form;
    }
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
