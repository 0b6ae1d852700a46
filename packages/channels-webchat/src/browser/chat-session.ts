import type { ChatHistoryResult, EventFrame, HelloOk } from '@rusty-claw/protocol';
import { describeError } from './describe-error.js';
import { GatewaySocket, WebchatSocketError } from './gateway-socket.js';
import { randomId } from './random-id.js';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'error';
  text: string;
  /** The reply is still streaming. */
  streaming?: boolean;
}

export type ChatStatus = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'failed';

export interface ChatState {
  status: ChatStatus;
  messages: ChatMessage[];
  /** A problem worth showing above the input (refused token, origin, connection lost). */
  problem?: { text: string; code?: string } | undefined;
  /** Run ids still streaming, for the stop button. */
  activeRuns: string[];
}

export interface ChatSessionOptions {
  url: string;
  /** Undefined when the page has no token: the session stays failed with a clear explanation. */
  token: string | undefined;
  visitorId: string;
  clientVersion: string;
  onChange(state: ChatState): void;
}

/** Refusals that a retry with the same token cannot fix: the page stops and says why. */
const FATAL_DETAIL_CODES = new Set([
  'AUTH_TOKEN_MISMATCH',
  'AUTH_TOKEN_MISSING',
  'AUTH_UNAUTHORIZED',
  'AUTH_RATE_LIMITED',
  'AUTH_PASSWORD_MISSING',
  'AUTH_PASSWORD_MISMATCH',
  'CONTROL_UI_ORIGIN_NOT_ALLOWED',
  'DEVICE_IDENTITY_REQUIRED',
  'WEBCHAT_VISITOR_ID_INVALID',
]);

/** Text of an OpenClaw message (`content` as a string or as `[{type:"text", text}]` blocks). */
export function messageText(message: unknown): string {
  const content = (message as { content?: unknown } | undefined)?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'text' ? String((block as { text?: unknown }).text ?? '') : ''))
    .join('');
}

/**
 * The chat's state machine, free of DOM: connects with the web chat token, learns its session key from hello-ok,
 * loads the history, sends messages (`chat.send` with a fresh idempotency key) and folds `chat` events into the
 * message list. Deltas carry the whole text so far (OpenClaw's rule), so each one replaces the streaming bubble.
 * A dropped connection is retried with backoff; a refused token or origin is not.
 */
export class ChatSession {
  private socket: GatewaySocket | undefined;
  private sessionKey = '';
  private readonly state: ChatState = { status: 'idle', messages: [], activeRuns: [] };
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: ChatSessionOptions) {}

  get snapshot(): ChatState {
    return this.state;
  }

  async start(): Promise<void> {
    if (this.options.token === undefined) {
      this.fail({ text: describeError('NO_TOKEN'), code: 'NO_TOKEN' });
      return;
    }
    this.stopped = false;
    this.update({ status: this.retries === 0 ? 'connecting' : 'reconnecting' });
    const socket = new GatewaySocket({
      url: this.options.url,
      token: this.options.token,
      visitorId: this.options.visitorId,
      clientVersion: this.options.clientVersion,
      onEvent: (event) => this.onEvent(event),
      onClose: () => this.onDropped(),
    });
    this.socket = socket;
    let hello: HelloOk;
    try {
      hello = await socket.connect();
    } catch (error) {
      this.onConnectFailed(error);
      return;
    }
    this.retries = 0;
    this.sessionKey = hello.snapshot.sessionDefaults?.mainSessionKey ?? '';
    if (this.state.problem?.code === 'CONNECTION_LOST') delete this.state.problem;
    await this.loadHistory();
    this.update({ status: 'ready' });
  }

  async send(text: string): Promise<void> {
    const message = text.trim();
    if (message === '' || !this.socket || this.state.status !== 'ready') return;
    const runId = randomId();
    this.state.messages.push({ id: `user-${runId}`, role: 'user', text: message });
    this.state.activeRuns.push(runId);
    this.update({});
    try {
      await this.socket.request('chat.send', { sessionKey: this.sessionKey, message, idempotencyKey: runId });
    } catch (error) {
      this.endRun(runId);
      this.state.messages.push({ id: `error-${runId}`, role: 'error', text: describeError(codeOf(error), error) });
      this.update({});
    }
  }

  async abort(): Promise<void> {
    if (!this.socket || this.state.activeRuns.length === 0) return;
    await this.socket.request('chat.abort', { sessionKey: this.sessionKey }).catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.close();
  }

  private async loadHistory(): Promise<void> {
    if (!this.socket) return;
    try {
      const history = await this.socket.request<ChatHistoryResult>('chat.history', { sessionKey: this.sessionKey, limit: 100 });
      const streaming = this.state.messages.filter((message) => message.streaming);
      this.state.messages = history.messages
        .filter((message) => message.role === 'user' || message.role === 'assistant')
        .map((message, index) => ({
          id: `history-${message.__openclaw?.id ?? index}`,
          role: message.role as 'user' | 'assistant',
          text: messageText(message),
        }))
        .filter((message) => message.text !== '');
      this.state.messages.push(...streaming);
    } catch (error) {
      const code = codeOf(error);
      this.state.problem = code === undefined ? { text: describeError(code, error) } : { text: describeError(code, error), code };
    }
  }

  private onEvent(event: EventFrame): void {
    if (event.event !== 'chat') return;
    const payload = event.payload as { runId?: string; sessionKey?: string; state?: string; message?: unknown; deltaText?: string; replace?: boolean; errorMessage?: string };
    if (!payload.runId || payload.sessionKey?.toLowerCase() !== this.sessionKey.toLowerCase()) return;
    const id = `reply-${payload.runId}`;
    let bubble = this.state.messages.find((message) => message.id === id);
    if (!bubble && (payload.state === 'delta' || payload.state === 'final')) {
      bubble = { id, role: 'assistant', text: '', streaming: true };
      this.state.messages.push(bubble);
    }
    const full = messageText(payload.message);
    switch (payload.state) {
      case 'delta':
        // The accumulated text replaces the bubble; a v4 delta without `message` adds `deltaText`.
        if (bubble) bubble.text = full !== '' || payload.message !== undefined ? full : payload.replace ? (payload.deltaText ?? '') : bubble.text + (payload.deltaText ?? '');
        break;
      case 'final':
        if (bubble) {
          if (full !== '') bubble.text = full;
          bubble.streaming = false;
          if (bubble.text === '') this.state.messages = this.state.messages.filter((message) => message !== bubble);
        }
        this.endRun(payload.runId);
        break;
      case 'aborted':
        if (bubble) bubble.streaming = false;
        this.endRun(payload.runId);
        break;
      case 'error':
        if (bubble) bubble.streaming = false;
        this.state.messages.push({ id: `error-${payload.runId}`, role: 'error', text: `The assistant could not answer: ${payload.errorMessage ?? 'unknown error'}` });
        this.endRun(payload.runId);
        break;
      default:
        return;
    }
    this.update({});
  }

  private endRun(runId: string): void {
    this.state.activeRuns = this.state.activeRuns.filter((candidate) => candidate !== runId);
  }

  private onConnectFailed(error: unknown): void {
    const code = codeOf(error);
    if (code !== undefined && FATAL_DETAIL_CODES.has(code)) {
      this.fail({ text: describeError(code, error), code });
      return;
    }
    this.scheduleRetry();
  }

  private onDropped(): void {
    if (this.stopped) return;
    for (const message of this.state.messages) message.streaming = false;
    this.state.activeRuns = [];
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retries += 1;
    // Exponential backoff with full jitter, capped at 30 s, so a restarting gateway is not stampeded.
    const delay = Math.random() * Math.min(30_000, 500 * 2 ** Math.min(this.retries, 6));
    this.state.problem = { text: describeError('CONNECTION_LOST'), code: 'CONNECTION_LOST' };
    this.update({ status: 'reconnecting' });
    this.retryTimer = setTimeout(() => void this.start(), delay);
  }

  private fail(problem: { text: string; code?: string }): void {
    this.state.problem = problem;
    this.update({ status: 'failed' });
  }

  private update(patch: Partial<ChatState>): void {
    Object.assign(this.state, patch);
    this.options.onChange(this.state);
  }
}

function codeOf(error: unknown): string | undefined {
  if (error instanceof WebchatSocketError) return error.detailCode ?? error.code;
  return undefined;
}
