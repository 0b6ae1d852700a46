import { createFakeServer } from '../fake-server/create-fake-server.js';
import type { FakeResponse, FakeServer, FakeServerCall } from '../fake-server/fake-server-types.js';
import { openaiChatStreamChunks, type OpenAIChatFakeTurn } from './openai-chat-stream-chunks.js';
import { openaiErrorResponse } from './openai-error-response.js';
import { openaiResponsesStreamEvents, type OpenAIResponsesFakeTurn } from './openai-responses-stream-events.js';

export interface OpenAIFakeServerOptions {
  /** When set, `Authorization: Bearer <apiKey>` must match; otherwise any bearer token passes (none fails). */
  apiKey?: string;
  /** Let requests without `Authorization` through (Ollama needs no key). Default false. */
  allowAnonymous?: boolean;
  /** Answers of `POST /v1/chat/completions`, one per call, in order: a scripted turn or any raw fake response. */
  chatTurns?: Array<OpenAIChatFakeTurn | FakeResponse>;
  /** Answers of `POST /v1/responses`, one per call, in order. */
  responsesTurns?: Array<OpenAIResponsesFakeTurn | FakeResponse>;
  /** Ids served by `GET /v1/models`. */
  models?: string[];
}

export interface OpenAIFakeServer extends FakeServer {
  enqueueChat(...turns: Array<OpenAIChatFakeTurn | FakeResponse>): void;
  enqueueResponses(...turns: Array<OpenAIResponsesFakeTurn | FakeResponse>): void;
  /** JSON bodies of the `POST /v1/chat/completions` calls so far. */
  readonly chatRequests: unknown[];
  /** JSON bodies of the `POST /v1/responses` calls so far. */
  readonly responsesRequests: unknown[];
}

/**
 * A fake OpenAI API (and, by shape, OpenRouter's and Ollama's `/v1`): checks the bearer token and the required
 * body fields like the real API, streams scripted Chat Completions and Responses turns, and serves `GET /v1/models`.
 * Only streaming requests are scripted; `stream: false` gets a 400 saying so.
 */
export function createOpenAIFakeServer(options: OpenAIFakeServerOptions = {}): OpenAIFakeServer {
  const chatQueue = [...(options.chatTurns ?? [])];
  const responsesQueue = [...(options.responsesTurns ?? [])];
  const headers = { 'x-request-id': 'req_fake_stream_01' };
  const server = createFakeServer({
    'POST /v1/chat/completions': ({ request }) => {
      const rejected = checkAuth(request, options) ?? checkBody(request, ['model', 'messages']);
      if (rejected) return rejected;
      const next = chatQueue.shift();
      if (next === undefined) return noTurnLeft('chat/completions');
      if (!('type' in next)) {
        const model = (request.bodyJson as { model: string }).model;
        return { type: 'sse', chunks: openaiChatStreamChunks({ model, ...next }), headers };
      }
      return next;
    },
    'POST /v1/responses': ({ request }) => {
      const rejected = checkAuth(request, options) ?? checkBody(request, ['model', 'input']);
      if (rejected) return rejected;
      const next = responsesQueue.shift();
      if (next === undefined) return noTurnLeft('responses');
      if ('items' in next) {
        const model = (request.bodyJson as { model: string }).model;
        return { type: 'sse', chunks: openaiResponsesStreamEvents({ model, ...next }), headers };
      }
      return next;
    },
    'GET /v1/models': ({ request }) =>
      checkAuth(request, options) ?? {
        type: 'json',
        body: {
          object: 'list',
          data: (options.models ?? ['gpt-5-mini', 'gpt-5']).map((id) => ({ id, object: 'model', created: 1767225600, owned_by: 'system' })),
        },
      },
  });
  return Object.defineProperties(server, {
    enqueueChat: { value: (...turns: Array<OpenAIChatFakeTurn | FakeResponse>) => void chatQueue.push(...turns) },
    enqueueResponses: { value: (...turns: Array<OpenAIResponsesFakeTurn | FakeResponse>) => void responsesQueue.push(...turns) },
    chatRequests: { get: () => server.calls.filter((call) => call.route === 'POST /v1/chat/completions').map((call) => call.bodyJson) },
    responsesRequests: { get: () => server.calls.filter((call) => call.route === 'POST /v1/responses').map((call) => call.bodyJson) },
  }) as OpenAIFakeServer;
}

function checkAuth(request: FakeServerCall, options: OpenAIFakeServerOptions): FakeResponse | undefined {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (token === undefined && options.allowAnonymous) return undefined;
  if (token === undefined || (options.apiKey !== undefined && token !== options.apiKey)) {
    return openaiErrorResponse(401, {
      message: token === undefined ? "You didn't provide an API key." : 'Incorrect API key provided.',
      type: 'invalid_request_error',
      code: token === undefined ? null : 'invalid_api_key',
    });
  }
  return undefined;
}

function checkBody(request: FakeServerCall, required: string[]): FakeResponse | undefined {
  const body = request.bodyJson as Record<string, unknown> | undefined;
  if (body === undefined) return openaiErrorResponse(400, { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' });
  for (const field of required) {
    if (body[field] === undefined) {
      return openaiErrorResponse(400, { message: `Missing required parameter: '${field}'.`, type: 'invalid_request_error', param: field, code: 'missing_required_parameter' });
    }
  }
  if (body['stream'] !== true) {
    return openaiErrorResponse(400, { message: 'fake OpenAI server: only stream: true requests are scripted', type: 'invalid_request_error', param: 'stream' });
  }
  return undefined;
}

function noTurnLeft(route: string): FakeResponse {
  return openaiErrorResponse(500, { message: `fake OpenAI server: no scripted ${route} turn left`, type: 'server_error' });
}
