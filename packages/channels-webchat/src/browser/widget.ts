import chatCss from './chat.css';
import widgetCss from './widget.css';
import { ChatSession } from './chat-session.js';
import { mountChatView } from './chat-view.js';
import { loadVisitorId } from './visitor-id.js';

declare const __WEBCHAT_VERSION__: string;

// Captured while the script runs: `document.currentScript` is null afterwards.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function applyStyles(shadow: ShadowRoot, css: string): void {
  // A constructed sheet is not subject to the host page's CSP style-src; older browsers get a <style> element.
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  shadow.append(style);
}

/**
 * `<script src="https://gateway.example/webchat/widget.js" data-token="wct_…" defer></script>` adds a chat button
 * and panel to the page, inside a shadow root so the page's CSS and ours never mix. The gateway is the script's own
 * origin. Nothing connects until the visitor opens the panel.
 */
function mount(source: HTMLScriptElement): void {
  const src = new URL(source.src, location.href);
  const data = source.dataset;
  const title = data['title'] || 'Chat';
  const host = document.createElement('div');
  host.id = 'rusty-claw-webchat';
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow, `${chatCss}\n${widgetCss}`);
  const frame = document.createElement('div');
  frame.className = `rcw-widget rcw-${data['position'] === 'left' ? 'left' : 'right'}`;
  const panel = document.createElement('div');
  panel.className = 'rcw-panel';
  panel.hidden = true;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'rcw-launcher';
  launcher.textContent = data['label'] || 'Chat';
  launcher.setAttribute('aria-expanded', 'false');
  frame.append(panel, launcher);
  shadow.append(frame);
  document.body.append(host);

  let session: ChatSession | undefined;
  let view: ReturnType<typeof mountChatView> | undefined;
  const toggle = (open: boolean): void => {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.textContent = open ? 'Close' : data['label'] || 'Chat';
    if (!open) return;
    if (!view) {
      const mounted = mountChatView(panel, () => session, { title });
      view = mounted;
      session = new ChatSession({
        url: `${src.protocol === 'https:' ? 'wss:' : 'ws:'}//${src.host}/`,
        token: data['token']?.trim() || undefined,
        visitorId: loadVisitorId(),
        clientVersion: `webchat-widget-${__WEBCHAT_VERSION__}`,
        onChange: (state) => mounted.render(state),
      });
      void session.start();
    }
    view.focus();
  };
  launcher.addEventListener('click', () => toggle(panel.hidden === true));
  if (data['open'] === 'true') toggle(true);
}

if (!script) {
  console.error('[rusty-claw webchat] load widget.js with a <script src> tag (not as a module or inline)');
} else if (document.body) {
  mount(script);
} else {
  document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
}
