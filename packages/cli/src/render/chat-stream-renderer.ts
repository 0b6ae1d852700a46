import type { OutputStream } from '../cli-deps.js';
import { chatMessageText } from './chat-message-text.js';
import { asBoolean, asRecord, asString } from './read-fields.js';

interface OutcomeBase {
  runId: string;
  sessionKey: string;
  /** The reply's text: the final message's, else everything streamed (blocks joined by newlines). */
  text: string;
}

/** How a run ended, from its terminal `chat` event. */
export type ChatRunOutcome =
  | (OutcomeBase & { state: 'final'; message?: unknown; stopReason?: string; usage?: unknown })
  | (OutcomeBase & { state: 'error'; errorMessage: string; errorKind?: string; stopReason?: string })
  | (OutcomeBase & { state: 'aborted'; errorMessage?: string; stopReason?: string });

export interface ChatStreamRendererOptions {
  /** Where the reply text goes as it streams (stdout). */
  out: OutputStream;
  /** `false` tracks the text without writing it (`--json` prints only the result). Default true. */
  echo?: boolean;
}

/**
 * Turns one run's `chat` events into terminal output. Every `delta` carries the FULL text so far
 * (OpenClaw: replace, not append; v4 adds `deltaText`, and coalesces deltas of a slow socket into one
 * whose `message` is the latest), so the renderer keeps what it printed and writes only the new
 * suffix. Text that no longer extends what was printed (the model started a new assistant message
 * after a tool call, or the gateway rewrote the text) cannot be taken back from a terminal or pipe:
 * it starts a new paragraph. `final` completes the text and ends the line.
 */
export class ChatStreamRenderer {
  private readonly out: OutputStream;
  private readonly echo: boolean;
  /** Finished paragraphs, then the one being streamed (last). */
  private readonly blocks: string[] = [];
  private lineOpen = false;
  private outcome: ChatRunOutcome | undefined;

  constructor(options: ChatStreamRendererOptions) {
    this.out = options.out;
    this.echo = options.echo ?? true;
  }

  /** Everything shown so far, paragraphs joined by newlines. */
  get text(): string {
    return this.blocks.join('\n');
  }

  /** Whether the reply text ended without a newline yet (write one before anything else goes to the terminal). */
  get midLine(): boolean {
    return this.lineOpen;
  }

  /** The terminal outcome once `final`/`error`/`aborted` arrived. */
  get result(): ChatRunOutcome | undefined {
    return this.outcome;
  }

  /**
   * Feeds one `chat` event payload of this run. Returns the outcome on a terminal state (later
   * events are ignored), else undefined. Unknown states and malformed payloads are skipped.
   */
  handle(payload: unknown): ChatRunOutcome | undefined {
    if (this.outcome !== undefined) return undefined;
    const event = asRecord(payload);
    if (event === undefined) return undefined;
    const base = { runId: asString(event.runId) ?? '', sessionKey: asString(event.sessionKey) ?? '' };
    const stopReason = asString(event.stopReason);
    switch (asString(event.state)) {
      case 'delta': {
        const next = this.cumulativeText(event);
        if (next !== undefined) this.show(next);
        return undefined;
      }
      case 'final': {
        const finalText = event.message !== undefined ? chatMessageText(event.message) : '';
        if (finalText !== '') this.showFinal(finalText);
        this.endLine();
        this.outcome = {
          ...base,
          state: 'final',
          text: finalText !== '' ? finalText : this.text,
          ...(event.message !== undefined ? { message: event.message } : {}),
          ...(stopReason !== undefined ? { stopReason } : {}),
          ...(event.usage !== undefined ? { usage: event.usage } : {}),
        };
        return this.outcome;
      }
      case 'error': {
        this.endLine();
        const errorKind = asString(event.errorKind);
        this.outcome = {
          ...base,
          state: 'error',
          text: this.text,
          errorMessage: asString(event.errorMessage) ?? 'the run failed',
          ...(errorKind !== undefined ? { errorKind } : {}),
          ...(stopReason !== undefined ? { stopReason } : {}),
        };
        return this.outcome;
      }
      case 'aborted': {
        this.endLine();
        const errorMessage = asString(event.errorMessage);
        this.outcome = {
          ...base,
          state: 'aborted',
          text: this.text,
          ...(errorMessage !== undefined ? { errorMessage } : {}),
          ...(stopReason !== undefined ? { stopReason } : {}),
        };
        return this.outcome;
      }
      default:
        return undefined;
    }
  }

  /** Ends an unfinished line of reply text, so a message on another stream starts on its own line. */
  endLine(): void {
    if (!this.lineOpen) return;
    this.write('\n');
  }

  /** The full text a delta stands for: its `message` (v3 and v4), else v4's `deltaText` applied. */
  private cumulativeText(event: Record<string, unknown>): string | undefined {
    if (event.message !== undefined) return chatMessageText(event.message);
    const deltaText = asString(event.deltaText);
    if (deltaText === undefined) return undefined;
    return asBoolean(event.replace) === true ? deltaText : `${this.current}${deltaText}`;
  }

  private get current(): string {
    return this.blocks.at(-1) ?? '';
  }

  private show(next: string): void {
    const current = this.current;
    if (next === '' || next === current) return;
    if (this.blocks.length > 0 && next.startsWith(current)) {
      this.blocks[this.blocks.length - 1] = next;
      this.write(next.slice(current.length));
      return;
    }
    this.startBlock(next);
  }

  private showFinal(finalText: string): void {
    const current = this.current;
    if (this.blocks.length === 0 || finalText.startsWith(current)) {
      this.show(finalText);
      return;
    }
    // Already on screen: OpenClaw trims the final text, and after tool calls it may be the last
    // paragraph alone or every paragraph joined differently. Printing it again would duplicate it.
    if (this.text.includes(finalText.trim()) || finalText.endsWith(current)) return;
    this.startBlock(finalText);
  }

  private startBlock(text: string): void {
    if (this.blocks.length > 0) this.write(this.lineOpen ? '\n\n' : '\n');
    this.blocks.push(text);
    this.write(text);
  }

  private write(chunk: string): void {
    if (chunk === '') return;
    this.lineOpen = !chunk.endsWith('\n');
    if (this.echo) this.out.write(chunk);
  }
}
