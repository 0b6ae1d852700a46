/**
 * The page's Content-Security-Policy: everything from the gateway's own origin, WebSockets to it, nothing inline
 * (the page has no inline script or style), no plugins, no <base> rewriting, no form posts, never framed.
 */
export const WEBCHAT_CSP = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every web chat response carries. */
export function securityHeaders(options: { crossOrigin: boolean }): Record<string, string> {
  return {
    'content-security-policy': WEBCHAT_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // widget.js is loaded by other sites' pages (a classic script, so no CORS); everything else stays ours.
    'cross-origin-resource-policy': options.crossOrigin ? 'cross-origin' : 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
