import { createFakeServer } from '../fake-server/create-fake-server.js';
import type { FakeResponse, FakeServer, FakeServerCall } from '../fake-server/fake-server-types.js';
import { anthropicErrorResponse } from './anthropic-error-response.js';
import { anthropicStreamChunks, type AnthropicFakeTurn } from './anthropic-stream-chunks.js';

export interface AnthropicFakeServerOptions {
  /** When set, requests must carry this key (as `x-api-key` or `Authorization: Bearer`); otherwise any key passes. */
  apiKey?: string;
  /** Answers of `POST /v1/messages`, one per call, in order: a scripted turn or any raw fake response. */
  turns?: Array<AnthropicFakeTurn | FakeResponse>;
  /** Ids served by `GET /v1/models`. */
  models?: string[];
}

export interface AnthropicFakeServer extends FakeServer {
  /** Queue more answers for `POST /v1/messages`. */
  enqueue(...turns: Array<AnthropicFakeTurn | FakeResponse>): void;
  /** The JSON bodies of the `POST /v1/messages` calls so far. */
  readonly messageRequests: unknown[];
}

/**
 * A fake Anthropic Messages API for agent end-to-end tests: checks auth and `anthropic-version` like the real API,
 * replays scripted turns as SSE (or as one JSON message when `stream` is not set), and serves `GET /v1/models`.
 * Both auth styles are accepted: `x-api-key` (SDK 0.x) and `Authorization: Bearer` (SDK 1.x).
 */
export function createAnthropicFakeServer(options: AnthropicFakeServerOptions = {}): AnthropicFakeServer {
  const queue = [...(options.turns ?? [])];
  const server = createFakeServer({
    'POST /v1/messages': ({ request }) => {
      const rejected = checkRequest(request, options.apiKey);
      if (rejected) return rejected;
      const next = queue.shift();
      if (next === undefined) return anthropicErrorResponse(500, 'api_error', 'fake Anthropic server: no scripted turn left');
      if (!isTurn(next)) return next;
      const body = request.bodyJson as { stream?: boolean; model: string };
      const turn = { model: body.model, ...next };
      return body.stream === true
        ? { type: 'sse', chunks: anthropicStreamChunks(turn), headers: { 'request-id': 'req_01FakeStream' } }
        : { type: 'json', body: anthropicMessageJson(turn) };
    },
    'GET /v1/models': ({ request }) =>
      checkAuth(request, options.apiKey) ?? {
        type: 'json',
        body: {
          data: (options.models ?? ['claude-sonnet-4-6', 'claude-opus-5']).map((id) => ({
            type: 'model',
            id,
            display_name: id,
            created_at: '2026-01-01T00:00:00Z',
          })),
          has_more: false,
          first_id: null,
          last_id: null,
        },
      },
  });
  // defineProperties, not Object.assign: assign would read the getter once instead of copying it.
  return Object.defineProperties(server, {
    enqueue: {
      value: (...turns: Array<AnthropicFakeTurn | FakeResponse>) => {
        queue.push(...turns);
      },
    },
    messageRequests: {
      get: () => server.calls.filter((call) => call.route === 'POST /v1/messages').map((call) => call.bodyJson),
    },
  }) as AnthropicFakeServer;
}

function isTurn(value: AnthropicFakeTurn | FakeResponse): value is AnthropicFakeTurn {
  return 'blocks' in value;
}

function checkAuth(request: FakeServerCall, apiKey: string | undefined): FakeResponse | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const header = request.headers['x-api-key'];
  const key = typeof header === 'string' ? header : bearer;
  if (key === undefined) return anthropicErrorResponse(401, 'authentication_error', 'x-api-key header is required');
  if (apiKey !== undefined && key !== apiKey) return anthropicErrorResponse(401, 'authentication_error', 'invalid x-api-key');
  return undefined;
}

function checkRequest(request: FakeServerCall, apiKey: string | undefined): FakeResponse | undefined {
  const unauthorized = checkAuth(request, apiKey);
  if (unauthorized) return unauthorized;
  if (request.headers['anthropic-version'] === undefined) {
    return anthropicErrorResponse(400, 'invalid_request_error', 'anthropic-version: header is required');
  }
  const body = request.bodyJson as Record<string, unknown> | undefined;
  for (const field of ['model', 'max_tokens', 'messages'] as const) {
    if (body?.[field] === undefined) return anthropicErrorResponse(400, 'invalid_request_error', `${field}: Field required`);
  }
  return undefined;
}

/** The non-streaming `Message` for a scripted turn (what `stream: false` gets). */
function anthropicMessageJson(turn: AnthropicFakeTurn): Record<string, unknown> {
  const usage = turn.usage ?? { inputTokens: 10, outputTokens: 5 };
  return {
    id: turn.id ?? 'msg_01FakeTurn',
    type: 'message',
    role: 'assistant',
    model: turn.model ?? 'claude-sonnet-4-6',
    content: turn.blocks.map((block) => {
      switch (block.type) {
        case 'text':
          return { type: 'text', text: block.deltas.join(''), citations: null };
        case 'thinking':
          return { type: 'thinking', thinking: block.deltas.join(''), signature: block.signature };
        case 'redacted_thinking':
          return { type: 'redacted_thinking', data: block.data };
        case 'tool_use':
          return { type: 'tool_use', id: block.id, name: block.name, input: JSON.parse(block.inputChunks.join('') || '{}') as unknown };
      }
    }),
    stop_reason: turn.stopReason ?? (turn.blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: {
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_creation_input_tokens: usage.cacheWriteTokens ?? 0,
      cache_read_input_tokens: usage.cacheReadTokens ?? 0,
    },
  };
}
