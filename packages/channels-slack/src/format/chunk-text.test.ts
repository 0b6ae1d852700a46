import { describe, expect, test } from 'vitest';
import { chunkText } from './chunk-text.js';

const words = (count: number, prefix = 'w') => Array.from({ length: count }, (_, index) => `${prefix}${index}`).join(' ');

describe('chunkText', () => {
  test('short text is one chunk; blank text is none', () => {
    expect(chunkText('hello', 100)).toEqual(['hello']);
    expect(chunkText('  \n ', 100)).toEqual([]);
  });

  test('splits on paragraph boundaries and packs paragraphs greedily', () => {
    const paragraphs = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    expect(chunkText(paragraphs.join('\n\n'), 90)).toEqual([`${paragraphs[0]}\n\n${paragraphs[1]}`, paragraphs[2]]);
  });

  test('a long paragraph is cut at sentence ends, then spaces, never mid-word', () => {
    const text = `${words(30, 'a')}. ${words(30, 'b')}. ${words(30, 'c')}.`;
    const chunks = chunkText(text, 200);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
    expect(chunks.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    expect(chunks[0]?.endsWith('.')).toBe(true);
  });

  test('a word longer than the limit is hard-cut', () => {
    const chunks = chunkText('x'.repeat(250), 100);
    expect(chunks.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
  });

  test('a code block that does not fit is closed and reopened in every chunk', () => {
    const code = Array.from({ length: 40 }, (_, index) => `line ${index} of the code`).join('\n');
    const text = `intro\n\n\`\`\`\n${code}\n\`\`\`\n\noutro`;
    const chunks = chunkText(text, 200);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(200);
      expect((chunk.match(/```/g) ?? []).length % 2).toBe(0);
    }
    const codeLines = chunks.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('line '));
    expect(codeLines).toEqual(code.split('\n'));
  });

  test('a code block that fits is never split', () => {
    const block = `\`\`\`\n${'x\n'.repeat(30)}\`\`\``;
    const chunks = chunkText(`${'p'.repeat(150)}\n\n${block}`, 200);
    expect(chunks).toEqual(['p'.repeat(150), block]);
  });

  test('never cuts inside a <link|label> token or an &amp; entity', () => {
    const token = '<https://example.com/a/long/path|a label>';
    const text = `${'y'.repeat(80)}${token}${'z'.repeat(80)}`;
    for (const chunk of chunkText(text, 100)) {
      const opens = (chunk.match(/</g) ?? []).length;
      const closes = (chunk.match(/>/g) ?? []).length;
      expect(opens).toBe(closes);
    }
    const entities = chunkText(`${'q'.repeat(97)}&amp;rest`, 100);
    expect(entities[0]).toBe('q'.repeat(97));
    expect(entities[1]).toBe('&amp;rest');
  });

  test('never splits a surrogate pair', () => {
    const chunks = chunkText(`${'a'.repeat(99)}😀😀`, 100);
    expect(chunks[0]).toBe('a'.repeat(99));
    expect(chunks.join('')).toBe(`${'a'.repeat(99)}😀😀`);
  });

  test('rejects a nonsensical limit', () => {
    expect(() => chunkText('x', 3)).toThrow(RangeError);
  });

  test('a huge reply keeps every word and respects the limit', () => {
    const text = Array.from({ length: 300 }, (_, index) => words(25, `p${index}-`)).join('\n\n');
    const chunks = chunkText(text, 4000);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4000);
    expect(chunks.join('\n\n').split(/\s+/)).toEqual(text.split(/\s+/));
  });
});
