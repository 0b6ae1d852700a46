import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRouteTable } from '../http/http-route-table.js';

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

/**
 * The HTTP side of the gateway port: `GET /healthz` (alive), `GET /readyz` (503 until start-up finished and
 * again once shutdown began), then the mounted routes (`routes`: web chat, channel webhooks), 404 for the rest.
 */
export function createHttpHandler(state: { isReady(): boolean; routes?: HttpRouteTable }): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://gateway.invalid').pathname;
    const method = request.method ?? 'GET';
    if ((path === '/healthz' || path === '/readyz') && method !== 'GET' && method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendJson(response, 405, { ok: false, error: 'method not allowed' });
      return;
    }
    if (path === '/healthz') {
      sendJson(response, 200, { ok: true });
      return;
    }
    if (path === '/readyz') {
      if (state.isReady()) sendJson(response, 200, { ok: true, ready: true });
      else sendJson(response, 503, { ok: false, ready: false });
      return;
    }
    if (state.routes?.handle(path, request, response)) return;
    sendJson(response, 404, { ok: false, error: 'not found' });
  };
}
