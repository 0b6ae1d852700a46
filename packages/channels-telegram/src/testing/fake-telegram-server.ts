import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { FakeTelegramMessages, apiError, buildInjectedMessage, ok, type BotApiAnswer } from './fake-telegram-messages.js';
import type {
  FakeTelegramCall,
  FakeTelegramFault,
  FakeTelegramFile,
  FakeTelegramInjectMessage,
  FakeTelegramServerOptions,
} from './fake-telegram-types.js';
import { parseParams, send } from './fake-telegram-http.js';
import { postWebhookUpdate, pushUpdatesToWebhook } from './fake-telegram-webhook.js';
import { FakeTelegramFaultQueue } from './fake-telegram-faults.js';

interface HeldPoll {
  response: ServerResponse;
  offset: number | undefined;
  limit: number;
  timer: NodeJS.Timeout;
}

/**
 * A fake Telegram Bot API server on 127.0.0.1 speaking the real HTTP wire format (`/bot<token>/<method>`, JSON or
 * multipart bodies, `{ok, result}` answers). getUpdates long-polls like Telegram: the request is held up to
 * `timeout` seconds and answered as soon as an update is injected; calling it with `offset` confirms (forgets)
 * every update with a smaller id; a second concurrent getUpdates terminates the first with 409. Records every call.
 */
export class FakeTelegramServer {
  readonly token: string;
  readonly bot: { id: number; username: string; first_name: string };
  readonly calls: FakeTelegramCall[] = [];
  readonly messages: FakeTelegramMessages;
  /** setWebhook state (url + secret_token) — getUpdates answers 409 while a webhook is set, as Telegram does. */
  webhook: { url: string; secretToken?: string } | undefined;
  private readonly updates: Array<{ id: number; body: unknown }> = [];
  private readonly files = new Map<string, { meta: FakeTelegramFile; data: Buffer }>();
  private readonly sockets = new Set<Socket>();
  private readonly faults = new FakeTelegramFaultQueue();
  private held: HeldPoll | undefined;
  private dropNextPoll = false;
  private stallNextPoll = false;
  private revoked = false;
  private nextUpdateId = 100;
  private server: Server | undefined;
  private root = '';
  private readonly waiters = new Set<() => void>();
  private readonly webhookRetryMs: number;
  private pushing = false;
  private closed = false;
  /** Status codes the webhook endpoint answered to pushed updates, in order. */
  readonly webhookDeliveries: Array<{ updateId: number; status: number }> = [];

  constructor(options: FakeTelegramServerOptions = {}) {
    this.token = options.token ?? `${options.botId ?? 777000}:AAF${randomBytes(12).toString('hex')}`;
    this.bot = { id: options.botId ?? 777000, username: options.botUsername ?? 'rusty_test_bot', first_name: 'Rusty' };
    this.messages = new FakeTelegramMessages(this.bot);
    this.webhookRetryMs = options.webhookRetryMs ?? 100;
  }

  /** Listens on 127.0.0.1:0; resolves to the apiRoot to give grammY (`http://127.0.0.1:PORT`, no trailing slash). */
  async start(): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('fake Telegram server has no port');
    this.server = server;
    this.root = `http://127.0.0.1:${address.port}`;
    return this.root;
  }

  get apiRoot(): string {
    if (!this.root) throw new Error('call start() first');
    return this.root;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.held) clearTimeout(this.held.timer);
    this.held = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Queues a raw update (any JSON object; `update_id` is assigned unless given). Returns its update_id. */
  injectUpdate(body: Record<string, unknown>): number {
    const id = typeof body['update_id'] === 'number' ? body['update_id'] : this.nextUpdateId++;
    this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    this.updates.push({ id, body: { ...body, update_id: id } });
    this.flushHeldPoll();
    if (this.webhook) void this.pushWebhook();
    return id;
  }

  /** Queues a realistic message update (private chat, group, forum topic, media…). */
  injectMessage(input: FakeTelegramInjectMessage): { updateId: number; messageId: number } {
    const messageId = input.messageId ?? this.messages.allocateMessageId();
    const updateId = this.injectUpdate({ [input.updateKind ?? 'message']: buildInjectedMessage(input, this.bot, messageId) });
    return { updateId, messageId };
  }

  /** Registers bytes the bot may download (getFile + /file/bot<token>/<path>). */
  addFile(data: Uint8Array, options: { extension?: string } = {}): FakeTelegramFile {
    const id = randomBytes(6).toString('hex');
    const meta = { file_id: `file-${id}`, file_unique_id: `u-${id}`, file_size: data.byteLength, file_path: `documents/${id}.${options.extension ?? 'bin'}` };
    this.files.set(meta.file_id, { meta, data: Buffer.from(data) });
    return meta;
  }

  fault(fault: FakeTelegramFault): void {
    if (fault.kind === 'unauthorized') this.revoked = true;
    else if (fault.kind === 'stall-poll') this.stallNextPoll = true;
    else if (fault.kind === 'drop-poll') {
      if (this.held) this.held.response.socket?.destroy();
      else this.dropNextPoll = true;
    } else this.faults.push(fault);
  }

  restoreToken(): void {
    this.revoked = false;
  }

  /** Updates not yet confirmed by an offset (what Telegram would still deliver). */
  pendingUpdateIds(): number[] {
    return this.updates.map((update) => update.id);
  }

  callsTo(method: string): FakeTelegramCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves once `method` was called at least `count` times (rejects after `timeoutMs`). */
  async waitForCalls(method: string, count = 1, timeoutMs = 4000): Promise<FakeTelegramCall[]> {
    const done = () => this.callsTo(method).length >= count;
    if (done()) return this.callsTo(method);
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake Telegram: ${method} called ${this.callsTo(method).length} times, expected ${count}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
    return this.callsTo(method);
  }

  /** Pushes pending updates to the webhook in order; a non-2xx (or no answer) is retried until it succeeds. */
  private async pushWebhook(): Promise<void> {
    if (this.pushing) return;
    this.pushing = true;
    try {
      await pushUpdatesToWebhook({
        next: () => (this.closed || !this.webhook ? undefined : this.updates[0]),
        webhook: () => this.webhook,
        delivered: (update, status) => {
          this.webhookDeliveries.push({ updateId: update.id, status });
          if (status >= 200 && status < 300) this.updates.splice(this.updates.indexOf(update), 1);
        },
        retryMs: this.webhookRetryMs,
      });
    } finally {
      this.pushing = false;
    }
  }

  /** Webhook mode: POSTs an update to the URL given to setWebhook, with the secret header (or `secret` instead). */
  async deliverWebhook(body: Record<string, unknown>, options: { secret?: string | null } = {}): Promise<{ status: number; text: string }> {
    if (!this.webhook) throw new Error('no webhook is set');
    const id = typeof body['update_id'] === 'number' ? body['update_id'] : this.nextUpdateId++;
    const secret = options.secret === undefined ? this.webhook.secretToken : options.secret;
    return postWebhookUpdate(this.webhook.url, secret ?? undefined, { ...body, update_id: id });
  }

  /** A message update body for deliverWebhook. */
  messageUpdate(input: FakeTelegramInjectMessage): Record<string, unknown> {
    const messageId = input.messageId ?? this.messages.allocateMessageId();
    return { [input.updateKind ?? 'message']: buildInjectedMessage(input, this.bot, messageId) };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (request.method === 'GET' && fileMatch) return this.serveFile(fileMatch[1] as string, decodeURIComponent(fileMatch[2] as string), response);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(response, apiError(404, 'Not Found'));
    const call: FakeTelegramCall = { method: match[2] as string, params: {}, files: [], authorized: match[1] === this.token && !this.revoked, at: Date.now() };
    try {
      const parsed = parseParams(request.headers['content-type'] ?? '', body, url.searchParams);
      call.params = parsed.params;
      call.files = parsed.files;
    } catch (error) {
      this.record(call);
      return send(response, apiError(400, `Bad Request: ${(error as Error).message}`));
    }
    this.record(call);
    if (!call.authorized) return send(response, apiError(401, 'Unauthorized'));
    const fault = this.faults.take(call.method);
    if (fault) return send(response, fault);
    if (call.method === 'getUpdates') return this.getUpdates(call, response);
    send(response, this.dispatch(call));
  }

  private dispatch(call: FakeTelegramCall): BotApiAnswer {
    switch (call.method) {
      case 'getMe':
        return ok({ ...this.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'deleteWebhook':
        this.webhook = undefined;
        if (call.params['drop_pending_updates'] === true) this.updates.splice(0);
        return ok(true);
      case 'setWebhook': {
        const url = call.params['url'];
        if (typeof url !== 'string' || url === '') return apiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        const secret = call.params['secret_token'];
        if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) return apiError(400, 'Bad Request: secret token contains unallowed characters');
        this.webhook = { url, ...(typeof secret === 'string' ? { secretToken: secret } : {}) };
        setImmediate(() => void this.pushWebhook()); // updates queued while no webhook was set go out now
        return ok(true);
      }
      case 'getWebhookInfo':
        return ok({ url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.updates.length });
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
      case 'sendAudio':
      case 'sendVideo':
        return this.messages.send(call);
      case 'editMessageText':
        return this.messages.edit(call);
      case 'sendChatAction':
      case 'setMessageReaction':
      case 'setMyCommands':
        return ok(true);
      case 'getFile': {
        const file = this.files.get(String(call.params['file_id'] ?? ''));
        return file ? ok(file.meta) : apiError(400, 'Bad Request: invalid file_id');
      }
      default:
        return apiError(404, 'Not Found');
    }
  }

  private getUpdates(call: FakeTelegramCall, response: ServerResponse): void {
    if (this.webhook) return send(response, apiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
    if (this.held) {
      // Telegram ends the older of two concurrent long polls.
      clearTimeout(this.held.timer);
      send(this.held.response, apiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
      this.held = undefined;
    }
    const offset = call.params['offset'] === undefined ? undefined : Number(call.params['offset']);
    const limit = Math.min(100, Math.max(1, Number(call.params['limit'] ?? 100)));
    const timeout = Math.max(0, Number(call.params['timeout'] ?? 0));
    if (offset !== undefined && offset > 0) this.confirm(offset);
    if (this.dropNextPoll) {
      this.dropNextPoll = false;
      response.socket?.destroy();
      return;
    }
    if (this.stallNextPoll) {
      this.stallNextPoll = false;
      return; // the socket stays open and silent until the client gives up (or close() destroys it)
    }
    const ready = this.select(offset, limit);
    if (ready.length > 0 || timeout === 0) return send(response, ok(ready));
    const timer = setTimeout(() => {
      if (this.held?.response !== response) return;
      this.held = undefined;
      send(response, ok([]));
    }, timeout * 1000);
    this.held = { response, offset, limit, timer };
    response.on('close', () => {
      if (this.held?.response !== response) return;
      clearTimeout(timer);
      this.held = undefined;
    });
  }

  private flushHeldPoll(): void {
    const held = this.held;
    if (!held) return;
    const ready = this.select(held.offset, held.limit);
    if (ready.length === 0) return;
    clearTimeout(held.timer);
    this.held = undefined;
    send(held.response, ok(ready));
  }

  private confirm(offset: number): void {
    for (let index = this.updates.length - 1; index >= 0; index -= 1) if ((this.updates[index] as { id: number }).id < offset) this.updates.splice(index, 1);
  }

  private select(offset: number | undefined, limit: number): unknown[] {
    const from = offset !== undefined && offset < 0 ? this.updates.slice(offset) : this.updates;
    return from.slice(0, limit).map((update) => update.body);
  }


  private serveFile(token: string, path: string, response: ServerResponse): void {
    if (token !== this.token || this.revoked) return send(response, apiError(401, 'Unauthorized'));
    const file = [...this.files.values()].find((candidate) => candidate.meta.file_path === path);
    if (!file) return send(response, apiError(404, 'Not Found'));
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.byteLength });
    response.end(file.data);
  }

  private record(call: FakeTelegramCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) waiter(); // a waiter may delete itself: safe while iterating a Set
  }
}

/** Starts a fake Bot API server and returns it (call `close()` in afterEach). */
export async function startFakeTelegramServer(options: FakeTelegramServerOptions = {}): Promise<FakeTelegramServer> {
  const server = new FakeTelegramServer(options);
  await server.start();
  return server;
}
