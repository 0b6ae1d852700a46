/**
 * Slack reads `&`, `<` and `>` as control characters in every message text (mentions, links and dates are written
 * `<…>`), so literal ones must be sent as HTML entities — inside code spans and blocks too.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reverses {@link escapeMrkdwn} (only the three entities Slack itself produces). */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Slack control sequences a reply may carry on purpose and that must survive conversion untouched: user and
 * channel mentions, user-group mentions, dates, and links that are already in Slack's `<url|label>` form.
 *
 * Broadcast mentions (`<!here>`, `<!channel>`, `<!everyone>`) are deliberately NOT kept: text written by a model
 * (possibly steered by a prompt injection) must not be able to notify a whole workspace. They are escaped and show
 * as literal text.
 */
const KEPT_TOKEN = /<(?:@[UW][A-Z0-9]+(?:\|[^<>\n]*)?|#C[A-Z0-9]+(?:\|[^<>\n]*)?|!subteam\^[A-Z0-9]+(?:\|[^<>\n]*)?|!date\^[^<>\n]+|(?:https?:\/\/|mailto:)[^\s<>|]+(?:\|[^<>\n]*)?)>/g;

/** Private-use characters mark a protected token while Markdown is parsed; they never occur in normal text. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export interface ProtectedText {
  text: string;
  tokens: string[];
}

/** Replaces kept Slack tokens by placeholders, so the Markdown parser neither escapes nor re-links them. */
export function protectSlackTokens(text: string): ProtectedText {
  const tokens: string[] = [];
  const replaced = text.replace(/[\uE000\uE001]/g, '').replace(KEPT_TOKEN, (token) => {
    tokens.push(token);
    return `${OPEN}${tokens.length - 1}${CLOSE}`;
  });
  return { text: replaced, tokens };
}

/**
 * Puts the kept tokens back. Inside code (`literal: true`) a token is shown as typed, so it is escaped like any
 * other text there.
 */
export function restoreSlackTokens(text: string, tokens: readonly string[], literal = false): string {
  return text.replace(PLACEHOLDER, (match, index: string) => {
    const token = tokens[Number(index)];
    if (token === undefined) return match;
    return literal ? escapeMrkdwn(token) : token;
  });
}
