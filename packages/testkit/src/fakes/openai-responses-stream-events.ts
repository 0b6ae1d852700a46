import { formatSseEvent } from '../fake-server/format-sse-event.js';

/** One output item of a scripted Responses API turn. */
export type OpenAIResponsesFakeItem =
  | { type: 'message'; id?: string; deltas: string[] }
  | { type: 'reasoning'; id?: string; summaryDeltas: string[]; encryptedContent?: string }
  | { type: 'function_call'; id?: string; callId: string; name: string; argumentChunks: string[] };

export interface OpenAIResponsesFakeUsage {
  /** Counts cached tokens too, as the API does. */
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
  /** Tokens written to the prompt cache (`input_tokens_details.cache_write_tokens`), also inside `inputTokens`. */
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

/** A scripted Responses API turn, replayed as `event:` + `data:` SSE blocks with increasing `sequence_number`s. */
export interface OpenAIResponsesFakeTurn {
  items: OpenAIResponsesFakeItem[];
  usage?: OpenAIResponsesFakeUsage;
  /** `incomplete` ends with `response.incomplete` and `incomplete_details.reason`. Default `completed`. */
  status?: 'completed' | 'incomplete';
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  id?: string;
  model?: string;
}

/** Numbers the events of one stream; the SDK does not check them, but clients that resume by sequence do. */
export class OpenAIResponsesEventWriter {
  #sequence = 0;
  event(type: string, data: Record<string, unknown>): string {
    return formatSseEvent({ type, sequence_number: this.#sequence++, ...data }, type);
  }
}

/** The `response` object as `response.created` / `.completed` carry it. */
export function openaiResponseObject(
  turn: Pick<OpenAIResponsesFakeTurn, 'id' | 'model' | 'usage' | 'incompleteReason'>,
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed',
  output: unknown[],
  error: { code: string; message: string } | null = null,
): Record<string, unknown> {
  const usage = turn.usage;
  return {
    id: turn.id ?? 'resp_fake01',
    object: 'response',
    created_at: 1767225600,
    status,
    error,
    incomplete_details: status === 'incomplete' ? { reason: turn.incompleteReason ?? 'max_output_tokens' } : null,
    instructions: null,
    max_output_tokens: null,
    model: turn.model ?? 'gpt-5-mini-2026-01-01',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage:
      status === 'in_progress' || !usage
        ? null
        : {
            input_tokens: usage.inputTokens,
            input_tokens_details: { cached_tokens: usage.cachedTokens ?? 0, cache_write_tokens: usage.cacheWriteTokens ?? 0 },
            output_tokens: usage.outputTokens,
            output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
            total_tokens: usage.inputTokens + usage.outputTokens,
          },
    user: null,
    metadata: {},
  };
}

/** `response.created` then `response.in_progress`: how every stream opens. */
export function openaiResponsesOpening(writer: OpenAIResponsesEventWriter, turn: Pick<OpenAIResponsesFakeTurn, 'id' | 'model'>): string[] {
  return [
    writer.event('response.created', { response: openaiResponseObject(turn, 'in_progress', []) }),
    writer.event('response.in_progress', { response: openaiResponseObject(turn, 'in_progress', []) }),
  ];
}

/**
 * The events of one output item (ecosystem notes §3): `output_item.added`, the item's own deltas (text content
 * part, reasoning summary part, or function-call arguments), their `*.done`, then `output_item.done` with the item.
 * Returns the SSE blocks and the finished item (for the closing `response.completed`).
 */
export function openaiResponsesItemEvents(
  writer: OpenAIResponsesEventWriter,
  item: OpenAIResponsesFakeItem,
  outputIndex: number,
): { chunks: string[]; done: Record<string, unknown> } {
  const at = { output_index: outputIndex };
  const chunks: string[] = [];
  switch (item.type) {
    case 'message': {
      const id = item.id ?? `msg_fake${outputIndex}`;
      const text = item.deltas.join('');
      const part = { item_id: id, ...at, content_index: 0 };
      const done = { id, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
      chunks.push(writer.event('response.output_item.added', { ...at, item: { ...done, status: 'in_progress', content: [] } }));
      chunks.push(writer.event('response.content_part.added', { ...part, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }));
      for (const delta of item.deltas) chunks.push(writer.event('response.output_text.delta', { ...part, delta, logprobs: [] }));
      chunks.push(writer.event('response.output_text.done', { ...part, text, logprobs: [] }));
      chunks.push(writer.event('response.content_part.done', { ...part, part: done.content[0] }));
      chunks.push(writer.event('response.output_item.done', { ...at, item: done }));
      return { chunks, done };
    }
    case 'reasoning': {
      const id = item.id ?? `rs_fake${outputIndex}`;
      const text = item.summaryDeltas.join('');
      const summary = text === '' ? [] : [{ type: 'summary_text', text }];
      const done = { id, type: 'reasoning', summary, ...(item.encryptedContent ? { encrypted_content: item.encryptedContent } : {}) };
      chunks.push(writer.event('response.output_item.added', { ...at, item: { id, type: 'reasoning', summary: [] } }));
      if (text !== '') {
        const part = { item_id: id, ...at, summary_index: 0 };
        chunks.push(writer.event('response.reasoning_summary_part.added', { ...part, part: { type: 'summary_text', text: '' } }));
        for (const delta of item.summaryDeltas) chunks.push(writer.event('response.reasoning_summary_text.delta', { ...part, delta }));
        chunks.push(writer.event('response.reasoning_summary_text.done', { ...part, text }));
        chunks.push(writer.event('response.reasoning_summary_part.done', { ...part, part: summary[0] }));
      }
      chunks.push(writer.event('response.output_item.done', { ...at, item: done }));
      return { chunks, done };
    }
    case 'function_call': {
      const id = item.id ?? `fc_fake${outputIndex}`;
      const args = item.argumentChunks.join('');
      const done = { id, type: 'function_call', status: 'completed', call_id: item.callId, name: item.name, arguments: args };
      chunks.push(writer.event('response.output_item.added', { ...at, item: { ...done, status: 'in_progress', arguments: '' } }));
      for (const delta of item.argumentChunks) chunks.push(writer.event('response.function_call_arguments.delta', { item_id: id, ...at, delta }));
      chunks.push(writer.event('response.function_call_arguments.done', { item_id: id, ...at, name: item.name, arguments: args }));
      chunks.push(writer.event('response.output_item.done', { ...at, item: done }));
      return { chunks, done };
    }
  }
}

/** The SSE blocks of one complete Responses API stream, ending with `response.completed` (or `.incomplete`). */
export function openaiResponsesStreamEvents(turn: OpenAIResponsesFakeTurn): string[] {
  const writer = new OpenAIResponsesEventWriter();
  const chunks = openaiResponsesOpening(writer, turn);
  const output: unknown[] = [];
  turn.items.forEach((item, index) => {
    const events = openaiResponsesItemEvents(writer, item, index);
    chunks.push(...events.chunks);
    output.push(events.done);
  });
  const status = turn.status ?? 'completed';
  chunks.push(writer.event(`response.${status}`, { response: openaiResponseObject(turn, status, output) }));
  return chunks;
}

/** A `response.failed` event (the model failed after the stream began), e.g. `server_error`. */
export function openaiResponsesFailedEvent(
  writer: OpenAIResponsesEventWriter,
  error: { code: string; message: string },
  turn: Pick<OpenAIResponsesFakeTurn, 'id' | 'model'> = {},
): string {
  return writer.event('response.failed', { response: openaiResponseObject(turn, 'failed', [], error) });
}

/** A top-level `event: error` (the SDK throws it as an `APIError` without status). */
export function openaiResponsesErrorEvent(writer: OpenAIResponsesEventWriter, error: { code: string | null; message: string }): string {
  return writer.event('error', { code: error.code, message: error.message, param: null });
}
