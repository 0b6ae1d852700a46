import { formatAge } from './format-duration.js';
import { formatTable, formatTokenCount } from './format-table.js';
import { asArray, asBoolean, asNumber, asRecord, asString, type Fields } from './read-fields.js';

/**
 * The human view of `sessions.list` (`{count, totalCount?, hasMore?, path, defaults, sessions[]}`): one
 * row per session with its kind, age, model, token use against the context window, and flags
 * (thinking level, label, a run in progress). Rows are read defensively (OpenClaw's rows carry many
 * more fields); a row without a key is skipped.
 */
export function formatSessionList(payload: unknown, now: number = Date.now()): string[] {
  const list = asRecord(payload) ?? {};
  const rows = asArray(list.sessions)
    .map(asRecord)
    .filter((row): row is Fields => row !== undefined && asString(row.key) !== undefined);
  const defaults = asRecord(list.defaults);
  const defaultModel = modelRef(asString(defaults?.modelProvider), asString(defaults?.model));
  const defaultContext = asNumber(defaults?.contextTokens);

  const lines: string[] = [];
  const total = asNumber(list.totalCount) ?? asNumber(list.count) ?? rows.length;
  const path = asString(list.path);
  lines.push(`Sessions: ${rows.length}${total > rows.length ? ` of ${total}` : ''}${path ? ` (store ${path})` : ''}`);
  if (defaultModel !== undefined) lines.push(`Default model: ${defaultModel}${defaultContext !== undefined ? ` (context ${formatTokenCount(defaultContext)})` : ''}`);
  if (rows.length === 0) return [...lines, 'No sessions yet. Start one with: rusty-claw agent -m "hello"'];

  const table = rows.map((row) => {
    const updatedAt = asNumber(row.updatedAt);
    return [
      asString(row.key) ?? '',
      asString(row.kind) ?? '-',
      updatedAt === undefined ? '-' : formatAge(updatedAt, now),
      modelRef(asString(row.modelProvider), asString(row.model)) ?? defaultModel ?? '-',
      tokenCell(asNumber(row.totalTokens), asNumber(row.contextTokens) ?? defaultContext),
      flags(row),
    ];
  });
  lines.push('', ...formatTable(['KEY', 'KIND', 'UPDATED', 'MODEL', 'TOKENS', 'FLAGS'], table));
  if (total > rows.length) lines.push(`(${total - rows.length} more; raise --limit to see them)`);
  else if (asBoolean(list.hasMore) === true) lines.push('(more sessions; raise --limit to see them)');
  return lines;
}

/** `provider/model`, or the model alone when it already names its provider or none is known. */
export function modelRef(provider: string | undefined, model: string | undefined): string | undefined {
  if (model === undefined || model === '') return undefined;
  if (provider === undefined || provider === '' || model.startsWith(`${provider}/`)) return model;
  return `${provider}/${model}`;
}

function tokenCell(total: number | undefined, context: number | undefined): string {
  if (total === undefined) return '-';
  if (context === undefined || context <= 0) return formatTokenCount(total);
  return `${formatTokenCount(total)}/${formatTokenCount(context)} (${Math.round((total / context) * 100)}%)`;
}

function flags(row: Fields): string {
  const title = asString(row.label) ?? asString(row.displayName) ?? asString(row.derivedTitle);
  return [
    asBoolean(row.hasActiveRun) === true ? 'running' : undefined,
    asString(row.thinkingLevel) !== undefined ? `think:${asString(row.thinkingLevel)}` : undefined,
    asString(row.channel) !== undefined ? `channel:${asString(row.channel)}` : undefined,
    title !== undefined ? `"${title}"` : undefined,
  ]
    .filter((flag): flag is string => flag !== undefined)
    .join(' ');
}
