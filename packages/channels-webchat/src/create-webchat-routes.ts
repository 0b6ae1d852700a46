import type { IncomingMessage } from 'node:http';
import type { ChannelHttpHandler } from '@rusty-claw/plugin-sdk';
import { entityTag, loadWebchatAssets } from './load-webchat-assets.js';
import { securityHeaders } from './webchat-http-headers.js';
import { resolveWebchatSettings, type WebchatSettings } from './webchat-settings.js';

/** One route of the web chat, shaped like the gateway's `HttpRoute` (`createGateway({ httpRoutes })`). */
export interface WebchatRoute {
  method: 'GET';
  path: string;
  handler: ChannelHttpHandler;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function etagMatches(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value === etag || value === `W/${etag}`;
  });
}

/**
 * Serves one body from memory: exact content type, `Cache-Control: no-cache` + a strong `ETag` (browsers revalidate
 * and get 304 while nothing changed; URLs stay stable for embed snippets), and the security headers.
 */
function serve(body: Buffer, contentType: string, options: { crossOrigin?: boolean; page?: boolean } = {}): ChannelHttpHandler {
  const etag = entityTag(body);
  const common: Record<string, string> = {
    etag,
    'cache-control': 'no-cache',
    ...securityHeaders({ crossOrigin: options.crossOrigin === true }),
    ...(options.page ? { 'cross-origin-opener-policy': 'same-origin', 'x-frame-options': 'DENY' } : {}),
  };
  return (request, response) => {
    if (etagMatches(request, etag)) {
      response.writeHead(304, common);
      response.end();
      return;
    }
    response.writeHead(200, { ...common, 'content-type': contentType, 'content-length': String(body.length) });
    response.end(body);
  };
}

/**
 * The web chat's HTTP routes: the page at `basePath` (and `/` unless `serveAtRoot: false`), and `chat.js`,
 * `chat.css`, `widget.js` under `assetsPath`. Reads the built assets once; throws `ChannelError`
 * (`WEBCHAT_SETTINGS_INVALID`, `WEBCHAT_ASSETS_MISSING`) when it cannot serve them.
 */
export async function createWebchatRoutes(settings: WebchatSettings = {}): Promise<WebchatRoute[]> {
  const resolved = resolveWebchatSettings(settings);
  const { files } = await loadWebchatAssets(resolved.assetsDir);
  const html = Buffer.from(
    files['chat.html'].toString('utf8').replaceAll('{{TITLE}}', escapeHtml(resolved.title)).replaceAll('{{ASSETS}}', resolved.assetsPath),
    'utf8',
  );
  const page = serve(html, 'text/html; charset=utf-8', { page: true });
  const routes: WebchatRoute[] = [{ method: 'GET', path: resolved.basePath, handler: page }];
  if (resolved.serveAtRoot) routes.push({ method: 'GET', path: '/', handler: page });
  routes.push(
    { method: 'GET', path: `${resolved.assetsPath}/chat.js`, handler: serve(files['chat.js'], 'text/javascript; charset=utf-8') },
    { method: 'GET', path: `${resolved.assetsPath}/chat.css`, handler: serve(files['chat.css'], 'text/css; charset=utf-8') },
    { method: 'GET', path: `${resolved.assetsPath}/widget.js`, handler: serve(files['widget.js'], 'text/javascript; charset=utf-8', { crossOrigin: true }) },
  );
  return routes;
}
