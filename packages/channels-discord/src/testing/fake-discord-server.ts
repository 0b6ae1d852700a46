import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeDiscordGateway } from './fake-discord-gateway.js';
import { FakeDiscordRest } from './fake-discord-rest.js';
import { FakeDiscordState } from './fake-discord-state.js';
import type {
  FakeDiscordCall,
  FakeDiscordGuild,
  FakeDiscordInboundInput,
  FakeDiscordMessage,
  FakeDiscordRestFault,
  FakeDiscordSent,
  FakeDiscordUser,
} from './fake-discord-types.js';

export interface FakeDiscordServerOptions {
  /** The bot token the fake accepts (default `fake-discord-token`). */
  token?: string;
  /** `heartbeat_interval` in HELLO (default 41250 ms like Discord; tests pass a short one). */
  heartbeatIntervalMs?: number;
  bot?: FakeDiscordUser;
  applicationId?: string;
  guilds?: FakeDiscordGuild[];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A fake Discord on 127.0.0.1: REST under `/api/v10`, the CDN under `/cdn`, and the gateway WebSocket on the same
 * port (its URL comes from `GET /gateway/bot`, as with the real Discord). Point discord.js at it with
 * `rest: { api: fake.apiUrl, cdn: fake.cdnUrl }`. Records every REST call and every message the bot sent; injects
 * inbound messages and faults.
 */
export class FakeDiscordServer {
  readonly state: FakeDiscordState;
  readonly gateway: FakeDiscordGateway;
  readonly rest: FakeDiscordRest;
  /** Messages the bot created or edited, in order. */
  readonly sent: FakeDiscordSent[] = [];
  private token: string;
  private revoked = false;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private origin = '';

  constructor(options: FakeDiscordServerOptions = {}) {
    this.token = options.token ?? 'fake-discord-token';
    this.state = new FakeDiscordState(options.bot ?? { id: '100000000000000001', username: 'rusty' }, options.guilds ?? []);
    this.gateway = new FakeDiscordGateway(this.state, {
      isValidToken: (token) => !this.revoked && typeof token === 'string' && sameSecret(token, this.token),
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
      applicationId: options.applicationId ?? this.state.bot.id,
    });
    this.rest = new FakeDiscordRest(this.state, {
      isValidToken: (header) => !this.revoked && typeof header === 'string' && sameSecret(header, `Bot ${this.token}`),
      gatewayUrl: () => this.gatewayUrl,
      onSent: (sent) => this.sent.push(sent),
    });
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      this.rest.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `fake: ${String(error)}`, code: 0 }));
      });
    });
    this.gateway.attach(server);
    // Upgraded (gateway) and held sockets leave the HTTP server's own tracking; close() must still end them.
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.state.cdnUrl = this.cdnUrl;
    return this.origin;
  }

  get baseUrl(): string {
    return this.origin;
  }
  /** discord.js `rest.api` (it appends `/v10`). */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }
  /** discord.js `rest.cdn`; attachment URLs in MESSAGE_CREATE point here. */
  get cdnUrl(): string {
    return `${this.origin}/cdn`;
  }
  get gatewayUrl(): string {
    return this.origin.replace(/^http/, 'ws');
  }
  get calls(): FakeDiscordCall[] {
    return this.rest.calls;
  }

  /** Delivers a MESSAGE_CREATE (queued until a session exists; logged for RESUME replay). Returns the message. */
  injectMessage(input: FakeDiscordInboundInput): FakeDiscordMessage {
    const message = this.state.buildMessage(input);
    this.gateway.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  /** Sends any dispatch event (e.g. a malformed MESSAGE_CREATE or an unknown event name). */
  dispatch(t: string, d: unknown): void {
    this.gateway.dispatch(t, d);
  }

  /** Fails upcoming REST requests (401, 429 with Retry-After, 5xx). */
  failRest(fault: FakeDiscordRestFault): void {
    this.rest.injectFault(fault);
  }

  /** From now on the token is rejected: REST answers 401 and IDENTIFY/RESUME close with 4004. */
  revokeToken(): void {
    this.revoked = true;
  }

  restoreToken(): void {
    this.revoked = false;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function createFakeDiscordServer(options: FakeDiscordServerOptions = {}): Promise<FakeDiscordServer> {
  const server = new FakeDiscordServer(options);
  await server.start();
  return server;
}
