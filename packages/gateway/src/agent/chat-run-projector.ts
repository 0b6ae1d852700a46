import type { AgentRunEvent } from '@rusty-claw/core';

/** One outgoing event of a run, before it is addressed to sockets. */
export interface RunOutboundEvent {
  event: 'agent' | 'chat';
  /** The payload every socket gets (protocol 3's exact shape). */
  payload: Record<string, unknown>;
  /** Keys protocol-4 sockets get on top (`deltaText`, `replace` on a chat delta). */
  v4Extra?: Record<string, unknown>;
  /** Only the sockets registered for this run's tool events (the `tool-events` cap, started the run). */
  toolRecipientsOnly?: boolean;
  /** May be skipped for a slow socket (the seq gap tells the client to resync). */
  dropIfSlow?: boolean;
}

interface ProjectorOptions {
  /** The client's run id (its idempotency key). */
  runId: string;
  sessionKey: string;
  now: () => number;
  throttleMs: number;
  send(event: RunOutboundEvent): void;
}

/**
 * Turns one run's runtime events into what OpenClaw clients expect (protocol notes §6):
 * - every event as an `agent` event `{runId, seq, stream, ts, sessionKey, data}`; `tool` events only for the run's
 *   tool-event recipients; streaming `assistant`/`thinking` events may be dropped for a slow socket;
 * - `chat` events: `delta` with the FULL text of the current assistant message (replace, not append), at most one
 *   per `throttleMs`, flushed before a tool starts and before the end; then `final` (with the reply, or without a
 *   message when the reply was empty), `aborted` (with the partial text) or `error` (`errorMessage`, `errorKind`).
 * Protocol-4 sockets also get `deltaText` (the text since the previous delta, or all of it with `replace:true`).
 * `seq` of a chat event is the seq of the agent event that caused it.
 */
export class ChatRunProjector {
  #text = '';
  #broadcastText: string | undefined;
  #lastDeltaAt = Number.NEGATIVE_INFINITY;
  #lastSeq = 0;
  #terminal = false;

  constructor(private readonly options: ProjectorOptions) {}

  /** The seq of the last event seen (for events synthesized after it). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  get finished(): boolean {
    return this.#terminal;
  }

  /** The text of the assistant message being streamed. */
  get text(): string {
    return this.#text;
  }

  onEvent(event: AgentRunEvent): void {
    if (this.#terminal) return;
    this.#lastSeq = event.seq;
    const data = event.data as Record<string, unknown>;
    const streaming = event.stream === 'assistant' || event.stream === 'thinking';
    if (event.stream === 'tool' && data['phase'] === 'start') this.#flushDelta(event.seq);
    this.options.send({
      event: 'agent',
      payload: { runId: this.options.runId, seq: event.seq, stream: event.stream, ts: event.ts, sessionKey: this.options.sessionKey, data },
      ...(event.stream === 'tool' ? { toolRecipientsOnly: true } : {}),
      ...(streaming ? { dropIfSlow: true } : {}),
    });
    if (event.stream === 'assistant') {
      this.#text = String(data['text'] ?? '');
      if (this.options.now() - this.#lastDeltaAt >= this.options.throttleMs) this.#emitDelta(event.seq);
      return;
    }
    if (event.stream !== 'lifecycle') return;
    if (data['phase'] === 'end') {
      this.#flushDelta(event.seq);
      if (data['aborted'] === true) this.#aborted(event.seq, 'rpc');
      else this.#final(event.seq, typeof data['stopReason'] === 'string' ? data['stopReason'] : undefined);
    } else if (data['phase'] === 'error') {
      this.#error(event.seq, String(data['error'] ?? 'the run failed'), typeof data['errorKind'] === 'string' ? data['errorKind'] : undefined);
    }
  }

  /**
   * Ends a run that never reached the agent loop (aborted while queued, or the transcript could not be written):
   * a lifecycle event and the chat event, numbered after whatever was sent.
   */
  synthesizeEnd(outcome: { aborted: true } | { error: string; errorKind?: string }): void {
    if (this.#terminal) return;
    const ts = this.options.now();
    const data: Record<string, unknown> =
      'aborted' in outcome ? { phase: 'end', endedAt: ts, aborted: true, stopReason: 'aborted' } : { phase: 'error', endedAt: ts, error: outcome.error, errorKind: outcome.errorKind ?? 'unknown' };
    this.onEvent({ runId: this.options.runId, sessionKey: this.options.sessionKey, seq: this.#lastSeq + 1, ts, stream: 'lifecycle', data } as AgentRunEvent);
  }

  #emitDelta(seq: number): void {
    const text = this.#text;
    if (text === '' || text === this.#broadcastText) return;
    const previous = this.#broadcastText;
    const appended = previous !== undefined && text.startsWith(previous);
    this.#broadcastText = text;
    this.#lastDeltaAt = this.options.now();
    this.options.send({
      event: 'chat',
      payload: { runId: this.options.runId, sessionKey: this.options.sessionKey, seq, state: 'delta', message: this.#message(text) },
      v4Extra: appended ? { deltaText: text.slice((previous ?? '').length) } : { deltaText: text, ...(previous === undefined ? {} : { replace: true }) },
      dropIfSlow: true,
    });
  }

  #flushDelta(seq: number): void {
    if (this.#text !== '' && this.#text !== this.#broadcastText) this.#emitDelta(seq);
  }

  #final(seq: number, stopReason: string | undefined): void {
    this.#terminal = true;
    const text = this.#text.trim();
    this.options.send({
      event: 'chat',
      payload: {
        runId: this.options.runId,
        sessionKey: this.options.sessionKey,
        seq,
        state: 'final',
        ...(stopReason === undefined ? {} : { stopReason }),
        ...(text === '' ? {} : { message: this.#message(text) }),
      },
    });
  }

  #aborted(seq: number, stopReason: string): void {
    this.#terminal = true;
    const text = this.#text.trim();
    this.options.send({
      event: 'chat',
      payload: { runId: this.options.runId, sessionKey: this.options.sessionKey, seq, state: 'aborted', stopReason, ...(text === '' ? {} : { message: this.#message(text) }) },
    });
  }

  #error(seq: number, errorMessage: string, errorKind: string | undefined): void {
    this.#terminal = true;
    const kind = errorKind !== undefined && CHAT_ERROR_KINDS.has(errorKind) ? errorKind : 'unknown';
    this.options.send({
      event: 'chat',
      payload: { runId: this.options.runId, sessionKey: this.options.sessionKey, seq, state: 'error', errorMessage, errorKind: kind },
    });
  }

  #message(text: string): Record<string, unknown> {
    return { role: 'assistant', content: [{ type: 'text', text }], timestamp: this.options.now() };
  }
}

const CHAT_ERROR_KINDS = new Set(['refusal', 'timeout', 'rate_limit', 'context_length', 'unknown']);
