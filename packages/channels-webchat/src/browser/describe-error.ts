/** Human text for the refusals a visitor can meet; the code is shown beside it for the site owner. */
const TEXTS: Record<string, string> = {
  NO_TOKEN: 'This chat has no access token. Open it through the link or the embedded chat the site owner provides (…/chat#token=…).',
  AUTH_TOKEN_MISMATCH: 'The chat server refused this chat link: its token is wrong or was replaced. Ask the site owner for a current link.',
  AUTH_TOKEN_MISSING: 'The chat server needs a token and this chat sent none. Ask the site owner for a current link.',
  AUTH_UNAUTHORIZED: 'The chat server refused this chat link. Ask the site owner for a current link.',
  AUTH_RATE_LIMITED: 'Too many failed sign-in attempts from this network. Try again in a few minutes.',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'This website is not allowed to use the chat server (its origin is not on the allowed list).',
  WEBCHAT_VISITOR_ID_INVALID: 'This browser sent an unusable visitor id. Clear the site data and reload.',
  WEBCHAT_FORBIDDEN: 'The chat server refused this request.',
  WEBCHAT_MESSAGE_TOO_LONG: 'That message is too long. Please shorten it.',
  CONNECTION_LOST: 'Connection to the chat server lost. Reconnecting…',
  CONNECT_FAILED: 'Cannot reach the chat server. Retrying…',
};

export function describeError(code: string | undefined, error?: unknown): string {
  if (code !== undefined && Object.hasOwn(TEXTS, code)) return TEXTS[code] as string;
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  return `Something went wrong${detail}`;
}
