import { formatSseEvent } from '../fake-server/format-sse-event.js';

/** A tool call of a scripted Chat Completions turn; `argumentChunks` concatenate to its JSON arguments. */
export interface OpenAIChatFakeToolCall {
  id: string;
  name: string;
  argumentChunks: string[];
}

export interface OpenAIChatFakeUsage {
  /** Counts cached tokens too, as the API does. */
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

/** A scripted assistant turn, replayed as Chat Completions `chat.completion.chunk`s. */
export interface OpenAIChatFakeTurn {
  /**
   * Reasoning deltas in the `reasoning_content` field that OpenAI-compatible servers (DeepSeek, Ollama; OpenRouter
   * calls it `reasoning`) add to a delta. api.openai.com itself never streams reasoning on this API.
   */
  reasoning?: string[];
  reasoningField?: 'reasoning_content' | 'reasoning';
  text?: string[];
  toolCalls?: OpenAIChatFakeToolCall[];
  /** Send the tool calls' argument fragments round-robin, as parallel calls arrive. Default false. */
  interleaveToolCalls?: boolean;
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** Sent in a last chunk with `choices: []`, as with `stream_options.include_usage`. Omit for none. */
  usage?: OpenAIChatFakeUsage;
  id?: string;
  model?: string;
  /** Append `data: [DONE]`. Default true. */
  done?: boolean;
}

const created = 1767225600; // 2026-01-01T00:00:00Z: a fixed clock keeps recorded bodies stable.

/** One `chat.completion.chunk` SSE block (`data: {…}`, no `event:` line). */
export function openaiChatChunk(
  turn: Pick<OpenAIChatFakeTurn, 'id' | 'model'>,
  choice: { delta: Record<string, unknown>; finish_reason?: string | null } | undefined,
  usage?: Record<string, unknown> | null,
): string {
  return formatSseEvent({
    id: turn.id ?? 'chatcmpl-FakeTurn01',
    object: 'chat.completion.chunk',
    created,
    model: turn.model ?? 'gpt-5-mini-2026-01-01',
    system_fingerprint: 'fp_fake01',
    service_tier: 'default',
    choices: choice ? [{ index: 0, delta: choice.delta, logprobs: null, finish_reason: choice.finish_reason ?? null }] : [],
    ...(usage === undefined ? {} : { usage }),
  });
}

/** The wire `usage` object (the `include_usage` chunk), with the detail objects the API always sends. */
export function openaiChatUsage(usage: OpenAIChatFakeUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * The SSE blocks of one Chat Completions stream (ecosystem notes §3): a role chunk, content deltas, tool-call
 * fragments keyed by `index` (the first carries `id`, `type` and `function.name`), a chunk with the
 * `finish_reason`, the usage chunk (`choices: []`), then `data: [DONE]`.
 */
export function openaiChatStreamChunks(turn: OpenAIChatFakeTurn): string[] {
  const toolCalls = turn.toolCalls ?? [];
  const finishReason = turn.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
  const chunks = [openaiChatChunk(turn, { delta: { role: 'assistant', content: '', refusal: null } })];
  const field = turn.reasoningField ?? 'reasoning_content';
  for (const delta of turn.reasoning ?? []) chunks.push(openaiChatChunk(turn, { delta: { [field]: delta } }));
  for (const delta of turn.text ?? []) chunks.push(openaiChatChunk(turn, { delta: { content: delta } }));
  chunks.push(...openaiChatToolCallChunks(turn, toolCalls, turn.interleaveToolCalls ?? false));
  chunks.push(openaiChatChunk(turn, { delta: {}, finish_reason: finishReason }));
  if (turn.usage) chunks.push(openaiChatChunk(turn, undefined, openaiChatUsage(turn.usage)));
  if (turn.done !== false) chunks.push(formatSseEvent('[DONE]'));
  return chunks;
}

/** Tool-call fragments: a header per call (`id`, `name`, empty arguments), then the argument chunks. */
export function openaiChatToolCallChunks(
  turn: Pick<OpenAIChatFakeTurn, 'id' | 'model'>,
  toolCalls: OpenAIChatFakeToolCall[],
  interleave: boolean,
): string[] {
  const header = (call: OpenAIChatFakeToolCall, index: number): string =>
    openaiChatChunk(turn, {
      delta: { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] },
    });
  const fragment = (index: number, args: string): string =>
    openaiChatChunk(turn, { delta: { tool_calls: [{ index, function: { arguments: args } }] } });
  if (!interleave) {
    return toolCalls.flatMap((call, index) => [header(call, index), ...call.argumentChunks.map((args) => fragment(index, args))]);
  }
  const chunks = toolCalls.map((call, index) => header(call, index));
  const longest = Math.max(0, ...toolCalls.map((call) => call.argumentChunks.length));
  for (let step = 0; step < longest; step++) {
    toolCalls.forEach((call, index) => {
      const args = call.argumentChunks[step];
      if (args !== undefined) chunks.push(fragment(index, args));
    });
  }
  return chunks;
}
