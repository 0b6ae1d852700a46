import { randomUUID } from 'node:crypto';
import {
  GatewayClient,
  GatewayClientError,
  OperatorScopes,
  RuntimeMethodNames,
  TOOL_EVENTS_CAP,
  type ChatAbortParams,
  type ChatSendParams,
  type EventFrame,
} from '@rusty-claw/protocol';
import type { GatewayConnection } from '../connection/resolve-gateway-connection.js';
import type { ChatRunOutcome, ChatStreamRenderer } from '../render/chat-stream-renderer.js';
import { asArray, asBoolean, asRecord, asString } from '../render/read-fields.js';

/** OpenClaw's main session key, used when the gateway's hello-ok names none. */
export const FALLBACK_MAIN_SESSION_KEY = 'agent:main:main';

/**
 * A run past its `--timeout` gets this long for the gateway's own timeout to end it (with an `error`
 * or `aborted` event that says why) before the CLI aborts it itself.
 */
const CLIENT_TIMEOUT_GRACE_MS = 5_000;

/** How a turn ended: a terminal `chat` event, a `/stop` answered at once, or the client's own timeout. */
export type ChatTurnOutcome =
  | ChatRunOutcome
  | { state: 'stopped'; runId: string; sessionKey: string; aborted: boolean; runIds: string[] }
  | { state: 'timeout'; runId: string; sessionKey: string; text: string; timeoutMs: number };

export interface ChatTurnOptions {
  sessionKey: string;
  message: string;
  thinking?: string;
  /** Run timeout: sent as `timeoutMs`, and enforced here (plus a grace period) with `chat.abort`. */
  timeoutMs?: number;
  renderer: ChatStreamRenderer;
  /** Every `agent` event of this run (tool calls, failover decisions, …). */
  onAgentEvent?: (payload: unknown) => void;
}

/** A started turn: its run id (the idempotency key) and how it ends. */
export interface ChatTurn {
  readonly runId: string;
  readonly sessionKey: string;
  /** Rejects only when the turn could not be started or the connection was lost mid-run. */
  readonly outcome: Promise<ChatTurnOutcome>;
}

interface PendingTurn {
  options: ChatTurnOptions;
  settle: (outcome: ChatTurnOutcome) => void;
  fail: (error: Error) => void;
}

/**
 * One operator connection that chats, as OpenClaw's TUI does: `chat.send` with a fresh idempotency
 * key (which becomes the run id), then the run's `chat` events (and `agent` events) routed by run id
 * until its terminal state. Scope `operator.write` only (chat.send/chat.abort need it and it also
 * receives the read-scoped events); session administration goes through separate short calls.
 */
export class ChatConnection {
  private readonly client: GatewayClient;
  private readonly turns = new Map<string, PendingTurn>();
  private mainKey = FALLBACK_MAIN_SESSION_KEY;

  private constructor(connection: GatewayConnection, options: { version: string; toolEvents: boolean }) {
    this.client = new GatewayClient({
      url: connection.url,
      ...(connection.token !== undefined ? { token: connection.token } : {}),
      ...(connection.password !== undefined ? { password: connection.password } : {}),
      client: { id: 'cli', mode: 'cli', version: options.version, platform: process.platform, instanceId: randomUUID() },
      role: 'operator',
      scopes: [OperatorScopes.WRITE],
      // Tool events go only to sockets that asked for them and started the run (OpenClaw's rule).
      caps: options.toolEvents ? [TOOL_EVENTS_CAP] : [],
      requestTimeoutMs: connection.timeoutMs,
      connectTimeoutMs: connection.timeoutMs,
      reconnect: false,
      allowInsecureRemote: connection.allowInsecureRemote,
      onEvent: (frame) => this.onEvent(frame),
      onClose: ({ code, reason }) => this.failAll(new GatewayClientError('CLOSED', `gateway connection closed during the run (${code}${reason ? ` ${reason}` : ''})`, { closeCode: code, closeReason: reason })),
    });
  }

  /** Connects (rejects with GatewayClientError / ProtocolError like every RPC command). */
  static async open(connection: GatewayConnection, options: { version: string; toolEvents?: boolean }): Promise<ChatConnection> {
    const chat = new ChatConnection(connection, { version: options.version, toolEvents: options.toolEvents === true });
    const hello = await chat.client.connect();
    const defaults = asRecord(asRecord(asRecord(hello)?.snapshot)?.sessionDefaults);
    chat.mainKey = asString(defaults?.mainSessionKey) ?? FALLBACK_MAIN_SESSION_KEY;
    return chat;
  }

  /** The gateway's main session (`snapshot.sessionDefaults.mainSessionKey`), else `agent:main:main`. */
  get mainSessionKey(): string {
    return this.mainKey;
  }

  /** Sends the message and follows its run. The listener is in place before `chat.send` goes out. */
  start(options: ChatTurnOptions): ChatTurn {
    const runId = randomUUID();
    const outcome = new Promise<ChatTurnOutcome>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        this.turns.delete(runId);
        if (timer !== undefined) clearTimeout(timer);
      };
      this.turns.set(runId, {
        options,
        settle: (value) => {
          done();
          resolve(value);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
      if (options.timeoutMs !== undefined) {
        const timeoutMs = options.timeoutMs;
        timer = setTimeout(() => {
          const turn = this.turns.get(runId);
          if (turn === undefined) return;
          options.renderer.endLine();
          turn.settle({ state: 'timeout', runId, sessionKey: options.sessionKey, text: options.renderer.text, timeoutMs });
          this.abort(options.sessionKey, runId).catch(() => undefined);
        }, timeoutMs + CLIENT_TIMEOUT_GRACE_MS);
      }
    });
    const params: ChatSendParams = {
      sessionKey: options.sessionKey,
      message: options.message,
      idempotencyKey: runId,
      ...(options.thinking !== undefined ? { thinking: options.thinking } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    };
    this.client.request(RuntimeMethodNames.ChatSend, params).then(
      (ack) => this.onAck(runId, options.sessionKey, ack),
      (error: unknown) => this.turns.get(runId)?.fail(error instanceof Error ? error : new Error(String(error))),
    );
    return { runId, sessionKey: options.sessionKey, outcome };
  }

  /** `chat.abort {sessionKey, runId?}`: resolves with the gateway's answer (`{ok, aborted, runIds}`). */
  abort(sessionKey: string, runId?: string): Promise<unknown> {
    const params: ChatAbortParams = { sessionKey, ...(runId !== undefined ? { runId } : {}) };
    return this.client.request(RuntimeMethodNames.ChatAbort, params);
  }

  async close(): Promise<void> {
    this.turns.clear();
    await this.client.close();
  }

  private onAck(runId: string, sessionKey: string, ack: unknown): void {
    // `/stop` (and its aliases) is answered at once with the runs it aborted; no run is started.
    const record = asRecord(ack);
    if (record?.ok === true && Array.isArray(record.runIds)) {
      const runIds = asArray(record.runIds).filter((id): id is string => typeof id === 'string');
      this.turns.get(runId)?.settle({ state: 'stopped', runId, sessionKey, aborted: asBoolean(record.aborted) === true, runIds });
    }
    // `{status:"started"}` or `{status:"in_flight"}`: the run's events tell the rest.
  }

  private onEvent(frame: EventFrame): void {
    if (frame.event !== 'chat' && frame.event !== 'agent') return;
    const runId = asString(asRecord(frame.payload)?.runId);
    const turn = runId === undefined ? undefined : this.turns.get(runId);
    if (turn === undefined) return; // another client's run, or one of ours that already ended
    if (frame.event === 'agent') {
      turn.options.onAgentEvent?.(frame.payload);
      return;
    }
    const outcome = turn.options.renderer.handle(frame.payload);
    if (outcome !== undefined) turn.settle(outcome);
  }

  private failAll(error: GatewayClientError): void {
    for (const turn of this.turns.values()) {
      turn.options.renderer.endLine();
      turn.fail(error);
    }
  }
}
