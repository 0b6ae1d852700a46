import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FakeDiscordState } from './fake-discord-state.js';

/** Discord gateway opcodes the fake speaks. */
export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

interface GatewaySession {
  id: string;
  seq: number;
  log: Array<{ s: number; t: string; d: unknown }>;
  valid: boolean;
}

interface GatewayConnection {
  socket: WebSocket;
  session?: GatewaySession;
  ackHeartbeats: boolean;
}

export interface FakeDiscordGatewayOptions {
  isValidToken(token: unknown): boolean;
  heartbeatIntervalMs: number;
  /** ws:// URL of this gateway (READY's `resume_gateway_url`). */
  url(): string;
  applicationId: string;
}

/**
 * The gateway half of the fake: Discord's JSON gateway protocol (v10, no compression) on a `ws` server sharing the
 * REST port. Sessions keep a log of their dispatches so RESUME replays what a dropped connection missed, as Discord
 * does; faults (unacknowledged heartbeats, closes, INVALID_SESSION, RECONNECT) are injected per connection.
 */
export class FakeDiscordGateway {
  identifyCount = 0;
  resumeCount = 0;
  connectionCount = 0;
  heartbeatCount = 0;
  /** The `d` of the last IDENTIFY (token, intents, properties). */
  lastIdentify: Record<string, unknown> | undefined;
  private readonly sessions = new Map<string, GatewaySession>();
  private session: GatewaySession | undefined;
  private current: GatewayConnection | undefined;
  private readonly pending: Array<{ t: string; d: unknown }> = [];
  private replayExtra = 0;
  private refusing = false;
  private readonly stalled: Array<(ok: boolean) => void> = [];
  private stalling = false;
  private wss: WebSocketServer | undefined;

  constructor(
    private readonly state: FakeDiscordState,
    private readonly options: FakeDiscordGatewayOptions,
  ) {}

  attach(server: Server): void {
    this.wss = new WebSocketServer({
      server,
      verifyClient: (_info, done) => {
        if (this.stalling) this.stalled.push(done);
        else done(true);
      },
    });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  /** True while a connection is identified or resumed (events flow). */
  get live(): boolean {
    return this.current?.session !== undefined;
  }

  /** Sends a dispatch on the live session (logged for RESUME), or queues it until the first session exists. */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session?.valid) {
      this.pending.push({ t, d });
      return;
    }
    session.seq += 1;
    const entry = { s: session.seq, t, d };
    session.log.push(entry);
    if (this.current?.session === session) this.send(this.current, { op: GatewayOp.Dispatch, ...entry });
  }

  /** Sends any text frame on the live connection (malformed-payload tests). */
  sendRaw(text: string): void {
    this.current?.socket.send(text);
  }

  /** The live connection stops acknowledging heartbeats: a half-open socket. New connections acknowledge again. */
  stopHeartbeatAcks(): void {
    if (this.current) this.current.ackHeartbeats = false;
  }

  /** Closes the live connection with a close code (4000 = resumable unknown error). */
  closeConnection(code = 4000): void {
    this.current?.socket.close(code, 'fake: closed on purpose');
  }

  /** Drops the live TCP connection without a close frame. */
  terminateConnection(): void {
    this.current?.socket.terminate();
  }

  /** Sends INVALID_SESSION; `resumable: false` also forgets the session, so the client must IDENTIFY again. */
  invalidateSession(resumable: boolean): void {
    if (!this.current) return;
    if (!resumable && this.session) this.session.valid = false;
    this.send(this.current, { op: GatewayOp.InvalidSession, d: resumable });
  }

  /** Sends RECONNECT (op 7): the client should reconnect and resume. */
  requestReconnect(): void {
    if (this.current) this.send(this.current, { op: GatewayOp.Reconnect, d: null });
  }

  /** While on, every new connection is closed at once with 1011 (an outage); the live one is closed too. */
  refuseConnections(on: boolean): void {
    this.refusing = on;
    if (on) this.current?.socket.close(1011, 'fake: outage');
  }

  /** While on, WebSocket handshakes get no answer (the client stays CONNECTING); off lets the held ones through. */
  stallHandshakes(on: boolean): void {
    this.stalling = on;
    if (!on) for (const done of this.stalled.splice(0)) done(true);
  }

  /** Handshakes held by stallHandshakes. */
  get stalledHandshakes(): number {
    return this.stalled.length;
  }

  /** On the next RESUME, also replays `count` events the client already saw (duplicate delivery). */
  replayOnResume(count: number): void {
    this.replayExtra = count;
  }

  async close(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  private onConnection(socket: WebSocket): void {
    this.connectionCount += 1;
    if (this.refusing) {
      socket.on('error', () => undefined);
      socket.close(1011, 'fake: outage');
      return;
    }
    const connection: GatewayConnection = { socket, ackHeartbeats: true };
    this.current = connection;
    socket.on('message', (data) => this.onMessage(connection, data));
    socket.on('close', () => {
      if (this.current === connection) this.current = undefined;
    });
    socket.on('error', () => undefined);
    this.send(connection, { op: GatewayOp.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private onMessage(connection: GatewayConnection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(String(data)) as { op?: unknown; d?: unknown };
    } catch {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        this.heartbeatCount += 1;
        if (connection.ackHeartbeats) this.send(connection, { op: GatewayOp.HeartbeatAck });
        return;
      case GatewayOp.Identify:
        this.identify(connection, d);
        return;
      case GatewayOp.Resume:
        this.resume(connection, d);
        return;
      default:
        return;
    }
  }

  private identify(connection: GatewayConnection, d: Record<string, unknown>): void {
    this.identifyCount += 1;
    this.lastIdentify = d;
    if (!this.options.isValidToken(d['token'])) {
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    const session: GatewaySession = { id: randomUUID().replaceAll('-', ''), seq: 0, log: [], valid: true };
    this.sessions.set(session.id, session);
    this.session = session;
    connection.session = session;
    const bot = { ...this.state.bot, discriminator: '0', avatar: null, global_name: null, flags: 0, bot: true };
    this.dispatch('READY', {
      v: 10,
      user: bot,
      guilds: this.state.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: [0, 1],
      application: { id: this.options.applicationId, flags: 0 },
    });
    for (const guild of this.state.guilds) this.dispatch('GUILD_CREATE', this.guildPayload(guild.id));
    for (const event of this.pending.splice(0)) this.dispatch(event.t, event.d);
  }

  private resume(connection: GatewayConnection, d: Record<string, unknown>): void {
    this.resumeCount += 1;
    const session = typeof d['session_id'] === 'string' ? this.sessions.get(d['session_id']) : undefined;
    if (!session?.valid || !this.options.isValidToken(d['token'])) {
      this.send(connection, { op: GatewayOp.InvalidSession, d: false });
      return;
    }
    const from = Math.max(0, (typeof d['seq'] === 'number' ? d['seq'] : 0) - this.replayExtra);
    this.replayExtra = 0;
    this.session = session;
    connection.session = session;
    for (const entry of session.log) if (entry.s > from) this.send(connection, { op: GatewayOp.Dispatch, ...entry });
    this.send(connection, { op: GatewayOp.Dispatch, t: 'RESUMED', s: session.seq, d: {} });
  }

  guildPayload(guildId: string): Record<string, unknown> {
    const guild = this.state.guilds.find((candidate) => candidate.id === guildId);
    if (!guild) throw new Error(`fake discord: unknown guild ${guildId}`);
    const channel = (entry: { id: string }) => ({ permission_overwrites: [], position: 0, ...this.state.channels.get(entry.id), guild_id: guild.id });
    return {
      id: guild.id,
      name: guild.name,
      unavailable: false,
      owner_id: this.state.bot.id,
      joined_at: new Date(0).toISOString(),
      member_count: 2,
      large: false,
      features: [],
      emojis: [],
      stickers: [],
      members: [],
      presences: [],
      voice_states: [],
      roles: [
        { id: guild.id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        ...(guild.roles ?? []).map((role, index) => ({
          permissions: '0', position: index + 1, color: 0, hoist: false, managed: false, mentionable: true, flags: 0, ...role,
        })),
      ],
      channels: guild.channels.map(channel),
      threads: (guild.threads ?? []).map((thread) => ({
        ...channel(thread),
        owner_id: this.state.bot.id,
        message_count: 0,
        member_count: 1,
        thread_metadata: { archived: false, auto_archive_duration: 60, archive_timestamp: new Date(0).toISOString(), locked: false },
      })),
    };
  }

  private send(connection: GatewayConnection, payload: Record<string, unknown>): void {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(payload));
  }
}
