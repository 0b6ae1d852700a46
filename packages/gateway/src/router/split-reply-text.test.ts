import { describe, expect, it } from 'vitest';
import { splitReplyText } from './split-reply-text.js';

describe('splitReplyText', () => {
  it('keeps a short text whole', () => {
    expect(splitReplyText('hello', 10)).toEqual(['hello', '']);
  });

  it('prefers a paragraph break, then a line break, then a space, then a hard cut', () => {
    expect(splitReplyText('aaaa\n\nbbbb cccc', 12)).toEqual(['aaaa', 'bbbb cccc']);
    expect(splitReplyText('aaaa\nbbbb cccc', 12)).toEqual(['aaaa', 'bbbb cccc']);
    expect(splitReplyText('aaaa bbbb cccc', 12)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitReplyText('abcdefghijkl', 5)).toEqual(['abcde', 'fghijkl']);
  });

  it('does not split inside a code fence when a break outside exists', () => {
    const text = 'intro\n\n```\nline one\n\nline two\n```\nafter';
    const [head, rest] = splitReplyText(text, 30);
    expect(head).toBe('intro');
    expect(rest.startsWith('```')).toBe(true);
  });
});
