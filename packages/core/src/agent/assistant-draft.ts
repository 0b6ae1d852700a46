import type { AssistantMessage, FinishReason, LanguageModelStreamPart, LanguageModelUsage } from '@rusty-claw/plugin-sdk';

type Content = AssistantMessage['content'][number];
type StoredThinking = { type: 'thinking'; thinking: string; thinkingSignature?: string; redacted?: boolean };

export interface DraftToolCall {
  toolCallId: string;
  toolName: string;
  /** The arguments as the model sent them (JSON text). */
  inputText: string;
  /** Parsed arguments when `inputText` is a JSON object, else undefined. */
  input: Record<string, unknown> | undefined;
}

export interface DraftUpdate {
  /** New visible text: `text` is the whole text of this message so far. */
  text?: { text: string; delta: string };
  thinking?: { text: string; delta: string };
}

const TEXT_BLOCK_SEPARATOR = '\n\n';

/**
 * Builds one assistant message from stream parts, keeping block order (a Gemini thought signature rides on the
 * block before the function call it belongs to) and the thinking signatures that must be replayed next turn.
 */
export class AssistantDraft {
  readonly content: Content[] = [];
  readonly toolCalls: DraftToolCall[] = [];
  text = '';
  thinking = '';
  finishReason: FinishReason | undefined;
  usage: LanguageModelUsage | undefined;
  readonly #blocks = new Map<string, number>();
  readonly #pendingToolInputs = new Map<string, number>();

  /** Whether visible text reached the client: after that a failure is surfaced, never silently retried. */
  get streamedText(): boolean {
    return this.text !== '';
  }

  get finished(): boolean {
    return this.finishReason !== undefined;
  }

  /** Applies one part; an `error` part throws its error. */
  apply(part: LanguageModelStreamPart): DraftUpdate {
    switch (part.type) {
      case 'text-start':
        this.#open(`text:${part.id}`, { type: 'text', text: '' });
        return {};
      case 'text-delta': {
        if (part.delta === '') return {};
        const block = this.#block(`text:${part.id}`, () => ({ type: 'text', text: '' })) as { type: 'text'; text: string };
        const delta = (block.text === '' && this.text !== '' ? TEXT_BLOCK_SEPARATOR : '') + part.delta;
        block.text += part.delta;
        this.text += delta;
        return { text: { text: this.text, delta } };
      }
      case 'reasoning-start':
        this.#open(`reasoning:${part.id}`, { type: 'thinking', thinking: '' });
        return {};
      case 'reasoning-delta': {
        if (part.delta === '') return {};
        const block = this.#block(`reasoning:${part.id}`, () => ({ type: 'thinking', thinking: '' })) as StoredThinking;
        block.thinking += part.delta;
        this.thinking += part.delta;
        return { thinking: { text: this.thinking, delta: part.delta } };
      }
      case 'reasoning-end': {
        const block = this.#block(`reasoning:${part.id}`, () => ({ type: 'thinking', thinking: '' })) as StoredThinking;
        if (part.redactedData !== undefined) Object.assign(block, { thinking: '', thinkingSignature: part.redactedData, redacted: true });
        else if (part.signature !== undefined) block.thinkingSignature = part.signature;
        return {};
      }
      case 'tool-input-start':
        // Hold the position: the complete `tool-call` part fills it in.
        this.#pendingToolInputs.set(part.id, this.content.push({ type: 'toolCall', id: part.id, name: part.toolName, arguments: {} }) - 1);
        return {};
      case 'tool-call': {
        const input = parseObject(part.input);
        const item: Content = { type: 'toolCall', id: part.toolCallId, name: part.toolName, arguments: input ?? {} };
        const index = this.#pendingToolInputs.get(part.toolCallId);
        if (index === undefined) this.content.push(item);
        else {
          this.content[index] = item;
          this.#pendingToolInputs.delete(part.toolCallId);
        }
        this.toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, inputText: part.input, input });
        return {};
      }
      case 'finish':
        this.finishReason = part.finishReason;
        this.usage = part.usage;
        return {};
      case 'error':
        throw part.error;
      default:
        return {};
    }
  }

  /** The message for the transcript (incomplete tool inputs and empty blocks left out). */
  toMessage(options: {
    provider: string;
    model: string;
    api?: string;
    timestamp: number;
    stopReason?: NonNullable<AssistantMessage['stopReason']>;
    errorMessage?: string;
  }): AssistantMessage {
    const pending = new Set(this.#pendingToolInputs.values());
    const content = this.content.filter((item, index) => {
      if (pending.has(index)) return false;
      if (item.type === 'text') return item.text !== '';
      if (item.type === 'thinking') return item.thinking !== '' || (item as StoredThinking).thinkingSignature !== undefined;
      return true;
    });
    const usage = this.usage;
    const input = usage?.inputTokens ?? 0;
    const output = usage?.outputTokens ?? 0;
    const cacheRead = usage?.cacheReadTokens ?? 0;
    const cacheWrite = usage?.cacheWriteTokens ?? 0;
    return {
      role: 'assistant',
      content,
      ...(options.api === undefined ? {} : { api: options.api }),
      provider: options.provider,
      model: options.model,
      usage: {
        input,
        output,
        cacheRead,
        cacheWrite,
        totalTokens: usage?.totalTokens ?? input + output + cacheRead + cacheWrite,
        cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
      },
      stopReason: options.stopReason ?? stopReasonOf(this.finishReason),
      ...(options.errorMessage === undefined ? {} : { errorMessage: options.errorMessage }),
      timestamp: options.timestamp,
    };
  }

  #open(key: string, block: Content): void {
    this.#blocks.set(key, this.content.push(block) - 1);
  }

  #block(key: string, create: () => Content): Content {
    const index = this.#blocks.get(key);
    if (index !== undefined) return this.content[index] as Content;
    this.#open(key, create());
    return this.content.at(-1) as Content;
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stopReasonOf(finishReason: FinishReason | undefined): NonNullable<AssistantMessage['stopReason']> {
  if (finishReason === 'tool-calls') return 'toolUse';
  if (finishReason === 'length') return 'length';
  if (finishReason === 'error' || finishReason === 'content-filter') return 'error';
  return 'stop';
}
