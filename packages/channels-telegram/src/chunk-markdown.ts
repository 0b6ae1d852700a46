/**
 * Splits a Markdown reply into chunks that each fit a platform message. Platform-neutral (the limit is measured by a
 * caller-supplied `measure`, e.g. the length of the rendered HTML), so other channels can reuse it.
 *
 * Preference order for split points: between blocks (paragraphs, fenced code blocks), then line ends, then sentence
 * ends, then whitespace, then (only for a single unbroken run longer than the limit) between characters. A fenced
 * code block that does not fit is split between its lines and every piece is closed and reopened with the same
 * fence and language, so no chunk ever holds half a code block.
 */
export interface ChunkMarkdownOptions {
  /** Largest allowed `measure(chunk)`. */
  limit: number;
  /** Size of a chunk as the platform counts it (default: string length). Must grow with the text. */
  measure?: (chunk: string) => number;
}

export interface MarkdownFence {
  /** The fence characters (``` or ~~~, possibly longer). */
  marker: string;
  language: string;
  /** The whole opening line, reused when a split block is reopened. */
  openLine: string;
}

export interface MarkdownBlock {
  text: string;
  fence?: MarkdownFence;
}

export function openingFence(line: string): MarkdownFence | undefined {
  const match = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/.exec(line);
  if (!match) return undefined;
  return { marker: match[1] as string, language: match[2] ?? '', openLine: line };
}

export function closesFence(line: string, marker: string): boolean {
  const match = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return match !== null && (match[1] as string)[0] === marker[0] && (match[1] as string).length >= marker.length;
}

/** Paragraphs (separated by blank lines) and whole fenced code blocks, in order. */
export function splitMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const fence = openingFence(line);
    if (fence) {
      flush();
      const body = [line];
      index += 1;
      while (index < lines.length && !closesFence(lines[index] as string, fence.marker)) body.push(lines[index++] as string);
      body.push(index < lines.length ? (lines[index] as string) : fence.marker); // an unclosed fence is closed here
      blocks.push({ text: body.join('\n'), fence });
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

export function chunkMarkdown(markdown: string, options: ChunkMarkdownOptions): string[] {
  const measure = options.measure ?? ((chunk: string) => chunk.length);
  if (!(options.limit > 0)) throw new RangeError('chunk limit must be positive');
  const fitter: Fitter = { fits: (text) => measure(text) <= options.limit, maxRaw: options.limit * RAW_FACTOR };
  const blocks = splitMarkdownBlocks(markdown);
  return pack(
    blocks.map((block) => block.text),
    '\n\n',
    fitter,
    (_piece, index) => {
      const block = blocks[index] as MarkdownBlock;
      return block.fence ? splitFence(block, fitter) : splitText(block.text, 0, fitter);
    },
  ).filter((chunk) => chunk.trim() !== '');
}

/**
 * How much longer than the limit a raw candidate may be and still be measured. Rendering (escaping, tags) only ever
 * removes Markdown markers, which are far fewer than half of any real text, so a candidate more than 4× the limit
 * is never tried. This bounds the work on huge replies; every emitted chunk is still checked with `fits`.
 */
const RAW_FACTOR = 4;

interface Fitter {
  fits(text: string): boolean;
  maxRaw: number;
}

/**
 * Packs consecutive pieces into chunks: for each chunk, binary-searches how many of the following pieces still fit
 * when joined (so a reply of N pieces costs about log N measurements per chunk, not N). A piece that cannot fit
 * alone is split further by `splitFurther`.
 */
function pack(pieces: string[], joiner: string, fitter: Fitter, splitFurther: (piece: string, index: number) => string[]): string[] {
  const chunks: string[] = [];
  let index = 0;
  while (index < pieces.length) {
    const first = pieces[index] as string;
    if (!fitter.fits(first)) {
      chunks.push(...splitFurther(first, index));
      index += 1;
      continue;
    }
    // Candidates end before the next piece that cannot fit alone, and within the raw-length budget.
    let end = index + 1;
    let raw = first.length;
    while (end < pieces.length) {
      const next = pieces[end] as string;
      raw += joiner.length + next.length;
      if (raw > fitter.maxRaw || !fitter.fits(next)) break;
      end += 1;
    }
    let low = index + 1; // join(index, low) fits
    let high = end;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fitter.fits(pieces.slice(index, middle).join(joiner))) low = middle;
      else high = middle - 1;
    }
    chunks.push(pieces.slice(index, low).join(joiner));
    index = low;
  }
  return chunks;
}

const TEXT_LEVELS: Array<{ split: (text: string) => string[]; joiner: string }> = [
  { split: (text) => text.split('\n'), joiner: '\n' },
  { split: (text) => text.split(/(?<=[.!?…])\s+/), joiner: ' ' },
  { split: (text) => text.split(/\s+/), joiner: ' ' },
];

function splitText(text: string, level: number, fitter: Fitter): string[] {
  const rule = TEXT_LEVELS[level];
  if (!rule) return hardSplit(text, fitter);
  const pieces = rule.split(text).filter((piece) => piece !== '');
  return pack(pieces, rule.joiner, fitter, (piece) => splitText(piece, level + 1, fitter));
}

/** Largest prefixes (by code point, never inside a surrogate pair) that fit. */
function hardSplit(text: string, fitter: Fitter): string[] {
  const points = Array.from(text);
  const chunks: string[] = [];
  let start = 0;
  while (start < points.length) {
    let low = start + 1;
    let high = Math.min(points.length, start + fitter.maxRaw);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fitter.fits(points.slice(start, middle).join(''))) low = middle;
      else high = middle - 1;
    }
    chunks.push(points.slice(start, low).join(''));
    start = low;
  }
  return chunks;
}

function splitFence(block: MarkdownBlock, fitter: Fitter): string[] {
  const fence = block.fence as MarkdownFence;
  const lines = block.text.split('\n').slice(1, -1);
  const wrap = (body: string) => `${fence.openLine}\n${body}\n${fence.marker}`;
  const inner: Fitter = { fits: (body) => fitter.fits(wrap(body)), maxRaw: fitter.maxRaw };
  return pack(lines, '\n', inner, (line) => hardSplit(line, inner)).map(wrap);
}
