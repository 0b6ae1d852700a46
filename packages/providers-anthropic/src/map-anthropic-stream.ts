import { ProviderError, type FinishReason, type LanguageModelStreamPart, type LanguageModelUsage } from '@rusty-claw/plugin-sdk';
import type { MessageDeltaUsage, RawMessageStreamEvent, StopReason, Usage } from '@anthropic-ai/sdk/resources/messages';
import { classifyAnthropicError, type ErrorContext } from './classify-anthropic-error.js';

type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string; signature: string | undefined }
  | { kind: 'redacted'; id: string; data: string }
  | { kind: 'tool'; id: string; toolName: string; input: string }
  | { kind: 'ignored' };

export interface MapAnthropicStreamOptions extends ErrorContext {
  abortSignal?: AbortSignal | undefined;
}

/**
 * Raw Messages API events → our stream parts, pulled one event at a time (back-pressure reaches the socket).
 * Mid-stream failures become one final `error` part; a caller's abort errors the stream with the abort reason
 * instead, because it is not a provider failure and must not trigger failover.
 */
export function mapAnthropicStream(events: AsyncIterable<RawMessageStreamEvent>, options: MapAnthropicStreamOptions): ReadableStream<LanguageModelStreamPart> {
  const iterator = events[Symbol.asyncIterator]();
  const blocks = new Map<number, OpenBlock>();
  const usage: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number } = {};
  let stopReason: StopReason | null = null;
  let finished = false;

  const takeUsage = (value: Partial<Usage> | MessageDeltaUsage | undefined): void => {
    if (!value) return;
    if (typeof value.input_tokens === 'number') usage.input = value.input_tokens;
    if (typeof value.output_tokens === 'number') usage.output = value.output_tokens;
    if (typeof value.cache_read_input_tokens === 'number') usage.cacheRead = value.cache_read_input_tokens;
    if (typeof value.cache_creation_input_tokens === 'number') usage.cacheWrite = value.cache_creation_input_tokens;
  };

  const mapEvent = (event: RawMessageStreamEvent): LanguageModelStreamPart[] => {
    switch (event.type) {
      case 'message_start':
        takeUsage(event.message.usage);
        return [{ type: 'response-metadata', id: event.message.id, modelId: event.message.model }];
      case 'content_block_start': {
        const id = String(event.index);
        const block = event.content_block;
        switch (block.type) {
          case 'text':
            blocks.set(event.index, { kind: 'text', id });
            return block.text ? [{ type: 'text-start', id }, { type: 'text-delta', id, delta: block.text }] : [{ type: 'text-start', id }];
          case 'thinking':
            blocks.set(event.index, { kind: 'reasoning', id, signature: block.signature || undefined });
            return block.thinking ? [{ type: 'reasoning-start', id }, { type: 'reasoning-delta', id, delta: block.thinking }] : [{ type: 'reasoning-start', id }];
          case 'redacted_thinking':
            blocks.set(event.index, { kind: 'redacted', id, data: block.data });
            return [{ type: 'reasoning-start', id }];
          case 'tool_use':
            blocks.set(event.index, { kind: 'tool', id: block.id, toolName: block.name, input: '' });
            return [{ type: 'tool-input-start', id: block.id, toolName: block.name }];
          default:
            // Server tools (web search, code execution) are not enabled by this provider; ignore their blocks.
            blocks.set(event.index, { kind: 'ignored' });
            return [];
        }
      }
      case 'content_block_delta': {
        const block = blocks.get(event.index);
        const delta = event.delta;
        if (!block || block.kind === 'ignored') return [];
        if (delta.type === 'text_delta' && block.kind === 'text') return [{ type: 'text-delta', id: block.id, delta: delta.text }];
        if (delta.type === 'thinking_delta' && block.kind === 'reasoning') return [{ type: 'reasoning-delta', id: block.id, delta: delta.thinking }];
        if (delta.type === 'signature_delta' && block.kind === 'reasoning') {
          block.signature = delta.signature;
          return [];
        }
        if (delta.type === 'input_json_delta' && block.kind === 'tool') {
          block.input += delta.partial_json;
          return delta.partial_json ? [{ type: 'tool-input-delta', id: block.id, delta: delta.partial_json }] : [];
        }
        return [];
      }
      case 'content_block_stop': {
        const block = blocks.get(event.index);
        blocks.delete(event.index);
        switch (block?.kind) {
          case 'text':
            return [{ type: 'text-end', id: block.id }];
          case 'reasoning':
            return [block.signature === undefined ? { type: 'reasoning-end', id: block.id } : { type: 'reasoning-end', id: block.id, signature: block.signature }];
          case 'redacted':
            return [{ type: 'reasoning-end', id: block.id, redactedData: block.data }];
          case 'tool':
            return [
              { type: 'tool-input-end', id: block.id },
              // A tool without parameters streams no JSON at all; the call still needs an object.
              { type: 'tool-call', toolCallId: block.id, toolName: block.toolName, input: block.input === '' ? '{}' : block.input },
            ];
          default:
            return [];
        }
      }
      case 'message_delta':
        stopReason = event.delta.stop_reason ?? stopReason;
        takeUsage(event.usage);
        return [];
      case 'message_stop':
        finished = true;
        return [{ type: 'finish', finishReason: mapStopReason(stopReason), usage: toUsage(usage) }];
      default:
        return [];
    }
  };

  return new ReadableStream<LanguageModelStreamPart>({
    async pull(controller) {
      for (;;) {
        let next: IteratorResult<RawMessageStreamEvent>;
        try {
          next = await iterator.next();
        } catch (error) {
          if (options.abortSignal?.aborted) controller.error(options.abortSignal.reason);
          else {
            controller.enqueue({ type: 'error', error: classifyAnthropicError(error, options) });
            controller.close();
          }
          return;
        }
        if (next.done) {
          // The SDK ends its iterator quietly when the request is aborted: surface the abort to our reader.
          if (options.abortSignal?.aborted) controller.error(options.abortSignal.reason);
          else {
            if (!finished) {
              controller.enqueue({
                type: 'error',
                error: new ProviderError(`${options.provider}: the event stream ended before message_stop`, {
                  kind: 'network',
                  provider: options.provider,
                  modelId: options.modelId,
                }),
              });
            }
            controller.close();
          }
          return;
        }
        const parts = mapEvent(next.value);
        for (const part of parts) controller.enqueue(part);
        if (finished) {
          // Nothing may follow finish; release the connection now instead of waiting for the server to close it.
          await iterator.return?.();
          controller.close();
          return;
        }
        if (parts.length > 0) return;
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function mapStopReason(reason: StopReason | null): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}

function toUsage(usage: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number }): LanguageModelUsage {
  const total =
    usage.input === undefined && usage.output === undefined ? undefined : (usage.input ?? 0) + (usage.output ?? 0) + (usage.cacheRead ?? 0) + (usage.cacheWrite ?? 0);
  return {
    inputTokens: usage.input,
    outputTokens: usage.output,
    cacheReadTokens: usage.cacheRead,
    cacheWriteTokens: usage.cacheWrite,
    totalTokens: total,
  };
}
