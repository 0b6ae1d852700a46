import type { ChatSession, ChatState } from './chat-session.js';

const STATUS_TEXT: Record<ChatState['status'], string> = {
  idle: 'Offline',
  connecting: 'Connecting…',
  ready: 'Online',
  reconnecting: 'Reconnecting…',
  failed: 'Unavailable',
};

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface ChatView {
  /** Re-renders from the session state (call from `onChange`). */
  render(state: ChatState): void;
  focus(): void;
}

/**
 * Builds the chat UI inside `parent` (a page element or the widget's shadow root). Text is only ever set through
 * `textContent`: replies are model output and must never become markup (no innerHTML anywhere).
 */
export function mountChatView(parent: HTMLElement | ShadowRoot, session: () => ChatSession | undefined, options: { title: string }): ChatView {
  const root = element('section', 'rcw-chat');
  root.setAttribute('aria-label', options.title);
  const header = element('header', 'rcw-header');
  const title = element('h1', 'rcw-title', options.title);
  const status = element('span', 'rcw-status', STATUS_TEXT.idle);
  header.append(title, status);
  const problem = element('div', 'rcw-problem');
  problem.setAttribute('role', 'alert');
  problem.hidden = true;
  const list = element('ol', 'rcw-messages');
  list.setAttribute('aria-live', 'polite');
  const form = element('form', 'rcw-form');
  const input = element('textarea', 'rcw-input');
  input.rows = 2;
  input.placeholder = 'Type a message…';
  input.setAttribute('aria-label', 'Message');
  const send = element('button', 'rcw-send', 'Send');
  send.type = 'submit';
  const stop = element('button', 'rcw-stop', 'Stop');
  stop.type = 'button';
  stop.hidden = true;
  form.append(input, send, stop);
  root.append(header, problem, list, form);
  parent.append(root);

  const bubbles = new Map<string, HTMLLIElement>();
  const submit = (): void => {
    const text = input.value;
    if (text.trim() === '') return;
    input.value = '';
    void session()?.send(text);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  stop.addEventListener('click', () => void session()?.abort());

  return {
    render(state) {
      status.textContent = STATUS_TEXT[state.status];
      status.dataset['status'] = state.status;
      problem.hidden = state.problem === undefined;
      problem.replaceChildren();
      if (state.problem) {
        problem.append(element('span', 'rcw-problem-text', state.problem.text));
        if (state.problem.code) problem.append(' ', element('code', 'rcw-problem-code', state.problem.code));
      }
      const ready = state.status === 'ready';
      input.disabled = !ready;
      send.disabled = !ready;
      stop.hidden = state.activeRuns.length === 0;
      const wanted = new Set(state.messages.map((message) => message.id));
      for (const [id, bubble] of bubbles) {
        if (!wanted.has(id)) {
          bubble.remove();
          bubbles.delete(id);
        }
      }
      for (const message of state.messages) {
        let bubble = bubbles.get(message.id);
        if (!bubble) {
          bubble = element('li', `rcw-message rcw-${message.role}`);
          bubbles.set(message.id, bubble);
        }
        // Appending an existing node moves it, so the list follows the state's order.
        list.append(bubble);
        if (bubble.textContent !== message.text) bubble.textContent = message.text;
        bubble.toggleAttribute('data-streaming', message.streaming === true);
      }
      list.scrollTop = list.scrollHeight;
    },
    focus() {
      input.focus();
    },
  };
}
