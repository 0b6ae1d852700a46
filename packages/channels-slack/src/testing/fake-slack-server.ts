import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackSocket, type FakeEnvelope, type SlackDisconnectReason } from './fake-slack-socket.js';
import type { FakeSlackConversation, FakeSlackFault, FakeSlackFile, FakeSlackIdentity, FakeSlackUser } from './fake-slack-state.js';
import { FakeSlackWebApi } from './fake-slack-web-api.js';
import { buildEventCallback, type SlackFileShape } from './slack-event-builders.js';

export interface FakeSlackServerOptions extends Partial<FakeSlackIdentity> {
  /** Redeliver an unacked Socket Mode envelope after this many ms (default 3000, like Slack). */
  ackTimeoutMs?: number;
  /** Redeliveries per event before giving up (default 3, like Slack). */
  maxRetries?: number;
  /** Send `hello` when a socket connects (default true). Off: a socket that never becomes ready. */
  sendHello?: boolean;
}

const defaults: FakeSlackIdentity = {
  botToken: 'xoxb-fake-bot-token',
  appToken: 'xapp-1-fake-app-token',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  botName: 'claw',
  teamId: 'T0TEAM',
  appId: 'A0APP',
};

/**
 * A fake Slack on 127.0.0.1 speaking the real wire protocols: the Web API (`POST /api/<method>`, form-encoded, JSON
 * or multipart bodies, token from the Authorization header or a `token` field, `ok:false` errors, 429 with
 * Retry-After), the external upload URLs of files.getUploadURLExternal, private file downloads (bot token required),
 * and the Socket Mode WebSocket. Point the real SDK at it with `clientOptions.slackApiUrl = fake.apiUrl`.
 */
export class FakeSlackServer {
  readonly identity: FakeSlackIdentity;
  readonly api: FakeSlackWebApi;
  readonly socket: FakeSlackSocket;
  readonly #server = createServer((request, response) => void this.#route(request, response));
  #url = '';

  private constructor(options: FakeSlackServerOptions) {
    const { ackTimeoutMs = 3000, maxRetries = 3, sendHello = true, ...identity } = options;
    this.identity = { ...defaults, ...identity };
    this.api = new FakeSlackWebApi(this.identity, () => this.#url);
    this.socket = new FakeSlackSocket({
      appId: this.identity.appId,
      ackTimeoutMs,
      maxRetries,
      sendHello,
      consumeTicket: (ticket) => this.api.tickets.delete(ticket),
    });
    this.#server.on('upgrade', (request, socket, head) => this.socket.upgrade(request, socket, head));
  }

  static async start(options: FakeSlackServerOptions = {}): Promise<FakeSlackServer> {
    const fake = new FakeSlackServer(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.#url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  get url(): string {
    return this.#url;
  }

  /** The value for Bolt/WebClient `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.#url}/api/`;
  }

  get calls() {
    return this.api.calls;
  }

  callsTo(method: string) {
    return this.api.calls.filter((call) => call.method === method);
  }

  /** Messages the bot posted (chat.postMessage), with their edits. */
  get messages() {
    return this.api.messages;
  }

  get uploads() {
    return [...this.api.uploads.values()];
  }

  get reactions() {
    return this.api.reactions;
  }

  addUser(user: FakeSlackUser): void {
    this.api.users.set(user.id, user);
  }

  addConversation(conversation: FakeSlackConversation): void {
    this.api.conversations.set(conversation.id, conversation);
  }

  /** Registers a private file and returns the `files[]` entry a `file_share` message event carries. */
  addFile(file: { id: string; name: string; mimetype: string; bytes: Uint8Array }): SlackFileShape {
    const path = `${this.#url}/files-pri/${this.identity.teamId}-${file.id}/${encodeURIComponent(file.name)}`;
    const entry: FakeSlackFile = {
      id: file.id,
      name: file.name,
      title: file.name,
      mimetype: file.mimetype,
      filetype: file.name.split('.').at(-1) ?? 'binary',
      size: file.bytes.byteLength,
      url_private: path,
      url_private_download: `${path}?download=1`,
      bytes: file.bytes,
    };
    this.api.files.set(file.id, entry);
    const { bytes: _bytes, ...shape } = entry;
    return shape;
  }

  /** The next call of `method` fails this way (faults queue up per method). */
  failNext(method: string, fault: FakeSlackFault): void {
    const queue = this.api.faults.get(method) ?? [];
    queue.push(fault);
    this.api.faults.set(method, queue);
  }

  /** Every later bot-token call answers `token_revoked` (until `restoreBotToken`). */
  revokeBotToken(): void {
    this.api.botTokenState = 'revoked';
  }

  restoreBotToken(): void {
    this.api.botTokenState = 'valid';
  }

  /** Wraps `event` in an `event_callback` and sends it over Socket Mode (queued while no socket is open). */
  sendEvent(event: Record<string, unknown>, options: { eventId?: string } = {}): FakeEnvelope {
    return this.socket.send(buildEventCallback(event, { teamId: this.identity.teamId, appId: this.identity.appId, botUserId: this.identity.botUserId, ...options }));
  }

  /** Slack's `disconnect` message (`refresh_requested`, `warning`, `link_disabled`) to every socket. */
  sendDisconnect(reason: SlackDisconnectReason): void {
    this.socket.disconnect(reason);
  }

  /** Drops every Socket Mode connection without a close frame. */
  dropSockets(): void {
    this.socket.drop();
  }

  /** Stop (or resume) answering client pings: the socket stays open but is dead (half-open). */
  setPongs(enabled: boolean): void {
    this.socket.pongs = enabled;
  }

  get openSockets(): number {
    return this.socket.open.size;
  }

  async close(): Promise<void> {
    this.socket.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', this.#url);
      const body = await readBody(request);
      if (request.method === 'POST' && url.pathname.startsWith('/api/')) return await this.#webApi(request, response, url.pathname.slice(5), body);
      if (request.method === 'POST' && url.pathname.startsWith('/upload/v1/')) return await this.#upload(request, response, url.pathname.slice(11), body);
      if (request.method === 'GET' && url.pathname.startsWith('/files-pri/')) return this.#download(request, response, url.pathname);
      send(response, 404, 'text/plain', 'not found');
    } catch (error) {
      send(response, 500, 'text/plain', String(error));
    }
  }

  async #webApi(request: IncomingMessage, response: ServerResponse, method: string, body: Buffer): Promise<void> {
    const contentType = request.headers['content-type'] ?? '';
    const params = await parseParams(contentType, body, request.headers);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof params['token'] === 'string' ? params['token'] : undefined);
    const answer = this.api.handle(method, params, token, contentType.split(';')[0] ?? '');
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  }

  async #upload(request: IncomingMessage, response: ServerResponse, fileId: string, body: Buffer): Promise<void> {
    const contentType = request.headers['content-type'] ?? '';
    let bytes: Uint8Array = body;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((value): value is File => typeof value !== 'string');
      bytes = part === undefined ? new Uint8Array() : new Uint8Array(await part.arrayBuffer());
    }
    if (!this.api.receiveUpload(fileId, bytes)) return send(response, 404, 'text/plain', 'unknown upload');
    send(response, 200, 'text/plain', `OK - ${bytes.byteLength}`);
  }

  #download(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    const id = /^\/files-pri\/[^-/]+-([^/]+)\//.exec(pathname)?.[1];
    const file = id === undefined ? undefined : this.api.files.get(id);
    const authorized = request.headers.authorization === `Bearer ${this.identity.botToken}` && this.api.botTokenState === 'valid';
    // Like Slack: without a valid token the "file" is the HTML sign-in page, not an error status.
    if (!authorized) return send(response, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    if (file === undefined) return send(response, 404, 'text/plain', 'file not found');
    response.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.byteLength) });
    response.end(file.bytes);
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseParams(contentType: string, body: Buffer, headers: IncomingMessage['headers']): Promise<Record<string, unknown>> {
  if (body.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': headers['content-type'] ?? '' } }).formData();
    const params: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) params[key] = typeof value === 'string' ? value : new Uint8Array(await value.arrayBuffer());
    return params;
  }
  return {};
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(body);
}
