import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@rusty-claw/plugin-sdk';
import { HttpRouteError } from './http-route-error.js';

/** Methods a mounted route may answer. A `GET` route also answers `HEAD` (Node drops the body). */
export type HttpRouteMethod = 'GET' | 'POST';

/** Same shape as plugin-sdk's `ChannelHttpHandler`, so a channel's `registerHttpRoute` maps straight onto this table. */
export type HttpRouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** One route on the gateway's own port. `path` is exact (no patterns): `/chat`, `/webchat/widget.js`. */
export interface HttpRoute {
  method: HttpRouteMethod;
  path: string;
  handler: HttpRouteHandler;
}

/** Paths the gateway answers itself; nothing may be mounted over them. */
const RESERVED_PATHS = new Set(['/healthz', '/readyz']);

function validatePath(path: string): void {
  // Exact, already-normalised paths only: what `new URL(...).pathname` yields for a request, so lookups
  // are a plain map hit and `..`, `//` or `%2e` tricks can never select a different route.
  if (!path.startsWith('/') || path.includes('//') || /(^|\/)\.\.?(\/|$)/.test(path) || /[?#%\s\\]/.test(path)) {
    throw new HttpRouteError('HTTP_ROUTE_INVALID', `invalid route path ${JSON.stringify(path)}: expected an absolute, normalised URL path such as /chat`);
  }
  if (RESERVED_PATHS.has(path)) throw new HttpRouteError('HTTP_ROUTE_RESERVED', `${path} is answered by the gateway itself and cannot be mounted`);
}

/**
 * The HTTP routes mounted on the gateway port besides `/healthz` and `/readyz`: channel webhooks, the web
 * chat page and its assets, later the Control UI. Exact-path lookup; a second registration of the same
 * method and path is refused (two owners of one URL is always a configuration mistake). `register`
 * returns the function that unmounts the route again.
 */
export class HttpRouteTable {
  private readonly routes = new Map<string, Map<HttpRouteMethod, HttpRouteHandler>>();

  constructor(private readonly logger: Logger) {}

  register(method: HttpRouteMethod, path: string, handler: HttpRouteHandler): () => void {
    if (method !== 'GET' && method !== 'POST') throw new HttpRouteError('HTTP_ROUTE_INVALID', `unsupported route method ${JSON.stringify(method)}: GET or POST`);
    validatePath(path);
    const byMethod = this.routes.get(path) ?? new Map<HttpRouteMethod, HttpRouteHandler>();
    if (byMethod.has(method)) throw new HttpRouteError('HTTP_ROUTE_CONFLICT', `${method} ${path} is already mounted`);
    byMethod.set(method, handler);
    this.routes.set(path, byMethod);
    return () => {
      const current = this.routes.get(path);
      if (current?.get(method) !== handler) return;
      current.delete(method);
      if (current.size === 0) this.routes.delete(path);
    };
  }

  /** True when some route owns `path` (any method). */
  has(path: string): boolean {
    return this.routes.has(path);
  }

  /**
   * Answers the request when a route owns its path: runs the handler (a throw or rejection becomes a 500 if
   * nothing was sent yet), or 405 with `Allow` for another method. Returns false when no route owns the path.
   */
  handle(path: string, request: IncomingMessage, response: ServerResponse): boolean {
    const byMethod = this.routes.get(path);
    if (!byMethod) return false;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const handler = method === 'GET' || method === 'POST' ? byMethod.get(method) : undefined;
    if (!handler) {
      const allow = [...byMethod.keys()].flatMap((name) => (name === 'GET' ? ['GET', 'HEAD'] : [name]));
      response.writeHead(405, { allow: allow.join(', '), 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      response.end('method not allowed\n');
      return true;
    }
    const fail = (error: unknown): void => {
      this.logger.error({ path, method: request.method, error: String(error) }, 'http route handler failed');
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
        response.end('internal error\n');
      } else {
        response.destroy();
      }
    };
    try {
      const result = handler(request, response);
      if (result && typeof result.then === 'function') result.then(undefined, fail);
    } catch (error) {
      fail(error);
    }
    return true;
  }
}
