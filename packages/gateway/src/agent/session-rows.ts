import type { SessionRecord, SessionStore, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import type { SessionRow, SessionsListParams } from '@rusty-claw/protocol';
import type { Core } from './core-module.js';

const PREVIEW_CHARS = 200;
const TITLE_CHARS = 60;

/** OpenClaw's row kinds: group chats (group/channel/room keys) are `group`, everything under an agent `direct`. */
function rowKind(core: Core, key: string): SessionRow['kind'] {
  if (key === 'global') return 'global';
  const parsed = core.parseSessionKey(key);
  if (!parsed) return 'unknown';
  return parsed.kind === 'group' || parsed.kind === 'channel' || parsed.kind === 'room' ? 'group' : 'direct';
}

function messageText(entry: TranscriptEntry): string | undefined {
  if (entry.type !== 'message') return undefined;
  const content = entry.message.content;
  const text = typeof content === 'string' ? content : content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(' ');
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean === '' ? undefined : clean;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const STRING_FIELDS = ['label', 'displayName', 'channel', 'chatType', 'thinkingLevel', 'verboseLevel', 'reasoningLevel', 'elevatedLevel', 'sendPolicy', 'spawnedBy', 'status'] as const;
const NUMBER_FIELDS = ['inputTokens', 'outputTokens', 'totalTokens', 'contextTokens', 'cacheRead', 'cacheWrite', 'compactionCount'] as const;

/** One `sessions.list` row from a store record (OpenClaw's GatewaySessionRow fields Rusty Claw keeps). */
export async function sessionRow(params: {
  core: Core;
  store: SessionStore;
  record: SessionRecord;
  hasActiveRun: boolean;
  includeLastMessage: boolean;
  includeDerivedTitle: boolean;
}): Promise<SessionRow> {
  const { record } = params;
  const meta = record.meta;
  const row: Record<string, unknown> = { key: record.key, kind: rowKind(params.core, record.key), updatedAt: record.updatedAt || null, sessionId: record.sessionId };
  for (const field of STRING_FIELDS) if (typeof meta[field] === 'string') row[field] = meta[field];
  for (const field of NUMBER_FIELDS) if (typeof meta[field] === 'number') row[field] = meta[field];
  if (typeof meta['fastMode'] === 'boolean') row['fastMode'] = meta['fastMode'];
  const override = params.core.sessionModelOverride(meta);
  if (override !== undefined) {
    const slash = override.indexOf('/');
    row['modelProvider'] = slash === -1 ? undefined : override.slice(0, slash);
    row['model'] = slash === -1 ? override : override.slice(slash + 1);
    if (row['modelProvider'] === undefined) delete row['modelProvider'];
  } else {
    if (typeof meta['model'] === 'string') row['model'] = meta['model'];
    if (typeof meta['modelProvider'] === 'string') row['modelProvider'] = meta['modelProvider'];
  }
  row['hasActiveRun'] = params.hasActiveRun;
  if (params.includeLastMessage || params.includeDerivedTitle) {
    let first: string | undefined;
    let last: string | undefined;
    for await (const entry of params.store.read(record.key)) {
      const text = messageText(entry);
      if (text === undefined) continue;
      if (first === undefined && entry.type === 'message' && entry.message.role === 'user') first = text;
      last = text;
    }
    if (params.includeLastMessage && last !== undefined) row['lastMessagePreview'] = clip(last, PREVIEW_CHARS);
    if (params.includeDerivedTitle && first !== undefined) row['derivedTitle'] = clip(first, TITLE_CHARS);
  }
  return row as SessionRow;
}

/** The filters of `sessions.list` that a record must pass (`activeMinutes`, `label`, `spawnedBy`, `search`). */
export function matchesListFilters(record: SessionRecord, params: SessionsListParams, now: number): boolean {
  if (params.activeMinutes !== undefined && now - record.updatedAt > params.activeMinutes * 60_000) return false;
  if (params.label !== undefined && record.meta['label'] !== params.label) return false;
  if (params.spawnedBy !== undefined && record.meta['spawnedBy'] !== params.spawnedBy) return false;
  const search = params.search?.trim().toLowerCase();
  if (search) {
    const haystack = [record.key, record.meta['label'], record.meta['displayName']].filter((value) => typeof value === 'string').join(' ').toLowerCase();
    if (!haystack.includes(search)) return false;
  }
  return true;
}
