import { describe, expect, test } from 'vitest';
import { escapeTelegramHtml, markdownToTelegramHtml } from './markdown-to-telegram-html.js';
import { parseTelegramHtml } from './testing/parse-telegram-html.js';

/** Every output must be accepted by Telegram's HTML rules (the fake's validator). */
function render(markdown: string): string {
  const html = markdownToTelegramHtml(markdown);
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(`${parsed.error}\n${html}`);
  return html;
}

describe('markdownToTelegramHtml', () => {
  test('escapes <, > and & in plain text', () => {
    expect(render('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(render('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(render('&amp; stays visible')).toBe('&amp;amp; stays visible');
    expect(escapeTelegramHtml('"quotes" are fine')).toBe('"quotes" are fine');
  });

  test('bold, italic, strike, spoiler and nesting', () => {
    expect(render('**bold** and __also bold__')).toBe('<b>bold</b> and <b>also bold</b>');
    expect(render('*italic* and _italic_')).toBe('<i>italic</i> and <i>italic</i>');
    expect(render('~~gone~~ ||secret||')).toBe('<s>gone</s> <tg-spoiler>secret</tg-spoiler>');
    expect(render('**bold with *italic* inside**')).toBe('<b>bold with <i>italic</i> inside</b>');
    expect(render('**a < b**')).toBe('<b>a &lt; b</b>');
  });

  test('snake_case, lone asterisks and unmatched markers stay literal', () => {
    expect(render('call get_user_name now')).toBe('call get_user_name now');
    expect(render('2 * 3 * 4 = 24')).toBe('2 * 3 * 4 = 24');
    expect(render('**unclosed bold')).toBe('**unclosed bold');
    expect(render('a_b_c and my__var__name')).toBe('a_b_c and my__var__name');
  });

  test('inline code is escaped and never formatted', () => {
    expect(render('use `a<b> && **x**` here')).toBe('use <code>a&lt;b&gt; &amp;&amp; **x**</code> here');
    expect(render('``code with ` tick``')).toBe('<code>code with ` tick</code>');
  });

  test('fenced code blocks keep their language and escape their content', () => {
    expect(render('```ts\nconst a = b < c && d;\n```')).toBe('<pre><code class="language-ts">const a = b &lt; c &amp;&amp; d;</code></pre>');
    expect(render('```\n**not bold**\n```')).toBe('<pre>**not bold**</pre>');
    expect(render('~~~\nx\n~~~')).toBe('<pre>x</pre>');
    // An unclosed fence runs to the end of the text (still valid HTML).
    expect(render('```py\nprint(1)')).toBe('<pre><code class="language-py">print(1)</code></pre>');
  });

  test('links: safe schemes become anchors with escaped href, others stay visible text', () => {
    expect(render('[docs](https://example.com/a?b=1&c="2")')).toBe('<a href="https://example.com/a?b=1&amp;c=&quot;2&quot;">docs</a>');
    expect(render('[**bold link**](https://x.y)')).toBe('<a href="https://x.y"><b>bold link</b></a>');
    expect(render('[click](javascript:alert(1))')).toContain('javascript');
    expect(render('[click](javascript:alert)')).not.toContain('<a');
  });

  test('headings, lists, quotes and rules', () => {
    expect(render('# Title\n## Sub *x*')).toBe('<b>Title</b>\n<b>Sub <i>x</i></b>');
    expect(render('- one\n* two\n  + nested')).toBe('• one\n• two\n  • nested');
    expect(render('1. first\n2. second')).toBe('1. first\n2. second');
    expect(render('> quoted **text**\n> more\nafter')).toBe('<blockquote>quoted <b>text</b>\nmore</blockquote>\nafter');
    expect(render('---')).toBe('──────────');
  });

  test('emoji and non-Latin text pass through', () => {
    expect(render('héllo 👋 **мир**')).toBe('héllo 👋 <b>мир</b>');
  });
});
