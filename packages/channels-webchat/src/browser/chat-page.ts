import { ChatSession } from './chat-session.js';
import { mountChatView } from './chat-view.js';
import { loadVisitorId, safeStorage } from './visitor-id.js';

declare const __WEBCHAT_VERSION__: string;

const TOKEN_KEY = 'rusty-claw.webchat.token';

/**
 * The token comes in the link's fragment (`/chat#token=…`: a fragment never reaches a server or a Referer), is
 * kept in localStorage for reloads, and is removed from the address bar at once.
 */
function takeToken(): string | undefined {
  const storage = safeStorage();
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')?.trim();
  if (fromHash) {
    storage?.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage?.getItem(TOKEN_KEY) ?? undefined;
}

function main(): void {
  const app = document.getElementById('rcw-app');
  if (!app) return;
  const title = app.dataset['title'] || document.title || 'Chat';
  let session: ChatSession | undefined;
  const view = mountChatView(app, () => session, { title });
  session = new ChatSession({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/`,
    token: takeToken(),
    visitorId: loadVisitorId(),
    clientVersion: `webchat-${__WEBCHAT_VERSION__}`,
    onChange: (state) => view.render(state),
  });
  void session.start().then(() => view.focus());
}

main();
