/**
 * The fake's view of Bot API `parse_mode: "HTML"`: validates markup the way Telegram documents it (only the listed
 * tags, every `<`, `>` and `&` outside a tag or entity escaped, tags properly nested) and returns the plain text
 * Telegram would show. Telegram measures message length on that text, so the fake does too.
 */
const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export type ParsedTelegramHtml = { ok: true; text: string } | { ok: false; error: string };

export function parseTelegramHtml(html: string): ParsedTelegramHtml {
  const open: string[] = [];
  let text = '';
  let index = 0;
  const fail = (reason: string): ParsedTelegramHtml => ({ ok: false, error: `Bad Request: can't parse entities: ${reason} at byte offset ${Buffer.byteLength(html.slice(0, index))}` });
  while (index < html.length) {
    const char = html[index] as string;
    if (char === '<') {
      const end = html.indexOf('>', index);
      if (end === -1) return fail('Unclosed start tag');
      const body = html.slice(index + 1, end);
      const closing = body.startsWith('/');
      const match = /^\/?([a-z][a-z0-9-]*)(\s[^<>]*)?$/i.exec(body);
      if (!match) return fail(`Unsupported start tag "${body.slice(0, 20)}"`);
      const name = (match[1] as string).toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return fail(`Unsupported start tag "${name}"`);
      if (closing) {
        if (open.at(-1) !== name) return fail(`Unmatched end tag "${name}"`);
        open.pop();
      } else {
        const attributes = match[2] ?? '';
        if (name === 'a' && !/\bhref\s*=\s*"[^"]*"/.test(attributes)) return fail('Tag "a" must have attribute "href"');
        open.push(name);
      }
      index = end + 1;
      continue;
    }
    if (char === '>') return fail('Character ">" is reserved and must be escaped with "&gt;"');
    if (char === '&') {
      const entity = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/i.exec(html.slice(index, index + 12));
      if (!entity) return fail('Character "&" is reserved and must be escaped with "&amp;"');
      const name = entity[1] as string;
      if (name.startsWith('#x') || name.startsWith('#X')) text += String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      else if (name.startsWith('#')) text += String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      else {
        const value = NAMED_ENTITIES[name.toLowerCase()];
        if (value === undefined) return fail(`Unsupported HTML entity "&${name};"`);
        text += value;
      }
      index += entity[0].length;
      continue;
    }
    text += char;
    index += 1;
  }
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return { ok: true, text };
}
