import { randomId } from './random-id.js';

const VISITOR_KEY = 'rusty-claw.webchat.visitor';

/**
 * The visitor's id: 122 random bits, made once and kept in this origin's localStorage, so a reload continues the
 * same conversation. It is the visitor's bearer secret for their session. Without storage (blocked cookies,
 * private mode) the id lives as long as the page.
 */
export function loadVisitorId(storage: Storage | undefined = safeStorage()): string {
  const existing = storage?.getItem(VISITOR_KEY);
  if (existing && /^[a-z0-9][a-z0-9_-]{15,127}$/i.test(existing)) return existing;
  const id = randomId();
  storage?.setItem(VISITOR_KEY, id);
  return id;
}

/** localStorage, or undefined where reading it throws (sandboxed frames, disabled storage). */
export function safeStorage(): Storage | undefined {
  try {
    const storage = window.localStorage;
    storage.getItem(VISITOR_KEY);
    return storage;
  } catch {
    return undefined;
  }
}
