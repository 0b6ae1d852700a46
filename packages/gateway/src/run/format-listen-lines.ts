/** `[::1]` for IPv6 literals in URLs, the address itself otherwise. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The two start-up lines (contract): `rusty-claw gateway listening on ws://HOST:PORT`, then the
 * Control UI URL. A wildcard bind is shown as 127.0.0.1 in the UI link, since a browser cannot open
 * 0.0.0.0; the token is in the fragment (never sent to the server in an HTTP request line or logs).
 */
function browsableHost(host: string): string {
  return host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
}

export function formatListenLines(options: { host: string; port: number; token?: string | undefined }): string[] {
  const browsable = browsableHost(options.host);
  const fragment = options.token === undefined ? '' : `#token=${encodeURIComponent(options.token)}`;
  return [
    `rusty-claw gateway listening on ws://${urlHost(options.host)}:${options.port}`,
    `Control UI: http://${urlHost(browsable)}:${options.port}/${fragment}`,
  ];
}

/**
 * The web chat line: the page link with the *web chat* token (scoped to read + write on the visitor's own session),
 * never the operator's secret, so this link can be shared with people who should only chat.
 */
export function formatWebchatLine(options: { host: string; port: number; path: string; token: string }): string {
  return `WebChat: http://${urlHost(browsableHost(options.host))}:${options.port}${options.path}#token=${encodeURIComponent(options.token)}`;
}
