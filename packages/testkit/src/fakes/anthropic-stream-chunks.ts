import { formatSseEvent } from '../fake-server/format-sse-event.js';

/** One content block of a scripted Anthropic turn. */
export type AnthropicFakeBlock =
  | { type: 'text'; deltas: string[] }
  | { type: 'thinking'; deltas: string[]; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; inputChunks: string[] };

export interface AnthropicFakeUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** A scripted assistant turn, replayed as the Messages API's SSE events. */
export interface AnthropicFakeTurn {
  blocks: AnthropicFakeBlock[];
  stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';
  usage?: AnthropicFakeUsage;
  id?: string;
  model?: string;
  /** Emit a `ping` event after `message_start` (the real API does; clients must ignore it). Default true. */
  ping?: boolean;
}

const event = (name: string, data: Record<string, unknown>): string => formatSseEvent({ type: name, ...data }, name);

/**
 * The SSE blocks of one Messages API stream, in the order the API sends them (ecosystem notes §3): `message_start`
 * (input and cache usage), `ping`, per block `content_block_start` / `content_block_delta`… / `content_block_stop`,
 * then `message_delta` (stop reason, output tokens) and `message_stop`.
 */
export function anthropicStreamChunks(turn: AnthropicFakeTurn): string[] {
  const usage = turn.usage ?? { inputTokens: 10, outputTokens: 5 };
  const stopReason = turn.stopReason ?? (turn.blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn');
  const chunks = [anthropicMessageStart(turn)];
  if (turn.ping !== false) chunks.push(event('ping', {}));
  turn.blocks.forEach((block, index) => chunks.push(...anthropicBlockChunks(block, index)));
  chunks.push(
    event('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
    event('message_stop', {}),
  );
  return chunks;
}

export function anthropicMessageStart(turn: Pick<AnthropicFakeTurn, 'id' | 'model' | 'usage'>): string {
  const usage = turn.usage ?? { inputTokens: 10, outputTokens: 5 };
  return event('message_start', {
    message: {
      id: turn.id ?? 'msg_01FakeTurn',
      type: 'message',
      role: 'assistant',
      model: turn.model ?? 'claude-sonnet-4-6',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: usage.inputTokens,
        cache_creation_input_tokens: usage.cacheWriteTokens ?? 0,
        cache_read_input_tokens: usage.cacheReadTokens ?? 0,
        cache_creation: { ephemeral_5m_input_tokens: usage.cacheWriteTokens ?? 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 1,
        service_tier: 'standard',
      },
    },
  });
}

export function anthropicBlockChunks(block: AnthropicFakeBlock, index: number): string[] {
  const delta = (value: Record<string, unknown>): string => event('content_block_delta', { index, delta: value });
  const stop = event('content_block_stop', { index });
  switch (block.type) {
    case 'text':
      return [
        event('content_block_start', { index, content_block: { type: 'text', text: '', citations: null } }),
        ...block.deltas.map((text) => delta({ type: 'text_delta', text })),
        stop,
      ];
    case 'thinking':
      return [
        event('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
        ...block.deltas.map((thinking) => delta({ type: 'thinking_delta', thinking })),
        delta({ type: 'signature_delta', signature: block.signature }),
        stop,
      ];
    case 'redacted_thinking':
      return [event('content_block_start', { index, content_block: { type: 'redacted_thinking', data: block.data } }), stop];
    case 'tool_use':
      return [
        event('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }),
        ...block.inputChunks.map((partial_json) => delta({ type: 'input_json_delta', partial_json })),
        stop,
      ];
  }
}

/** `event: error` inside a 200 stream, as the API sends it when it overloads mid-response. */
export function anthropicStreamErrorChunk(type = 'overloaded_error', message = 'Overloaded'): string {
  return formatSseEvent({ type: 'error', error: { type, message } }, 'error');
}
