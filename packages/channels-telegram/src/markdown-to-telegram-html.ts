import { closesFence, openingFence } from './chunk-markdown.js';

/**
 * Markdown (as models write it) → Telegram Bot API HTML (`parse_mode: "HTML"`). Telegram accepts only a few tags
 * (b, i, s, u, code, pre, a, blockquote, tg-spoiler) and rejects the whole message when a `<`, `>` or `&` outside a
 * tag is not escaped, so every piece of text goes through `escapeTelegramHtml` and every tag is emitted balanced
 * (each inline rule wraps a recursively rendered substring).
 */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeTelegramHtml(text).replace(/"/g, '&quot;');
}

interface InlineRule {
  pattern: RegExp;
  render(match: RegExpExecArray): string;
}

const wrap = (tag: string) => (match: RegExpExecArray) => `<${tag}>${renderInline(match[1] as string)}</${tag}>`;

/** Links are kept only for schemes Telegram opens safely; anything else stays visible text. */
const SAFE_LINK = /^(https?:\/\/|tg:\/\/|mailto:)/i;

// Order matters on ties (same start index): code spans first so their content is never formatted.
const INLINE_RULES: InlineRule[] = [
  { pattern: /(`+)([^`\n]|[^`\n][\s\S]*?[^`\n])\1/, render: (match) => `<code>${escapeTelegramHtml(match[2] as string)}</code>` },
  {
    pattern: /\[([^\]\n]+)\]\(([^()\s]+)\)/,
    render: (match) => {
      const url = match[2] as string;
      if (!SAFE_LINK.test(url)) return `${renderInline(match[1] as string)} (${escapeTelegramHtml(url)})`;
      return `<a href="${escapeAttribute(url)}">${renderInline(match[1] as string)}</a>`;
    },
  },
  { pattern: /\*\*(?=\S)([\s\S]*?\S)\*\*/, render: wrap('b') },
  { pattern: /(?<!\w)__(?=\S)([\s\S]*?\S)__(?!\w)/, render: wrap('b') },
  { pattern: /~~(?=\S)([\s\S]*?\S)~~/, render: wrap('s') },
  { pattern: /\|\|(?=\S)([\s\S]*?\S)\|\|/, render: wrap('tg-spoiler') },
  { pattern: /(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/, render: wrap('i') },
  // `_` only at word boundaries, so snake_case_names stay as they are.
  { pattern: /(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])/, render: wrap('i') },
];

/** Renders inline Markdown (code, links, bold, italic, strike, spoiler); everything else is escaped text. */
export function renderInline(text: string): string {
  let output = '';
  let rest = text;
  while (rest.length > 0) {
    let best: { rule: InlineRule; match: RegExpExecArray } | undefined;
    for (const rule of INLINE_RULES) {
      const match = rule.pattern.exec(rest);
      if (match && (!best || match.index < best.match.index)) best = { rule, match };
    }
    if (!best) {
      output += escapeTelegramHtml(rest);
      break;
    }
    output += escapeTelegramHtml(rest.slice(0, best.match.index)) + best.rule.render(best.match);
    rest = rest.slice(best.match.index + best.match[0].length);
  }
  return output;
}

/** Converts a Markdown document (or a chunk of one) to Telegram HTML. */
export function markdownToTelegramHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const output: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length === 0) return;
    output.push(`<blockquote>${quote.map(renderInline).join('\n')}</blockquote>`);
    quote = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const fence = openingFence(line);
    if (fence) {
      flushQuote();
      const language = fence.language;
      const body: string[] = [];
      index += 1;
      while (index < lines.length && !closesFence(lines[index] as string, fence.marker)) {
        body.push(lines[index] as string);
        index += 1;
      }
      const code = escapeTelegramHtml(body.join('\n'));
      output.push(language ? `<pre><code class="language-${escapeAttribute(language)}">${code}</code></pre>` : `<pre>${code}</pre>`);
      continue;
    }
    const quoted = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quoted) {
      quote.push(quoted[1] as string);
      continue;
    }
    flushQuote();
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      output.push(`<b>${renderInline(heading[1] as string)}</b>`);
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      output.push(`${bullet[1]}• ${renderInline(bullet[2] as string)}`);
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      output.push('──────────');
      continue;
    }
    output.push(renderInline(line));
  }
  flushQuote();
  return output.join('\n');
}
