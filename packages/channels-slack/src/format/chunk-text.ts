/**
 * Splits already-formatted message text into pieces of at most `limit` characters, preferring (in order) paragraph
 * breaks, line breaks, sentence ends and spaces. Fenced code blocks (```) are kept whole when they fit; a block that
 * does not fit is split between lines and every piece is closed and reopened with its fence, so no chunk ever ends
 * inside an open code block. Inline tokens that must not be cut (`<…>` mentions/links, `&amp;`-style entities,
 * surrogate pairs) are never split.
 *
 * Platform-neutral on purpose (it only knows ``` fences): a candidate for a shared package once every channel uses it.
 */
export function chunkText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 16) throw new RangeError(`chunk limit must be an integer >= 16, got ${limit}`);
  if (text.length <= limit) return text.trim() === '' ? [] : [text];
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') chunks.push(current);
    current = '';
  };
  for (const block of splitBlocks(text)) {
    const joined = current === '' ? block.text : `${current}\n\n${block.text}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    if (block.text.length <= limit) {
      current = block.text;
      continue;
    }
    const pieces = block.fence === undefined ? splitProse(block.text, limit) : splitFenced(block, limit);
    // The last piece may still share a chunk with what follows.
    for (const piece of pieces.slice(0, -1)) chunks.push(piece);
    current = pieces.at(-1) ?? '';
  }
  flush();
  return chunks;
}

interface Block {
  text: string;
  /** The opening fence line when the block is a fenced code block. */
  fence?: string;
}

const FENCE = /^\s*```/;

/** Paragraphs separated by blank lines; a fenced code block is always a block of its own. */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  let fence: string | undefined;
  const push = () => {
    if (lines.some((line) => line.trim() !== '')) blocks.push(fence === undefined ? { text: lines.join('\n') } : { text: lines.join('\n'), fence });
    lines = [];
  };
  for (const line of text.split('\n')) {
    if (fence !== undefined) {
      lines.push(line);
      if (FENCE.test(line) && lines.length > 1) {
        push();
        fence = undefined;
      }
      continue;
    }
    if (FENCE.test(line)) {
      push();
      fence = line;
      lines.push(line);
      continue;
    }
    if (line.trim() === '') push();
    else lines.push(line);
  }
  push();
  return blocks;
}

/** Splits a fenced block between its lines; every piece gets the opening fence and a closing one. */
function splitFenced(block: Block, limit: number): string[] {
  const open = block.fence ?? '```';
  const lines = block.text.split('\n');
  const closed = lines.length > 1 && FENCE.test(lines.at(-1) ?? '');
  const body = lines.slice(1, closed ? -1 : undefined);
  const room = limit - open.length - '\n\n```'.length;
  if (room < 8) return splitProse(block.text, limit);
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) pieces.push(`${open}\n${current.join('\n')}\n\`\`\``);
    current = [];
    size = 0;
  };
  for (const line of body) {
    const parts = line.length <= room ? [line] : hardSplit(line, room);
    for (const part of parts) {
      const added = current.length === 0 ? part.length : size + 1 + part.length;
      if (added > room) flush();
      current.push(part);
      size = current.length === 1 ? part.length : size + 1 + part.length;
    }
  }
  flush();
  return pieces;
}

/** Packs the lines of a paragraph; a line longer than the limit is cut at sentence ends, then spaces. */
function splitProse(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const parts = line.length <= limit ? [line] : cutLine(line, limit);
    for (const part of parts) {
      const joined = current === '' ? part : `${current}\n${part}`;
      if (joined.length <= limit) current = joined;
      else {
        if (current !== '') pieces.push(current);
        current = part;
      }
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function cutLine(line: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = lastMatchEnd(window, /[.!?。！？][)"'”’\]]*\s+/g, limit);
    if (cut < limit / 3) cut = lastMatchEnd(window, /\s+/g, limit);
    if (cut < limit / 3) cut = limit;
    cut = safeCut(rest, cut, limit);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

function hardSplit(line: string, size: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > size) {
    const cut = safeCut(rest, size, size);
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

/** End of the last match of `pattern` that ends at or before `max` (0 when none). */
function lastMatchEnd(text: string, pattern: RegExp, max: number): number {
  let best = 0;
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (end <= max) best = end;
  }
  return best;
}

/**
 * Moves a cut so it does not fall inside a `<…>` token, an `&…;` entity or a surrogate pair: back to the token's
 * start, or, when the token opens the text, forward past its end if that still fits within `limit`.
 */
function safeCut(text: string, position: number, limit: number = position): number {
  let cut = position;
  const open = text.lastIndexOf('<', cut - 1);
  const close = open === -1 ? -1 : text.indexOf('>', open);
  if (open !== -1 && close >= cut && close - open < 300) {
    if (open > 0) cut = open;
    else if (close + 1 <= limit) cut = close + 1;
  }
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp > 0 && cut - amp < 8 && /^&[a-z#0-9]*$/i.test(text.slice(amp, cut)) && text.indexOf(';', amp) >= cut) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut > 0 ? cut : position;
}
