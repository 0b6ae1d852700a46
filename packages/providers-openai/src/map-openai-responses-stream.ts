import type { FinishReason, LanguageModelStreamPart, LanguageModelUsage } from '@rusty-claw/plugin-sdk';
import { ProviderError } from '@rusty-claw/plugin-sdk';
import type { Response, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import { type ErrorContext, mapOpenAIError, mapOpenAIResponseFailure } from './map-openai-error.js';
import { encodeReasoningSignature } from './openai-reasoning.js';

/**
 * Responses API events → our stream parts. Items are keyed by their `id` (`item_id` on deltas): a message item
 * becomes a text block, a `function_call` item a tool input then a `tool-call`, a `reasoning` item a reasoning block
 * fed by summary (and, for open-weight models, raw reasoning) deltas. `response.completed` / `.incomplete` end it.
 */
export async function* mapOpenAIResponsesStream(
  events: AsyncIterable<ResponseStreamEvent>,
  context: ErrorContext & { abortSignal?: AbortSignal | undefined },
): AsyncGenerator<LanguageModelStreamPart> {
  const openText = new Set<string>();
  const openReasoning = new Set<string>();
  const toolCalls = new Map<string, { callId: string; name: string }>();
  let sawToolCall = false;

  function* text(itemId: string, delta: string): Generator<LanguageModelStreamPart> {
    if (!openText.has(itemId)) {
      openText.add(itemId);
      yield { type: 'text-start', id: itemId };
    }
    if (delta !== '') yield { type: 'text-delta', id: itemId, delta };
  }
  function* reasoning(itemId: string, delta: string): Generator<LanguageModelStreamPart> {
    if (!openReasoning.has(itemId)) {
      openReasoning.add(itemId);
      yield { type: 'reasoning-start', id: itemId };
    }
    if (delta !== '') yield { type: 'reasoning-delta', id: itemId, delta };
  }
  function* closeAll(): Generator<LanguageModelStreamPart> {
    for (const id of openReasoning) yield { type: 'reasoning-end', id };
    for (const id of openText) yield { type: 'text-end', id };
    // Tool calls still open here were cut off: closed, never emitted as calls.
    for (const id of toolCalls.values()) yield { type: 'tool-input-end', id: id.callId };
    openReasoning.clear();
    openText.clear();
    toolCalls.clear();
  }

  try {
    for await (const event of events) {
      switch (event.type) {
        case 'response.created':
          yield { type: 'response-metadata', id: event.response.id, modelId: event.response.model };
          break;
        case 'response.output_item.added':
          if (event.item.type === 'function_call') {
            const callId = event.item.call_id;
            toolCalls.set(event.item.id ?? callId, { callId, name: event.item.name });
            sawToolCall = true;
            yield { type: 'tool-input-start', id: callId, toolName: event.item.name };
          } else if (event.item.type === 'reasoning') {
            yield* reasoning(event.item.id, '');
          }
          break;
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          yield* text(event.item_id, event.delta);
          break;
        case 'response.reasoning_summary_part.added':
          // Summaries come in parts; keep them apart the way the ChatGPT UI does.
          if (event.summary_index > 0) yield* reasoning(event.item_id, '\n\n');
          break;
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          yield* reasoning(event.item_id, event.delta);
          break;
        case 'response.function_call_arguments.delta': {
          const call = toolCalls.get(event.item_id);
          if (call && event.delta !== '') yield { type: 'tool-input-delta', id: call.callId, delta: event.delta };
          break;
        }
        case 'response.output_item.done': {
          const item = event.item;
          if (item.type === 'function_call') {
            const key = item.id ?? item.call_id;
            toolCalls.delete(key);
            yield { type: 'tool-input-end', id: item.call_id };
            yield { type: 'tool-call', toolCallId: item.call_id, toolName: item.name, input: item.arguments === '' ? '{}' : item.arguments };
          } else if (item.type === 'reasoning') {
            yield* reasoning(item.id, '');
            openReasoning.delete(item.id);
            yield {
              type: 'reasoning-end',
              id: item.id,
              ...(item.encrypted_content ? { signature: encodeReasoningSignature(item.id, item.encrypted_content) } : {}),
            };
          } else if (item.type === 'message' && openText.delete(item.id)) {
            yield { type: 'text-end', id: item.id };
          }
          break;
        }
        case 'response.completed':
        case 'response.incomplete':
          yield* closeAll();
          yield { type: 'finish', finishReason: finishReasonOf(event.response, sawToolCall), usage: mapResponsesUsage(event.response.usage) };
          return;
        case 'response.failed': {
          yield* closeAll();
          yield { type: 'error', error: mapOpenAIResponseFailure(event.response.error, context) };
          return;
        }
        default:
          break;
      }
    }
  } catch (error) {
    yield* closeAll();
    yield { type: 'error', error: context.abortSignal?.aborted ? context.abortSignal.reason : mapOpenAIError(error, context) };
    return;
  }
  yield* closeAll();
  yield {
    type: 'error',
    error: context.abortSignal?.aborted
      ? context.abortSignal.reason
      : new ProviderError(`${context.provider} stream ended before response.completed (connection cut?)`, {
          kind: 'network',
          provider: context.provider,
          modelId: context.modelId,
        }),
  };
}

function finishReasonOf(response: Response, sawToolCall: boolean): FinishReason {
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason;
    return reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'content-filter' : 'other';
  }
  return sawToolCall ? 'tool-calls' : 'stop';
}

/** As `mapChatUsage`: `input_tokens` includes cache reads and writes, which are reported apart. */
export function mapResponsesUsage(usage: ResponseUsage | null | undefined): LanguageModelUsage {
  if (!usage) return { inputTokens: undefined, outputTokens: undefined };
  const cached = usage.input_tokens_details?.cached_tokens ?? 0;
  // Older deployments and compatible servers omit `cache_write_tokens`; absent means unknown, not zero.
  const cacheWrite = usage.input_tokens_details?.cache_write_tokens as number | undefined;
  return {
    inputTokens: usage.input_tokens - cached - (cacheWrite ?? 0),
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens,
    cacheReadTokens: cached,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens ?? undefined,
  };
}
