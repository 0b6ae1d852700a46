import { open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/** The workspace files injected into the system prompt, in OpenClaw's load order. */
export const BOOTSTRAP_FILE_NAMES = ['AGENTS.md', 'SOUL.md', 'TOOLS.md', 'IDENTITY.md', 'USER.md'] as const;
/** OpenClaw's `bootstrapMaxChars` and `bootstrapTotalMaxChars` defaults. */
export const DEFAULT_BOOTSTRAP_MAX_CHARS = 12_000;
export const DEFAULT_BOOTSTRAP_TOTAL_MAX_CHARS = 60_000;
/** Files larger than this are not read (OpenClaw's `MAX_WORKSPACE_BOOTSTRAP_FILE_BYTES`). */
export const MAX_BOOTSTRAP_FILE_BYTES = 2 * 1024 * 1024;

export interface WorkspaceBootstrapFile {
  name: string;
  path: string;
  content?: string;
  missing: boolean;
  /** Why a file counts as missing. */
  reason?: 'not-found' | 'outside-workspace' | 'not-a-file' | 'too-large' | 'unreadable';
}

/**
 * Reads the bootstrap files of a workspace. A file that is absent, not a regular file, larger than 2 MiB, or a
 * symlink that leads outside the workspace counts as missing (the prompt then says so): the agent's prompt can
 * only ever contain files of its own workspace.
 */
export async function loadWorkspaceBootstrapFiles(dir: string, options: { names?: readonly string[] } = {}): Promise<WorkspaceBootstrapFile[]> {
  const root = await realpath(dir).catch(() => undefined);
  const files: WorkspaceBootstrapFile[] = [];
  for (const name of options.names ?? BOOTSTRAP_FILE_NAMES) {
    const path = join(dir, name);
    files.push({ name, path, ...(root === undefined ? { missing: true, reason: 'not-found' } : await readContained(root, path)) });
  }
  return files;
}

async function readContained(root: string, path: string): Promise<Pick<WorkspaceBootstrapFile, 'content' | 'missing' | 'reason'>> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { missing: true, reason: 'not-found' };
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { missing: true, reason: 'outside-workspace' };
  try {
    const handle = await open(real, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { missing: true, reason: 'not-a-file' };
      if (info.size > MAX_BOOTSTRAP_FILE_BYTES) return { missing: true, reason: 'too-large' };
      return { missing: false, content: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  } catch {
    return { missing: true, reason: 'unreadable' };
  }
}

export interface BootstrapContextFile {
  path: string;
  content: string;
}

const MIN_FILE_BUDGET = 64;
const MIN_TRIMMED_CONTENT = 16;

/**
 * OpenClaw's `buildBootstrapContextFiles`: a missing file becomes `[MISSING] Expected at: <path>`; a file over the
 * per-file cap keeps 75 % head and 25 % tail around a truncation marker; the total cap stops adding files (a
 * file that would get less than 64 characters is skipped with a warning).
 */
export function buildBootstrapContextFiles(
  files: readonly WorkspaceBootstrapFile[],
  options: { maxChars?: number; totalMaxChars?: number; warn?: (message: string) => void } = {},
): BootstrapContextFile[] {
  const maxChars = options.maxChars ?? DEFAULT_BOOTSTRAP_MAX_CHARS;
  let remaining = Math.max(1, Math.floor(options.totalMaxChars ?? Math.max(maxChars, DEFAULT_BOOTSTRAP_TOTAL_MAX_CHARS)));
  const result: BootstrapContextFile[] = [];
  for (const file of files) {
    if (remaining <= 0) break;
    if (file.missing) {
      const text = clamp(`[MISSING] Expected at: ${file.path}`, remaining);
      if (text === '') break;
      remaining -= text.length;
      result.push({ path: file.path, content: text });
      continue;
    }
    if (remaining < MIN_FILE_BUDGET) {
      options.warn?.(`remaining bootstrap budget is ${remaining} chars (<${MIN_FILE_BUDGET}); skipping additional bootstrap files`);
      break;
    }
    const trimmed = trimContent(file.content ?? '', file.name, Math.max(1, Math.min(maxChars, remaining)));
    const content = clamp(trimmed.content, remaining);
    if (content === '') continue;
    if (trimmed.truncated || content.length < trimmed.content.length) {
      options.warn?.(`workspace bootstrap file ${file.name} is ${trimmed.originalLength} chars (limit ${Math.min(maxChars, remaining)}); truncating in injected context`);
    }
    remaining -= content.length;
    result.push({ path: file.path, content });
  }
  return result;
}

function clamp(content: string, budget: number): string {
  if (budget <= 0) return '';
  if (content.length <= budget) return content;
  if (budget <= 3) return safeSlice(content, budget);
  return `${safeSlice(content, budget - 1)}…`;
}

/** Cuts at `length` without splitting a surrogate pair. */
function safeSlice(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, length - 1) : text.slice(0, length);
}

function trimContent(raw: string, fileName: string, maxChars: number): { content: string; truncated: boolean; originalLength: number } {
  const text = raw.trimEnd();
  if (text.length <= maxChars) return { content: text, truncated: false, originalLength: text.length };
  const full = (head: number, tail: number): string =>
    ['', `[...truncated, read ${fileName} for full content...]`, `…(truncated ${fileName}: kept ${head}+${tail} chars of ${text.length})…`, ''].join('\n');
  const compact = (head: number, tail: number): string => `[…truncated ${head}+${tail}/${text.length}]`;
  const separators = (head: number, tail: number, marker: string): number => (marker.includes('\n') ? Number(head > 0) + Number(tail > 0) : 0);
  const template = maxChars - full(0, 0).length - separators(1, 1, full(0, 0)) >= MIN_TRIMMED_CONTENT ? full : compact;
  let head = 0;
  let tail = 0;
  let marker = template(0, 0);
  for (let attempt = 0; attempt < 3; attempt++) {
    const budget = Math.max(0, maxChars - marker.length - separators(head, tail, marker));
    const nextHead = Math.floor(budget * 0.75);
    const nextTail = Math.floor(budget * 0.25);
    const nextMarker = template(nextHead, nextTail);
    if (nextHead === head && nextTail === tail && nextMarker.length === marker.length) break;
    [head, tail, marker] = [nextHead, nextTail, nextMarker];
  }
  let length = head + tail + marker.length + separators(head, tail, marker);
  while (length > maxChars && (tail > 0 || head > 0)) {
    const overflow = length - maxChars;
    if (tail > 0) tail = Math.max(0, tail - overflow);
    else head = Math.max(0, head - overflow);
    marker = template(head, tail);
    length = head + tail + marker.length + separators(head, tail, marker);
  }
  if (head === 0 && tail === 0 && text.length > 0) {
    const single = template(1, 0);
    if (1 + single.length + separators(1, 0, single) <= maxChars) [head, marker] = [1, single];
  }
  const parts = [text.slice(0, head), marker, tail > 0 ? text.slice(-tail) : ''].filter((part) => part.length > 0);
  const content = parts.join(marker.includes('\n') ? '\n' : '');
  return { content: content.length > maxChars ? safeSlice(content, maxChars) : content, truncated: true, originalLength: text.length };
}
