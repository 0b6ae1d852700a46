import { describe, expect, test } from 'vitest';
import { chunkMarkdown } from './chunk-markdown.js';

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every fenced block in a chunk is closed: an even number of fence lines. */
function fencesBalanced(chunk: string): boolean {
  return chunk.split('\n').filter((line) => /^ {0,3}(`{3,}|~{3,})/.test(line)).length % 2 === 0;
}

describe('chunkMarkdown', () => {
  test('short text is one chunk, unchanged', () => {
    expect(chunkMarkdown('hello **world**\n- a\n- b', { limit: 2000 })).toEqual(['hello **world**\n- a\n- b']);
  });

  test('empty and whitespace-only text gives no chunks', () => {
    expect(chunkMarkdown('', { limit: 2000 })).toEqual([]);
    expect(chunkMarkdown(' \n\n \n', { limit: 2000 })).toEqual([]);
  });

  test('splits between paragraphs first, packing as many as fit', () => {
    const paragraphs = ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)];
    const chunks = chunkMarkdown(paragraphs.join('\n\n'), { limit: 70 });
    expect(chunks).toEqual([`${paragraphs[0]}\n\n${paragraphs[1]}`, paragraphs[2]]);
  });

  test('a paragraph too long is split between lines, then between words', () => {
    const lines = Array.from({ length: 6 }, (_, index) => `line ${index} ${'x'.repeat(20)}`);
    const chunks = chunkMarkdown(lines.join('\n'), { limit: 64 });
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(64);
    expect(chunks[0]).toBe(`${lines[0]}\n${lines[1]}`);
    const words = Array.from({ length: 50 }, (_, index) => `word${index}`).join(' ');
    const wordChunks = chunkMarkdown(words, { limit: 40 });
    for (const chunk of wordChunks) {
      expect(chunk.length).toBeLessThanOrEqual(40);
      expect(chunk).toMatch(/^word\d+( word\d+)*$/); // never cut inside a word
    }
    expect(normalize(wordChunks.join(' '))).toBe(words);
  });

  test('a word longer than the limit is cut by code points, never inside a surrogate pair', () => {
    const emoji = '😀'.repeat(30); // 60 UTF-16 units
    const chunks = chunkMarkdown(emoji, { limit: 25 });
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(25);
      expect(chunk).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    expect(chunks.join('')).toBe(emoji);
  });

  test('a code fence that fits stays whole even with blank lines inside', () => {
    const text = `intro\n\n\`\`\`ts\nconst a = 1;\n\nconst b = 2;\n\`\`\`\n\noutro`;
    expect(chunkMarkdown(text, { limit: 2000 })).toEqual([text]);
    const chunks = chunkMarkdown(text, { limit: 40 });
    expect(chunks).toContain('```ts\nconst a = 1;\n\nconst b = 2;\n```');
  });

  test('a long code fence is closed and reopened with its info string in every piece', () => {
    const body = Array.from({ length: 40 }, (_, index) => `console.log(${index});`).join('\n');
    const text = `Here:\n\n\`\`\`js\n${body}\n\`\`\`\n\nDone.`;
    const chunks = chunkMarkdown(text, { limit: 200 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(200);
      expect(fencesBalanced(chunk)).toBe(true);
    }
    const fenced = chunks.filter((chunk) => chunk.includes('console.log'));
    for (const chunk of fenced) expect(chunk).toMatch(/```js\n[\s\S]*?\n```/);
    const code = chunks.join('\n').match(/console\.log\(\d+\);/g);
    expect(code).toHaveLength(40);
  });

  test('an unterminated fence is closed in the output', () => {
    const chunks = chunkMarkdown('```\nopen code\nmore', { limit: 2000 });
    expect(chunks).toEqual(['```\nopen code\nmore\n```']);
  });

  test('tilde fences and longer backtick fences close with their own marker', () => {
    const text = '~~~~py\nprint(1)\n```\nnot a close\n~~~~';
    expect(chunkMarkdown(text, { limit: 2000 })).toEqual([text]);
    expect(chunkMarkdown('``` not`a fence\ntext', { limit: 2000 })).toEqual(['``` not`a fence\ntext']);
  });

  test('maxLines caps the lines of every chunk, fences included', () => {
    const text = Array.from({ length: 30 }, (_, index) => `row ${index}`).join('\n');
    const chunks = chunkMarkdown(text, { limit: 2000, maxLines: 7 });
    for (const chunk of chunks) expect(chunk.split('\n').length).toBeLessThanOrEqual(7);
    expect(chunks.join('\n')).toBe(text);
    const fenced = chunkMarkdown(`\`\`\`\n${text}\n\`\`\``, { limit: 2000, maxLines: 7 });
    for (const chunk of fenced) {
      expect(chunk.split('\n').length).toBeLessThanOrEqual(7);
      expect(fencesBalanced(chunk)).toBe(true);
    }
  });

  test('CRLF input is normalized and a huge message keeps all its text', () => {
    const paragraph = 'lorem ipsum dolor sit amet '.repeat(40).trim();
    const text = Array.from({ length: 60 }, () => paragraph).join('\r\n\r\n');
    const chunks = chunkMarkdown(text, { limit: 2000 });
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2000);
    expect(normalize(chunks.join(' '))).toBe(normalize(text));
  });

  test('rejects a nonsensical limit', () => {
    expect(() => chunkMarkdown('x', { limit: 0 })).toThrow(RangeError);
  });
});
