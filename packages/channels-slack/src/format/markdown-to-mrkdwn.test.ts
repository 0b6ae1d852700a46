import { describe, expect, test } from 'vitest';
import { markdownToMrkdwn } from './markdown-to-mrkdwn.js';

describe('markdownToMrkdwn', () => {
  test.each([
    ['**bold** and __also__', '*bold* and *also*'],
    ['*italic* and _also_', '_italic_ and _also_'],
    ['~~gone~~', '~gone~'],
    ['a `code <span>` here', 'a `code &lt;span&gt;` here'],
    ['[the docs](https://example.com/a?b=1&c=2)', '<https://example.com/a?b=1&amp;c=2|the docs>'],
    ['<https://example.com>', '<https://example.com>'],
    ['see https://example.com/x now', 'see <https://example.com/x> now'],
    ['# Title\n\ntext', '*Title*\n\ntext'],
    ['## **Already bold** heading', '*Already bold heading*'],
    ['Tom & Jerry <3 > 2', 'Tom &amp; Jerry &lt;3 &gt; 2'],
    ['> quoted\n> more', '> quoted\n> more'],
    ['---', '──────────'],
    ['![a cat](https://example.com/cat.png)', '<https://example.com/cat.png|a cat>'],
    ['[click](javascript:alert(1))', 'click (javascript:alert(1))'],
    ['line one  \nline two', 'line one\nline two'],
  ])('%j', (markdown, expected) => {
    expect(markdownToMrkdwn(markdown)).toBe(expected);
  });

  test('lists: bullets, numbers, nesting and tasks', () => {
    expect(markdownToMrkdwn('- a\n- b\n  - c\n\n3. x\n4. y\n\n- [x] done\n- [ ] todo')).toBe(
      '• a\n• b\n    • c\n\n3. x\n4. y\n\n• ☑ done\n• ☐ todo',
    );
  });

  test('fenced code keeps its text (escaped), drops the language', () => {
    expect(markdownToMrkdwn('```ts\nif (a < b && c) {\n  **not bold**\n}\n```')).toBe('```\nif (a &lt; b &amp;&amp; c) {\n  **not bold**\n}\n```');
  });

  test('mentions, channels, user groups, dates and Slack links pass through', () => {
    const text = 'hi <@U012AB3CD> in <#C123ABC|general>, ping <!subteam^S0614TZR7|@team> by <!date^1392734382^{date}|Feb 18>, <https://a.b/c|label>';
    expect(markdownToMrkdwn(text)).toBe(text);
  });

  test('broadcast mentions are escaped, never sent live', () => {
    expect(markdownToMrkdwn('hey <!channel> and <!here> and <!everyone>')).toBe('hey &lt;!channel&gt; and &lt;!here&gt; and &lt;!everyone&gt;');
  });

  test('a mention inside code is shown literally', () => {
    expect(markdownToMrkdwn('`<@U012AB3CD>`')).toBe('`&lt;@U012AB3CD&gt;`');
  });

  test('the | in a URL cannot end the link target', () => {
    expect(markdownToMrkdwn('[x](https://e.com/a|b)')).toBe('<https://e.com/a%7Cb|x>');
  });

  test('tables become a monospace block with aligned columns', () => {
    expect(markdownToMrkdwn('| name | n |\n|---|---:|\n| a<b | 1 |\n| long name | 22 |')).toBe(
      '```\nname      | n\n----------|---\na&lt;b       | 1\nlong name | 22\n```',
    );
  });

  test('raw HTML is shown as text', () => {
    expect(markdownToMrkdwn('<div>x</div>')).toBe('&lt;div&gt;x&lt;/div&gt;');
  });

  test('plain prose is unchanged', () => {
    const prose = 'alpha bravo charlie.\n\ndelta echo';
    expect(markdownToMrkdwn(prose)).toBe(prose);
  });

  test('empty input', () => {
    expect(markdownToMrkdwn('')).toBe('');
    expect(markdownToMrkdwn('   \n\n ')).toBe('');
  });
});
