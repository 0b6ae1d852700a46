import { unescapeMrkdwn } from './escape-mrkdwn.js';

export interface SlackToPlainTextOptions {
  /** Display names for user ids (the bot's own name, names looked up with users.info). */
  userNames?: ReadonlyMap<string, string>;
}

const SPECIAL: Record<string, string> = { here: '@here', channel: '@channel', everyone: '@everyone' };

/**
 * Turns the `text` of a Slack message event into plain text for the agent: control sequences become what a person
 * sees (`<@U1|ann>` → `@ann`, `<#C1|general>` → `#general`, `<https://x|label>` → `label (https://x)`), and the
 * `&amp;`/`&lt;`/`&gt;` entities Slack always sends are decoded. Formatting characters (`*bold*`) stay as typed.
 */
export function slackToPlainText(text: string, options: SlackToPlainTextOptions = {}): string {
  const replaced = text.replace(/<([^<>\n]*)>/g, (whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return `@${options.userNames?.get(id) ?? label ?? id}`;
    }
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) {
      const keyword = target.slice(1).split('^')[0] ?? '';
      if (SPECIAL[keyword] !== undefined) return SPECIAL[keyword];
      return label ?? `@${keyword}`;
    }
    if (/^(?:https?:|mailto:|tel:|slack:)/i.test(target)) {
      const shown = target.replace(/^(?:mailto:|tel:)/i, '');
      return label === undefined || label === shown || label === target ? shown : `${label} (${target})`;
    }
    return whole;
  });
  return unescapeMrkdwn(replaced);
}
