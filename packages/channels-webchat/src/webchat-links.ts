/**
 * The link that opens the stand-alone page with its token: the token sits in the fragment, which browsers never
 * send to a server or in a Referer. `httpUrl` is the gateway's public `http(s)://host:port`.
 */
export function webchatPageUrl(httpUrl: string, token: string, basePath = '/chat'): string {
  const url = new URL(basePath, httpUrl);
  url.hash = `token=${encodeURIComponent(token)}`;
  return url.toString();
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The `<script>` tag a site owner pastes into their pages to embed the widget. */
export function webchatEmbedSnippet(httpUrl: string, token: string, options: { assetsPath?: string; title?: string } = {}): string {
  const src = new URL(`${options.assetsPath ?? '/webchat'}/widget.js`, httpUrl).toString();
  const title = options.title === undefined ? '' : ` data-title="${escapeAttribute(options.title)}"`;
  return `<script src="${escapeAttribute(src)}" data-token="${escapeAttribute(token)}"${title} defer></script>`;
}
