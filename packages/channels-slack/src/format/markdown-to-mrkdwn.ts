import { Lexer, type Token, type Tokens } from 'marked';
import { escapeMrkdwn, protectSlackTokens, restoreSlackTokens } from './escape-mrkdwn.js';

/**
 * Converts the Markdown a model writes into Slack's mrkdwn dialect.
 *
 * | Markdown                     | mrkdwn                              |
 * |------------------------------|-------------------------------------|
 * | `**bold**`, `__bold__`       | `*bold*`                            |
 * | `*italic*`, `_italic_`       | `_italic_`                          |
 * | `~~strike~~`                 | `~strike~`                          |
 * | `[label](https://x)`         | `<https://x\|label>`                |
 * | `# Heading`                  | `*Heading*`                         |
 * | `- item` / `1. item`         | `• item` / `1. item`                |
 * | `> quote`                    | `> quote`                           |
 * | fenced code (any language)   | a ``` block (Slack has no languages) |
 * | tables                       | a ``` block with aligned columns    |
 *
 * `&`, `<`, `>` are escaped everywhere (see {@link escapeMrkdwn}); mentions, dates and Slack links already in
 * `<…>` form pass through. The Markdown is parsed with `marked`'s lexer (CommonMark + GFM), not with regexes.
 */
export function markdownToMrkdwn(markdown: string): string {
  const { text, tokens: kept } = protectSlackTokens(markdown.replace(/\r\n?/g, '\n'));
  const blocks = Lexer.lex(text, { gfm: true });
  const rendered = renderBlocks(blocks, kept).join('\n\n');
  return restoreSlackTokens(rendered, kept).trim();
}

function renderBlocks(tokens: readonly Token[], kept: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const block = renderBlock(token, kept);
    if (block !== undefined && block.trim() !== '') out.push(block);
  }
  return out;
}

function renderBlock(token: Token, kept: readonly string[]): string | undefined {
  switch (token.type) {
    case 'space':
    case 'def':
      return undefined;
    case 'paragraph':
      return renderInline((token as Tokens.Paragraph).tokens, kept);
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens, kept) : escapeMrkdwn(text.text);
    }
    case 'heading':
      return bold(renderInline((token as Tokens.Heading).tokens, kept, { plain: true }));
    case 'code':
      return codeBlock((token as Tokens.Code).text, kept);
    case 'blockquote':
      return renderBlocks((token as Tokens.Blockquote).tokens, kept)
        .join('\n\n')
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'list':
      return renderList(token as Tokens.List, kept, 0);
    case 'table':
      return renderTable(token as Tokens.Table, kept);
    case 'hr':
      return '──────────';
    case 'html':
      return escapeMrkdwn((token as Tokens.HTML).text.trimEnd());
    default:
      return 'raw' in token && typeof token.raw === 'string' ? escapeMrkdwn(token.raw.trimEnd()) : undefined;
  }
}

function renderList(list: Tokens.List, kept: readonly string[], depth: number): string {
  const indent = '    '.repeat(depth);
  const start = typeof list.start === 'number' ? list.start : 1;
  return list.items
    .map((item, index) => {
      const marker = list.ordered ? `${start + index}.` : '•';
      const checkbox = item.task ? (item.checked === true ? '☑ ' : '☐ ') : '';
      const own: string[] = [];
      const nested: string[] = [];
      for (const child of item.tokens) {
        if (child.type === 'list') nested.push(renderList(child as Tokens.List, kept, depth + 1));
        else if (child.type !== 'checkbox') {
          const block = renderBlock(child, kept);
          if (block !== undefined && block.trim() !== '') own.push(block);
        }
      }
      const body = own.join('\n').split('\n').join(`\n${indent}  `);
      return [`${indent}${marker} ${checkbox}${body}`, ...nested].join('\n');
    })
    .join('\n');
}

/** Slack cannot draw tables; a monospace block with padded columns stays readable. */
function renderTable(table: Tokens.Table, kept: readonly string[]): string {
  const cell = (c: Tokens.TableCell) => restoreSlackTokens(renderInline(c.tokens, kept, { plain: true, raw: true }), kept);
  const rows = [table.header.map(cell), ...table.rows.map((row) => row.map(cell))];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) => row.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ').trimEnd();
  const separator = widths.map((width) => '-'.repeat(Math.max(width, 1))).join('-|-');
  const [header, ...body] = rows;
  return ['```', line(header ?? []), separator, ...body.map(line), '```'].map((text) => (text === '```' ? text : escapeMrkdwn(text))).join('\n');
}

function codeBlock(code: string, kept: readonly string[]): string {
  return `\`\`\`\n${restoreSlackTokens(escapeMrkdwn(code.replace(/\n+$/, '')), kept, true)}\n\`\`\``;
}

interface InlineOptions {
  /** No style markers (inside a heading, already bold; inside a table, monospace). */
  plain?: boolean;
  /** No escaping (the caller escapes the whole result, e.g. a table inside a code block). */
  raw?: boolean;
}

function renderInline(tokens: readonly Token[], kept: readonly string[], options: InlineOptions = {}): string {
  const esc = options.raw === true ? (text: string) => text : escapeMrkdwn;
  const mark = (marker: string, inner: string) => (options.plain === true || inner.trim() === '' ? inner : `${marker}${inner}${marker}`);
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text': {
        const text = token as Tokens.Text;
        out += text.tokens ? renderInline(text.tokens, kept, options) : esc(text.text);
        break;
      }
      case 'escape':
        out += esc((token as Tokens.Escape).text);
        break;
      case 'strong':
        out += mark('*', renderInline((token as Tokens.Strong).tokens, kept, options));
        break;
      case 'em':
        out += mark('_', renderInline((token as Tokens.Em).tokens, kept, options));
        break;
      case 'del':
        out += mark('~', renderInline((token as Tokens.Del).tokens, kept, options));
        break;
      case 'codespan': {
        const code = (token as Tokens.Codespan).text;
        out += options.plain === true ? esc(code) : `\`${restoreSlackTokens(escapeMrkdwn(code), kept, true)}\``;
        break;
      }
      case 'br':
        out += '\n';
        break;
      case 'link': {
        const link = token as Tokens.Link;
        out += renderLink(link.href, renderInline(link.tokens, kept, { plain: true, raw: true }), options);
        break;
      }
      case 'image': {
        const image = token as Tokens.Image;
        out += renderLink(image.href, image.text || 'image', options);
        break;
      }
      default:
        out += 'raw' in token && typeof token.raw === 'string' ? esc(token.raw) : '';
    }
  }
  return out;
}

const LINKABLE = /^(?:https?:|mailto:|tel:|slack:)/i;

/** `<url|label>`; a URL that is not web/mail/phone/slack is shown as text, never turned into a live link. */
function renderLink(href: string, label: string, options: InlineOptions): string {
  const esc = options.raw === true ? (text: string) => text : escapeMrkdwn;
  const target = href.trim();
  const cleanLabel = label.trim();
  if (options.raw === true || !LINKABLE.test(target)) {
    return cleanLabel === '' || cleanLabel === target ? esc(target) : `${esc(cleanLabel)} (${esc(target)})`;
  }
  // `|` separates the URL from its label and `>` ends the token, so neither may appear raw in the URL.
  const url = escapeMrkdwn(target).replace(/\|/g, '%7C');
  const comparable = target.replace(/^mailto:/i, '');
  if (cleanLabel === '' || cleanLabel === target || cleanLabel === comparable) return `<${url}>`;
  return `<${url}|${escapeMrkdwn(cleanLabel)}>`;
}

function bold(text: string): string {
  return text.trim() === '' ? text : `*${text}*`;
}
