import { asArray, asNumber, asRecord, asString, asStringArray, type Fields } from './read-fields.js';
import { formatAge } from './format-duration.js';

/** The human view of `device.pair.list` (`{pending[], paired[]}`). */
export function formatDeviceList(payload: unknown, now: number = Date.now()): string[] {
  const list = asRecord(payload) ?? {};
  const pending = asArray(list.pending).map(asRecord).filter((entry): entry is Fields => entry !== undefined);
  const paired = asArray(list.paired).map(asRecord).filter((entry): entry is Fields => entry !== undefined);
  const lines: string[] = [];

  lines.push(`Pending (${pending.length})`);
  for (const request of pending) {
    const requestId = asString(request.requestId) ?? '?';
    const details = [
      `device ${shortId(asString(request.deviceId))}`,
      describeClient(request),
      roleList(request),
      timeAgo(asNumber(request.ts), now),
    ].filter((part) => part !== '');
    lines.push(`  ${requestId}  ${details.join(' · ')}`);
  }

  lines.push(`Paired (${paired.length})`);
  for (const device of paired) {
    const tokens = asArray(device.tokens).map(asRecord).filter((token): token is Fields => token !== undefined);
    const activeRoles = tokens.filter((token) => asNumber(token.revokedAtMs) === undefined).map((token) => asString(token.role)).filter(Boolean);
    const details = [
      describeClient(device),
      roleList(device),
      tokens.length > 0 ? `tokens: ${activeRoles.length > 0 ? activeRoles.join(', ') : 'all revoked'}` : '',
      timeAgo(asNumber(device.approvedAtMs), now, 'approved '),
    ].filter((part) => part !== '');
    lines.push(`  ${asString(device.deviceId) ?? '?'}${details.length > 0 ? `  ${details.join(' · ')}` : ''}`);
  }
  return lines;
}

function shortId(id: string | undefined): string {
  if (id === undefined) return '?';
  return id.length > 16 ? `${id.slice(0, 12)}…` : id;
}

function describeClient(entry: Fields): string {
  const name = asString(entry.displayName);
  const client = asString(entry.clientId);
  const platform = asString(entry.platform);
  return [name, client, platform].filter(Boolean).join(' / ');
}

function roleList(entry: Fields): string {
  const roles = asStringArray(entry.roles);
  const role = asString(entry.role);
  const allRoles = roles.length > 0 ? roles : role ? [role] : [];
  const scopes = asStringArray(entry.scopes);
  if (allRoles.length === 0 && scopes.length === 0) return '';
  return `${allRoles.join(',') || 'operator'}${scopes.length > 0 ? ` [${scopes.join(', ')}]` : ''}`;
}

function timeAgo(ms: number | undefined, now: number, prefix = ''): string {
  return ms === undefined ? '' : `${prefix}${formatAge(ms, now)}`;
}
