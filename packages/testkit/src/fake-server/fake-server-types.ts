import type { IncomingHttpHeaders } from 'node:http';

/** One request the fake received, in arrival order. */
export interface FakeServerCall {
  method: string;
  /** Path plus query string, as sent (`/v1/models/x:streamGenerateContent?alt=sse`). */
  url: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names, as Node parses them. */
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  bodyJson: unknown;
  /** Values of the `:param` placeholders of the matched route (empty when no route matched). */
  params: Record<string, string>;
  /** The route key that answered (`"POST /v1/messages"`), or `undefined` for a 404. */
  route: string | undefined;
  /**
   * Resolves once the response is over: fully sent, or the connection closed (the client aborted, or the fake cut
   * it). Lets a test prove that cancelling really released the HTTP request.
   */
  closed: Promise<void>;
}

export type FakeHeaders = Record<string, string>;

/** Answer with a JSON body (status 200 unless given). */
export interface FakeJsonResponse {
  type: 'json';
  status?: number;
  headers?: FakeHeaders;
  body: unknown;
}

/**
 * Answer with `text/event-stream`. Each chunk is written as-is (a raw SSE block such as
 * `event: ping\ndata: {}\n\n`; see `formatSseEvent`), so a test can also split one event across writes.
 */
export interface FakeSseResponse {
  type: 'sse';
  chunks: string[];
  status?: number;
  headers?: FakeHeaders;
  /** Wait this long before each chunk after the first. */
  delayMs?: number;
  /** Destroy the socket after writing this many chunks: the client sees a connection cut mid-stream. */
  cutAfter?: number;
  /** After the last chunk, keep the response open instead of ending it (abort and idle-timeout tests). */
  holdOpen?: boolean;
}

/** Answer with an error status. A string body is sent as-is, anything else as JSON. */
export interface FakeErrorResponse {
  type: 'error';
  status: number;
  body?: unknown;
  headers?: FakeHeaders;
}

/** Never answer (the socket stays open until the client gives up or the server closes). */
export interface FakeHangResponse {
  type: 'hang';
}

/** Send `raw` bytes verbatim (default content type `text/event-stream`, status 200) and end. */
export interface FakeMalformedResponse {
  type: 'malformed';
  raw: string;
  status?: number;
  headers?: FakeHeaders;
}

export type FakeResponse = FakeJsonResponse | FakeSseResponse | FakeErrorResponse | FakeHangResponse | FakeMalformedResponse;

export interface FakeRouteContext {
  /** 0 for the first call to this route since start or the last `reset()`. */
  callNumber: number;
  request: FakeServerCall;
}

/**
 * What a route answers: one response for every call, a list (call N gets item N, the last one repeats), or a
 * function of the call.
 */
export type FakeRouteHandler = FakeResponse | FakeResponse[] | ((context: FakeRouteContext) => FakeResponse | Promise<FakeResponse>);

/** Keys are `"METHOD /path"`; paths may hold `:param` placeholders and `\\:` for a literal colon. */
export type FakeRoutes = Record<string, FakeRouteHandler>;

export interface FakeServer {
  /** Listens on 127.0.0.1 on a free port; resolves to `http://127.0.0.1:PORT` (no trailing slash). */
  start(): Promise<string>;
  /** Available after `start()`. */
  readonly baseUrl: string;
  readonly calls: readonly FakeServerCall[];
  /** The last call, or `undefined`. */
  readonly lastCall: FakeServerCall | undefined;
  /** Resolves once at least `count` requests have arrived (already-recorded ones count). */
  waitForCalls(count: number): Promise<readonly FakeServerCall[]>;
  /** Replace (or add) the handler of one route, e.g. per test. */
  setRoute(key: string, handler: FakeRouteHandler): void;
  /** Forget recorded calls and per-route call counters (the routes stay). */
  reset(): void;
  /** Stop listening and destroy every open socket, including hanging and held-open responses. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
