import { formatAge } from '../render/format-duration.js';
import { asArray, asBoolean, asNumber, asRecord, asString, type Fields } from '../render/read-fields.js';

function accountLine(channelLabel: string, account: Fields, now: number): string[] {
  const accountId = asString(account['accountId']) ?? 'default';
  const name = asString(account['name']);
  const running = asBoolean(account['running']) === true;
  const connected = asBoolean(account['connected']) === true;
  const state = asString(account['healthState']) ?? (connected ? 'connected' : running ? 'running' : 'stopped');
  const parts = [state === 'connected' || (connected && !account['healthState']) ? 'connected' : state];
  const mode = asString(account['mode']);
  if (mode) parts.push(mode);
  const inbound = asNumber(account['lastInboundAt']);
  const outbound = asNumber(account['lastOutboundAt']);
  parts.push(`in ${inbound === undefined ? 'never' : formatAge(inbound, now)}`);
  parts.push(`out ${outbound === undefined ? 'never' : formatAge(outbound, now)}`);
  const reconnects = asNumber(account['reconnectCount']) ?? asNumber(account['reconnectAttempts']);
  if (reconnects !== undefined) parts.push(`reconnects ${reconnects}`);
  const activeRuns = asNumber(account['activeRuns']);
  if (activeRuns) parts.push(`${activeRuns} running`);
  const lines = [`${channelLabel} ${accountId}${name ? ` (${name})` : ''}: ${parts.join(' · ')}`];
  const dmPolicy = asString(account['dmPolicy']);
  if (dmPolicy) lines.push(`  dm policy: ${dmPolicy}`);
  const probe = asRecord(account['probe']);
  if (probe) {
    const self = asRecord(probe['self']);
    const who = asString(self?.['username']) ?? asString(self?.['id']);
    lines.push(`  probe: ${asBoolean(probe['ok']) === true ? 'ok' : `failed${asString(probe['error']) ? ` (${asString(probe['error'])})` : ''}`}${who ? ` as ${who}` : ''}`);
  }
  const lastError = asString(account['lastError']);
  if (lastError) lines.push(`  last error: ${lastError}`);
  return lines;
}

/**
 * `channels status` for people: one line per account (state, mode, last inbound/outbound, reconnects), then the
 * DM policy, the probe result and the last error. Reads the payload defensively (an OpenClaw gateway sends more).
 */
export function formatChannelsStatus(payload: unknown, now = Date.now()): string[] {
  const status = asRecord(payload);
  const order = asArray(status?.['channelOrder']).filter((entry): entry is string => typeof entry === 'string');
  if (order.length === 0) return ['No channels are configured (add one under channels.<name> in the config).'];
  const labels = asRecord(status?.['channelLabels']) ?? {};
  const accounts = asRecord(status?.['channelAccounts']) ?? {};
  const lines: string[] = [];
  for (const channel of order) {
    const label = asString(labels[channel]) ?? channel;
    const list = asArray(accounts[channel]).map(asRecord).filter((entry): entry is Fields => entry !== undefined);
    if (list.length === 0) lines.push(`${label}: no accounts`);
    for (const account of list) lines.push(...accountLine(label, account, now));
  }
  return lines;
}

/** `pairing list` for people: one line per pending request (code, sender, who, when). */
export function formatPairingList(payload: unknown, now = Date.now()): string[] {
  const requests = asArray(asRecord(payload)?.['requests']).map(asRecord).filter((entry): entry is Fields => entry !== undefined);
  if (requests.length === 0) return ['No pending pairing requests.'];
  const lines = [`Pairing requests (${requests.length}):`];
  for (const request of requests) {
    const metadata = asRecord(request['metadata']) ?? {};
    const who = asString(metadata['username']) ?? asString(metadata['displayName']);
    const created = Date.parse(asString(request['createdAt']) ?? '');
    const code = asString(request['code']) ?? asString(request['requestId']) ?? '?';
    lines.push(
      `  ${code}  ${asString(request['channel']) ?? '?'}/${asString(request['accountId']) ?? 'default'}  sender ${asString(request['senderId']) ?? '?'}${who ? ` (${who})` : ''}  ${Number.isFinite(created) ? formatAge(created, now) : ''}`.trimEnd(),
    );
  }
  return lines;
}
