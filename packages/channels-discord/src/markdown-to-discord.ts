/**
 * Markdown (CommonMark/GFM, what models write) → Discord's message Markdown. Mostly passthrough: Discord renders
 * bold, italics, strikethrough, inline code, fences, quotes, lists, `#`–`###` headings and `[text](url)` links.
 * What differs is rewritten, outside code only:
 * - `__text__` is underline on Discord but bold in Markdown → `**text**`;
 * - headings `####`–`######` do not exist on Discord → a bold line;
 * - images `![alt](url)` → a link `[alt](url)`;
 * - GFM tables (Discord has none) → a code block (default), bullets, or left as is (`markdown.tables`);
 * - a line starting `-# ` would turn into Discord "subtext" → the `-` is escaped.
 * Mentions such as `@everyone` are not rewritten: the channel sends with `allowed_mentions` so none of them ping.
 */
export type DiscordTableMode = 'off' | 'bullets' | 'code' | 'block';

export interface MarkdownToDiscordOptions {
  tables?: DiscordTableMode | undefined;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function convertInline(text: string): string {
  // Only outside inline code spans: split keeps the spans at odd indexes.
  return text
    .split(/(`+[^`]*?`+)/)
    .map((segment, index) => {
      if (index % 2 === 1) return segment;
      return segment
        .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_match, alt: string, url: string) => `[${alt.trim() || 'image'}](${url})`)
        .replace(/(^|[^\w_\\])__(?=\S)([^_\n]*?\S)__(?![\w_])/g, '$1**$2**');
    })
    .join('');
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function renderTable(lines: string[], mode: DiscordTableMode): string[] {
  if (mode === 'off') return lines;
  const header = splitRow(lines[0] as string);
  const rows = lines.slice(2).map(splitRow);
  if (mode === 'bullets') {
    return rows.map((row) => `- ${row.map((cell, index) => (header[index] ? `**${header[index]}**: ${cell}` : cell)).join(', ')}`);
  }
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]) => widths.map((width, column) => (row[column] ?? '').padEnd(width)).join(' | ').trimEnd();
  return ['```', format(header), widths.map((width) => '-'.repeat(Math.max(width, 1))).join('-|-'), ...rows.map(format), '```'];
}

export function markdownToDiscord(markdown: string, options: MarkdownToDiscordOptions = {}): string {
  const tables = options.tables ?? 'code';
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      out.push(line);
      if (fenceMatch && (fenceMatch[1] as string)[0] === fence[0] && (fenceMatch[1] as string).length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] as string;
      out.push(line);
      continue;
    }
    const next = lines[index + 1];
    if (line.includes('|') && next !== undefined && TABLE_DELIMITER.test(next) && next.includes('-')) {
      const table = [line, next];
      for (index += 2; index < lines.length && (lines[index] as string).includes('|') && (lines[index] as string).trim() !== ''; index += 1) {
        table.push(lines[index] as string);
      }
      index -= 1;
      out.push(...renderTable(table, tables).map((row) => (tables === 'off' ? convertInline(row) : row)));
      continue;
    }
    const heading = /^ {0,3}#{4,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.push(`**${convertInline(heading[1] as string)}**`);
      continue;
    }
    out.push(convertInline(line.replace(/^(\s*)-#(\s)/, '$1\\-#$2')));
  }
  return out.join('\n');
}
