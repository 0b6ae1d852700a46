import { describe, expect, test } from 'vitest';
import { markdownToDiscord } from './markdown-to-discord.js';

describe('markdownToDiscord', () => {
  test('what Discord renders passes through unchanged', () => {
    const text = '# Title\n## Sub\n**bold** *it* ~~gone~~ `code` [link](https://example.com)\n> quote\n- item\n1. first\n||spoiler||';
    expect(markdownToDiscord(text)).toBe(text);
  });

  test('__bold__ becomes **bold** (Discord would underline it), but not inside code or words', () => {
    expect(markdownToDiscord('a __strong__ word')).toBe('a **strong** word');
    expect(markdownToDiscord('`__init__` and snake__case__name')).toBe('`__init__` and snake__case__name');
    expect(markdownToDiscord('```py\ndef __init__(self):\n```')).toBe('```py\ndef __init__(self):\n```');
  });

  test('deep headings become bold lines; images become links', () => {
    expect(markdownToDiscord('#### Details ####')).toBe('**Details**');
    expect(markdownToDiscord('###### tiny')).toBe('**tiny**');
    expect(markdownToDiscord('see ![a cat](https://x.test/cat.png "Cat")')).toBe('see [a cat](https://x.test/cat.png)');
    expect(markdownToDiscord('![](https://x.test/a.png)')).toBe('[image](https://x.test/a.png)');
  });

  test('a line starting "-# " is escaped so it does not become subtext', () => {
    expect(markdownToDiscord('-# not small')).toBe('\\-# not small');
  });

  test('tables become an aligned code block by default', () => {
    const table = '| Name | Qty |\n|:-----|----:|\n| apple | 3 |\n| kiwi | 12 |';
    expect(markdownToDiscord(`Stock:\n\n${table}\n\nEnd`)).toBe(
      'Stock:\n\n```\nName  | Qty\n------|----\napple | 3\nkiwi  | 12\n```\n\nEnd',
    );
  });

  test('tables as bullets, or left alone with tables: "off"', () => {
    const table = 'a | b\n--|--\n1 | 2';
    expect(markdownToDiscord(table, { tables: 'bullets' })).toBe('- **a**: 1, **b**: 2');
    expect(markdownToDiscord(table, { tables: 'off' })).toBe(table);
  });

  test('nothing inside a fence is touched, including table-looking and heading lines', () => {
    const text = '```\n#### not a heading\na | b\n--|--\n__x__\n```';
    expect(markdownToDiscord(text)).toBe(text);
  });
});
