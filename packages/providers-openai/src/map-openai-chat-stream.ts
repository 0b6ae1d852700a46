import type { FinishReason, LanguageModelStreamPart, LanguageModelUsage } from '@rusty-claw/plugin-sdk';
import { ProviderError } from '@rusty-claw/plugin-sdk';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { type ErrorContext, mapOpenAIError } from './map-openai-error.js';

interface OpenToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Fields OpenAI-compatible servers add to a delta: DeepSeek and Ollama `reasoning_content`, OpenRouter `reasoning`. */
interface ReasoningDelta {
  reasoning_content?: string | null;
  reasoning?: string | null;
}

/**
 * Chat Completions chunks → our stream parts. Tool calls arrive as fragments keyed by `index` (parallel calls
 * interleave), so each is buffered until the stream says it is finished. `finish` is emitted only after the last
 * chunk, because with `stream_options.include_usage` the usage arrives in an extra chunk after `finish_reason`.
 */
export async function* mapOpenAIChatStream(
  chunks: AsyncIterable<ChatCompletionChunk>,
  context: ErrorContext & { abortSignal?: AbortSignal | undefined },
): AsyncGenerator<LanguageModelStreamPart> {
  let finishReason: FinishReason | undefined;
  let usage: LanguageModelUsage = { inputTokens: undefined, outputTokens: undefined };
  let metadataSent = false;
  let text: string | undefined;
  let reasoning: string | undefined;
  let blockCount = 0;
  const toolCalls = new Map<number, OpenToolCall>();

  function* closeText(): Generator<LanguageModelStreamPart> {
    if (text !== undefined) yield { type: 'text-end', id: text };
    text = undefined;
  }
  function* closeReasoning(): Generator<LanguageModelStreamPart> {
    if (reasoning !== undefined) yield { type: 'reasoning-end', id: reasoning };
    reasoning = undefined;
  }
  function* finishToolCall(index: number, complete = true): Generator<LanguageModelStreamPart> {
    const call = toolCalls.get(index);
    if (!call) return;
    toolCalls.delete(index);
    yield { type: 'tool-input-end', id: call.id };
    // A call cut off mid-arguments is closed but never emitted: running it on half its input would be wrong.
    if (!complete) return;
    // Some servers send no argument fragments for a no-argument tool; `{}` is what the tool's schema will see.
    yield { type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.arguments === '' ? '{}' : call.arguments };
  }

  try {
    for await (const chunk of chunks) {
      if (!metadataSent && (chunk.id || chunk.model)) {
        metadataSent = true;
        yield { type: 'response-metadata', ...(chunk.id ? { id: chunk.id } : {}), ...(chunk.model ? { modelId: chunk.model } : {}) };
      }
      if (chunk.usage) usage = mapChatUsage(chunk.usage);
      // Typed as required, but some compatible servers omit `choices` on their usage-only chunk.
      const choice = (chunk.choices as ChatCompletionChunk['choices'] | undefined)?.[0];
      if (!choice) continue;
      const delta = choice.delta as (typeof choice.delta & ReasoningDelta) | undefined;

      const reasoningDelta = delta?.reasoning_content ?? delta?.reasoning;
      if (reasoningDelta) {
        if (reasoning === undefined) {
          reasoning = `reasoning-${blockCount++}`;
          yield { type: 'reasoning-start', id: reasoning };
        }
        yield { type: 'reasoning-delta', id: reasoning, delta: reasoningDelta };
      }
      if (delta?.content) {
        yield* closeReasoning();
        if (text === undefined) {
          text = `text-${blockCount++}`;
          yield { type: 'text-start', id: text };
        }
        yield { type: 'text-delta', id: text, delta: delta.content };
      }
      for (const fragment of delta?.tool_calls ?? []) {
        let call = toolCalls.get(fragment.index);
        // A new id at a known index is a new call (servers that send every call whole, at index 0).
        if (call && fragment.id && fragment.id !== call.id) {
          yield* finishToolCall(fragment.index);
          call = undefined;
        }
        if (!call) {
          yield* closeReasoning();
          yield* closeText();
          call = {
            // Servers that omit the id (some Ollama versions) get one that is stable within this response.
            id: fragment.id ?? `call_${chunk.id || 'openai'}_${fragment.index}`,
            name: fragment.function?.name ?? '',
            arguments: '',
          };
          toolCalls.set(fragment.index, call);
          yield { type: 'tool-input-start', id: call.id, toolName: call.name };
        }
        const args = fragment.function?.arguments;
        if (args) {
          call.arguments += args;
          yield { type: 'tool-input-delta', id: call.id, delta: args };
        }
      }
      if (choice.finish_reason) finishReason = mapChatFinishReason(choice.finish_reason);
    }
  } catch (error) {
    yield* closeOpenBlocks(false);
    yield { type: 'error', error: context.abortSignal?.aborted ? context.abortSignal.reason : mapOpenAIError(error, context) };
    return;
  }

  yield* closeOpenBlocks(finishReason !== undefined);
  if (finishReason === undefined) {
    // The SDK ends quietly both on an abort and on a body that stops before `finish_reason`: tell them apart.
    yield {
      type: 'error',
      error: context.abortSignal?.aborted
        ? context.abortSignal.reason
        : new ProviderError(`${context.provider} stream ended before the response finished (connection cut?)`, {
            kind: 'network',
            provider: context.provider,
            modelId: context.modelId,
          }),
    };
    return;
  }
  yield { type: 'finish', finishReason, usage };

  function* closeOpenBlocks(complete: boolean): Generator<LanguageModelStreamPart> {
    yield* closeReasoning();
    yield* closeText();
    for (const index of [...toolCalls.keys()].sort((a, b) => a - b)) yield* finishToolCall(index, complete);
  }
}

export function mapChatFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

/**
 * Usage in our convention (OpenClaw's): `inputTokens` are the uncached prompt tokens, cache reads are reported
 * apart. OpenAI counts `cached_tokens` inside `prompt_tokens`, so they are subtracted here.
 */
export function mapChatUsage(usage: CompletionUsage): LanguageModelUsage {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: usage.prompt_tokens - cached,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    cacheReadTokens: cached,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? undefined,
  };
}
