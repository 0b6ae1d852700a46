/**
 * Splits Markdown into platform-sized messages. Pure and platform-neutral (a shared chunker for every channel until
 * it moves to a common package).
 *
 * Preference order: between paragraphs (blank lines), then between lines, then between words, then inside a word
 * (by code point, never splitting a surrogate pair). A fenced code block is kept whole when it fits; when it does
 * not, every piece is closed with the fence and the next reopens it with the same info string, so each message
 * renders on its own.
 */
export interface ChunkMarkdownOptions {
  /** Longest chunk in UTF-16 code units (Discord counts characters the same way for its 2000 limit). */
  limit: number;
  /** Most lines one chunk may have (OpenClaw's `maxLinesPerMessage`); no limit when unset. */
  maxLines?: number | undefined;
}

interface Block {
  lines: string[];
  /** Set for fenced code: the opening line and the closing fence. */
  fence?: { open: string; close: string };
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

function parseBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ lines: paragraph });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const open = FENCE_OPEN.exec(line);
    // CommonMark: the info string of a backtick fence cannot contain a backtick (that line is inline code).
    if (open && !((open[1] as string).startsWith('`') && (open[2] ?? '').includes('`'))) {
      flush();
      const marker = open[1] as string;
      const body: string[] = [];
      let close = marker;
      for (index += 1; index < lines.length; index += 1) {
        const candidate = lines[index] as string;
        const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(candidate);
        if (closing && (closing[1] as string)[0] === marker[0] && (closing[1] as string).length >= marker.length) {
          close = candidate.trim();
          break;
        }
        body.push(candidate);
      }
      blocks.push({ lines: body, fence: { open: line, close } });
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

function render(block: Block): string {
  return block.fence ? [block.fence.open, ...block.lines, block.fence.close].join('\n') : block.lines.join('\n');
}

function lineCount(text: string): number {
  let count = 1;
  for (const char of text) if (char === '\n') count += 1;
  return count;
}

/** Hard split by code points so no piece exceeds `limit`. */
function splitCodePoints(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of text) {
    if (current.length + char.length > limit) {
      pieces.push(current);
      current = '';
    }
    current += char;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Packs `units` joined by `separator` into pieces that satisfy `fits`; a unit too big alone is split by `split`. */
function pack(units: string[], separator: string, fits: (text: string) => boolean, split: (unit: string) => string[]): string[] {
  const pieces: string[] = [];
  let current: string | undefined;
  for (const unit of units) {
    const candidate = current === undefined ? unit : `${current}${separator}${unit}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== undefined) pieces.push(current);
    current = undefined;
    if (fits(unit)) {
      current = unit;
    } else {
      const parts = split(unit);
      pieces.push(...parts.slice(0, -1));
      current = parts.at(-1);
    }
  }
  if (current !== undefined) pieces.push(current);
  return pieces;
}

function splitLine(line: string, limit: number): string[] {
  const words = line.split(/(?<=\s)(?=\S)/); // keeps each word's trailing whitespace, so joining with '' restores the line
  return pack(words, '', (text) => text.length <= limit, (word) => splitCodePoints(word, limit)).map((piece) => piece.trimEnd()).filter(Boolean);
}

function splitBlock(block: Block, options: ChunkMarkdownOptions): string[] {
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  if (!block.fence) {
    const fits = (text: string) => text.length <= options.limit && lineCount(text) <= maxLines;
    return pack(block.lines, '\n', fits, (line) => splitLine(line, options.limit));
  }
  const { open, close } = block.fence;
  const room = options.limit - open.length - close.length - 2;
  // A fence line that leaves no room for code (absurdly long info string): split it as plain lines instead.
  if (room < 8) return splitBlock({ lines: [open, ...block.lines, close] }, options);
  const bodyLines = Math.max(1, maxLines - 2);
  const fits = (text: string) => text.length <= room && lineCount(text) <= bodyLines;
  const bodies = pack(block.lines, '\n', fits, (line) => splitCodePoints(line, room));
  return bodies.map((body) => `${open}\n${body}\n${close}`);
}

export function chunkMarkdown(text: string, options: ChunkMarkdownOptions): string[] {
  if (!Number.isInteger(options.limit) || options.limit < 16) throw new RangeError(`chunk limit must be an integer >= 16, got ${options.limit}`);
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  const fits = (candidate: string) => candidate.length <= options.limit && lineCount(candidate) <= maxLines;
  const chunks: string[] = [];
  let current: string | undefined;
  for (const block of parseBlocks(text)) {
    const whole = render(block);
    const pieces = fits(whole) ? [whole] : splitBlock(block, options);
    for (const piece of pieces) {
      const candidate = current === undefined ? piece : `${current}\n\n${piece}`;
      if (fits(candidate)) {
        current = candidate;
      } else {
        if (current !== undefined) chunks.push(current);
        current = piece;
      }
    }
  }
  if (current !== undefined) chunks.push(current);
  return chunks.filter((chunk) => chunk.trim() !== '');
}
