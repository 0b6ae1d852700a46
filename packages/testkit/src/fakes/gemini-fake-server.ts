import { createFakeServer } from '../fake-server/create-fake-server.js';
import type { FakeResponse, FakeServer, FakeServerCall } from '../fake-server/fake-server-types.js';
import { geminiErrorResponse } from './gemini-error-response.js';
import { geminiStreamChunks, type GeminiFakeTurn } from './gemini-stream-chunks.js';

export interface GeminiFakeServerOptions {
  /** When set, `x-goog-api-key` (or `?key=`) must match; otherwise any key passes (none fails). */
  apiKey?: string;
  /** Answers of `streamGenerateContent`, one per call, in order: a scripted turn or any raw fake response. */
  turns?: Array<GeminiFakeTurn | FakeResponse>;
  /** Ids served by `GET /{version}/models` (without the `models/` prefix). */
  models?: string[];
}

export interface GeminiFakeServer extends FakeServer {
  enqueue(...turns: Array<GeminiFakeTurn | FakeResponse>): void;
  /** JSON bodies of the `streamGenerateContent` calls so far. */
  readonly generateRequests: unknown[];
}

/**
 * A fake Gemini API: `POST /{version}/models/{model}:streamGenerateContent?alt=sse` for any API version (the
 * version and model are in each call's `params`), with the API key check and the `contents` requirement of the
 * real API, and `GET /{version}/models`. Wrong API keys get what Google really answers: 400 API_KEY_INVALID.
 */
export function createGeminiFakeServer(options: GeminiFakeServerOptions = {}): GeminiFakeServer {
  const queue = [...(options.turns ?? [])];
  const route = 'POST /:version/models/:model\\:streamGenerateContent';
  const server = createFakeServer({
    [route]: ({ request }) => {
      const rejected = checkKey(request, options.apiKey) ?? checkBody(request);
      if (rejected) return rejected;
      if (request.query.get('alt') !== 'sse') {
        return geminiErrorResponse(400, 'INVALID_ARGUMENT', 'fake Gemini server: only alt=sse streaming is scripted');
      }
      const next = queue.shift();
      if (next === undefined) return geminiErrorResponse(500, 'INTERNAL', 'fake Gemini server: no scripted turn left');
      if ('parts' in next) {
        return { type: 'sse', chunks: geminiStreamChunks({ modelVersion: request.params['model'] ?? 'gemini', ...next }) };
      }
      return next;
    },
    'GET /:version/models': ({ request }) =>
      checkKey(request, options.apiKey) ?? {
        type: 'json',
        body: {
          models: (options.models ?? ['gemini-2.5-flash', 'gemini-3-pro-preview']).map((id) => ({
            name: `models/${id}`,
            displayName: id,
            inputTokenLimit: 1048576,
            outputTokenLimit: 65536,
            supportedGenerationMethods: ['generateContent', 'countTokens'],
            thinking: true,
          })),
        },
      },
  });
  return Object.defineProperties(server, {
    enqueue: { value: (...turns: Array<GeminiFakeTurn | FakeResponse>) => void queue.push(...turns) },
    generateRequests: { get: () => server.calls.filter((call) => call.route === route).map((call) => call.bodyJson) },
  }) as GeminiFakeServer;
}

function checkKey(request: FakeServerCall, apiKey: string | undefined): FakeResponse | undefined {
  const header = request.headers['x-goog-api-key'];
  const key = typeof header === 'string' ? header : (request.query.get('key') ?? undefined);
  if (key === undefined) {
    return geminiErrorResponse(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
  }
  if (apiKey !== undefined && key !== apiKey) {
    return geminiErrorResponse(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', {
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
    });
  }
  return undefined;
}

function checkBody(request: FakeServerCall): FakeResponse | undefined {
  const body = request.bodyJson as { contents?: unknown } | undefined;
  if (!Array.isArray(body?.contents) || body.contents.length === 0) {
    return geminiErrorResponse(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified');
  }
  return undefined;
}
