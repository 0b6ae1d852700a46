import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeDiscordState } from './fake-discord-state.js';
import type { FakeDiscordCall, FakeDiscordRestFault, FakeDiscordSent, FakeDiscordUpload } from './fake-discord-types.js';

export interface FakeDiscordRestOptions {
  isValidToken(header: string | undefined): boolean;
  gatewayUrl(): string;
  onSent(sent: FakeDiscordSent): void;
}

interface ParsedBody {
  json?: unknown;
  files: FakeDiscordUpload[];
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON or multipart/form-data (`payload_json` + `files[n]`), parsed with the platform's own Request/FormData. */
async function parseBody(request: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  const type = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const files: FakeDiscordUpload[] = [];
    let json: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type, data: new Uint8Array(await value.arrayBuffer()) });
      }
    }
    return { json, files };
  }
  return { json: JSON.parse(raw.toString('utf8')), files: [] };
}

function reply(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * The REST half of the fake: the routes discord.js and the channel use under `/api/v10`, with Discord's error
 * shapes (`{message, code}`; 429 with `Retry-After` and `retry_after`), plus the CDN under `/cdn`.
 */
export class FakeDiscordRest {
  readonly calls: FakeDiscordCall[] = [];
  private readonly faults: FakeDiscordRestFault[] = [];

  constructor(
    private readonly state: FakeDiscordState,
    private readonly options: FakeDiscordRestOptions,
  ) {}

  injectFault(fault: FakeDiscordRestFault): void {
    this.faults.push({ ...fault });
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    if (request.method === 'GET' && url.pathname.startsWith('/cdn/')) {
      const file = this.state.files.get(decodeURI(url.pathname.slice('/cdn'.length)));
      if (!file) return reply(response, 404, { message: '404: Not Found', code: 0 });
      response.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.data.byteLength) }).end(file.data);
      return;
    }
    if (!url.pathname.startsWith('/api/v10/')) return reply(response, 404, { message: '404: Not Found', code: 0 });
    let path: string;
    try {
      path = decodeURIComponent(url.pathname.slice('/api/v10'.length));
    } catch {
      return reply(response, 400, { message: 'Bad path', code: 0 });
    }
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    const authorization = request.headers.authorization;
    const record = (status: number, body?: ParsedBody): void => {
      this.calls.push({ method, path, status, authorization, ...(body?.json !== undefined ? { json: body.json } : {}), ...(body?.files.length ? { files: body.files } : {}) });
    };
    let body: ParsedBody;
    try {
      body = await parseBody(request, raw);
    } catch {
      record(400);
      return reply(response, 400, { message: 'Invalid body', code: 50109 });
    }
    const fault = this.takeFault(`${method} ${path}`);
    if (fault) {
      record(fault.status, body);
      if (fault.status === 429) {
        const retryAfter = fault.retryAfterSeconds ?? 0.1;
        const headers: Record<string, string> = { 'retry-after': String(retryAfter), 'x-ratelimit-scope': fault.global ? 'global' : 'user' };
        if (fault.global) headers['x-ratelimit-global'] = 'true';
        return reply(response, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global: fault.global ?? false }, headers);
      }
      if (fault.status === 401) return reply(response, 401, { message: '401: Unauthorized', code: 0 });
      return reply(response, fault.status, { message: `fake: injected ${fault.status}`, code: 0 });
    }
    if (!this.options.isValidToken(authorization)) {
      record(401, body);
      return reply(response, 401, { message: '401: Unauthorized', code: 0 });
    }
    const [status, result] = this.route(method, path, body);
    record(status, body);
    reply(response, status, result);
  }

  private takeFault(key: string): FakeDiscordRestFault | undefined {
    const index = this.faults.findIndex((fault) => (fault.match ? fault.match.test(key) : !key.startsWith('GET /gateway')));
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private route(method: string, path: string, body: ParsedBody): [number, unknown] {
    const json = (body.json ?? {}) as Record<string, unknown>;
    const bot = { ...this.state.bot, discriminator: '0', avatar: null, global_name: null, bot: true };
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      return [200, { url: this.options.gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }];
    }
    if (method === 'GET' && path === '/users/@me') return [200, bot];
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = this.state.user({ id: String(json['recipient_id']) });
      const existing = [...this.state.channels.values()].find((channel) => channel.type === 1 && channel.recipients?.[0]?.id === recipient.id);
      const channel = existing ?? this.state.channel(this.state.snowflake(), recipient);
      return [200, { ...channel, recipients: [{ ...recipient, discriminator: '0', avatar: null }] }];
    }
    let match = /^\/channels\/(\d+)$/.exec(path);
    if (method === 'GET' && match) {
      const channel = this.state.channels.get(match[1] as string);
      return channel ? [200, { permission_overwrites: [], ...channel }] : [404, { message: 'Unknown Channel', code: 10003 }];
    }
    match = /^\/channels\/(\d+)\/typing$/.exec(path);
    if (method === 'POST' && match) return [204, undefined];
    match = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/[^/]+\/@me$/.exec(path);
    if (method === 'PUT' && match) return this.state.messages.has(match[2] as string) ? [204, undefined] : [404, { message: 'Unknown Message', code: 10008 }];
    match = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && match) return [200, this.createMessage(match[1] as string, json, body.files)];
    match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (method === 'PATCH' && match) {
      const message = this.state.messages.get(match[2] as string);
      if (!message || message.channel_id !== match[1]) return [404, { message: 'Unknown Message', code: 10008 }];
      if (typeof json['content'] === 'string') message.content = json['content'];
      message.edited_timestamp = new Date().toISOString();
      this.options.onSent({ kind: 'edit', channelId: message.channel_id, ...this.state.resolveChat(message.channel_id), messageId: message.id, content: message.content, files: [] });
      return [200, message];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private createMessage(channelId: string, json: Record<string, unknown>, files: FakeDiscordUpload[]): unknown {
    const content = typeof json['content'] === 'string' ? json['content'] : '';
    const reference = json['message_reference'] as { message_id?: string } | undefined;
    const message = this.state.buildMessage({
      channelId,
      author: this.state.bot,
      content,
      ...(reference?.message_id ? { replyTo: reference.message_id } : {}),
    });
    message.attachments = files.map((file) => this.state.storeFile(channelId, file.filename, file.contentType, file.data));
    this.options.onSent({
      kind: 'create',
      channelId,
      ...this.state.resolveChat(channelId),
      messageId: message.id,
      content,
      ...(reference?.message_id ? { replyTo: reference.message_id } : {}),
      ...(json['allowed_mentions'] !== undefined ? { allowedMentions: json['allowed_mentions'] } : {}),
      files,
    });
    return message;
  }
}
