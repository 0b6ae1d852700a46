import { describe, expect, test } from 'vitest';
import { chunkMarkdown, splitMarkdownBlocks } from './chunk-markdown.js';
import { markdownToTelegramHtml } from './markdown-to-telegram-html.js';
import { renderTelegramChunks } from './telegram-outbound.js';
import { parseTelegramHtml } from './testing/parse-telegram-html.js';

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('splitMarkdownBlocks', () => {
  test('paragraphs split on blank lines; a fenced block is one block even with blank lines inside', () => {
    const blocks = splitMarkdownBlocks('para one\nline two\n\n```js\na\n\nb\n```\n\nlast');
    expect(blocks.map((block) => block.text)).toEqual(['para one\nline two', '```js\na\n\nb\n```', 'last']);
    expect(blocks[1]?.fence).toMatchObject({ marker: '```', language: 'js' });
  });

  test('an unclosed fence is closed at the end', () => {
    expect(splitMarkdownBlocks('```\ncode')).toEqual([{ text: '```\ncode\n```', fence: { marker: '```', language: '', openLine: '```' } }]);
  });
});

describe('chunkMarkdown', () => {
  test('short text is one chunk', () => {
    expect(chunkMarkdown('hello\n\nworld', { limit: 100 })).toEqual(['hello\n\nworld']);
  });

  test('packs paragraphs up to the limit and splits between them', () => {
    const paragraphs = Array.from({ length: 6 }, (_, index) => `paragraph ${index} `.repeat(5).trim());
    const chunks = chunkMarkdown(paragraphs.join('\n\n'), { limit: 200 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
    // Split points fall between paragraphs: every chunk is a run of whole paragraphs.
    for (const chunk of chunks) for (const part of chunk.split('\n\n')) expect(paragraphs).toContain(part);
    expect(chunks.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  test('a long paragraph splits at sentence ends, then words', () => {
    const text = Array.from({ length: 30 }, (_, index) => `Sentence number ${index} ends here.`).join(' ');
    const chunks = chunkMarkdown(text, { limit: 120 });
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(120);
      expect(chunk.endsWith('.')).toBe(true);
    }
    expect(normalize(chunks.join(' '))).toBe(normalize(text));
  });

  test('an unbroken run longer than the limit is cut between code points, never inside a surrogate pair', () => {
    const text = '👍'.repeat(50);
    const chunks = chunkMarkdown(text, { limit: 15 });
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(15);
      expect(chunk).toMatch(/^(👍)+$/u);
    }
    expect(chunks.join('')).toBe(text);
  });

  test('an oversized code fence is split between lines and each piece is closed and reopened', () => {
    const code = Array.from({ length: 40 }, (_, index) => `line_${index} = compute(${index})`).join('\n');
    const markdown = `Intro text.\n\n\`\`\`python\n${code}\n\`\`\`\n\nOutro.`;
    const chunks = chunkMarkdown(markdown, { limit: 300 });
    expect(chunks.length).toBeGreaterThan(2);
    const fenced = chunks.filter((chunk) => chunk.includes('```'));
    for (const chunk of fenced) {
      expect(chunk.length).toBeLessThanOrEqual(300);
      const fenceLines = chunk.split('\n').filter((line) => line.startsWith('```'));
      expect(fenceLines.length % 2).toBe(0); // balanced: never half a code block
      expect(chunk).toContain('```python');
    }
    const codeLines = chunks.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('line_'));
    expect(codeLines).toEqual(code.split('\n'));
  });

  test('measure decides: chunks fit the rendered HTML, escaping included', () => {
    const text = Array.from({ length: 200 }, () => 'a<b & c>d').join(' ');
    const chunks = chunkMarkdown(text, { limit: 500, measure: (chunk) => markdownToTelegramHtml(chunk).length });
    for (const chunk of chunks) expect(markdownToTelegramHtml(chunk).length).toBeLessThanOrEqual(500);
    expect(normalize(chunks.join(' '))).toBe(normalize(text));
  });

  test('rejects a non-positive limit and drops empty chunks', () => {
    expect(() => chunkMarkdown('x', { limit: 0 })).toThrow(RangeError);
    expect(chunkMarkdown('\n\n\n', { limit: 10 })).toEqual([]);
  });
});

describe('renderTelegramChunks', () => {
  test('a long formatted reply becomes valid Telegram HTML chunks within 4096', () => {
    const section = (index: number) => `## Section ${index}\n\nSome **bold** & <escaped> text with \`code\` in it. `.repeat(8) + `\n\n\`\`\`ts\n${'const x = a < b;\n'.repeat(30)}\`\`\``;
    const markdown = Array.from({ length: 12 }, (_, index) => section(index)).join('\n\n');
    const chunks = renderTelegramChunks(markdown, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.html.length).toBeLessThanOrEqual(4096);
      const parsed = parseTelegramHtml(chunk.html);
      expect(parsed.ok).toBe(true);
    }
  });

  test('a huge reply (~0.5 MB) is chunked completely', () => {
    const words = Array.from({ length: 70_000 }, (_, index) => `w${index}`).join(' ');
    const chunks = renderTelegramChunks(words, 4000);
    expect(chunks.length).toBeGreaterThan(100);
    for (const chunk of chunks) expect(chunk.html.length).toBeLessThanOrEqual(4000);
    expect(chunks.map((chunk) => chunk.markdown).join(' ')).toBe(words);
  });
});
